"""A 100,000-edge atlas uploads, validates and draws without a crash, with peak memory under 2 GB.

Runs in a fresh interpreter so its peak RSS measures only the app (AppTest) and the upload.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SCRIPT = textwrap.dedent(
    """
    import io, json, resource, sys, zipfile
    from streamlit.testing.v1 import AppTest
    from neuroimmune.synthetic import synthetic_frames

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, frame in synthetic_frames(10_000, 100_000, seed=5).items():
            zf.writestr(f"atlas/{name}.csv", frame.to_csv(index=False))
    data = buf.getvalue()
    at = AppTest.from_file(sys.argv[1], default_timeout=600)
    at.run()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="upload_files").set_value([("atlas100k.zip", data, "application/zip")]).run()
    errors = [e.value for e in at.exception]
    loaded = at.session_state["user_atlas"] if "user_atlas" in at.session_state else None
    drawn = []
    for page in sys.argv[2:]:
        at.switch_page(page).run()
        errors += [e.value for e in at.exception]
        drawn.append(len(at.get("plotly_chart")))
    print(json.dumps({
        "zip_mb": len(data) / 1e6,
        "edges": 0 if loaded is None else len(loaded.edges),
        "errors": errors,
        "charts": drawn,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    """
)


def test_upload_100k_edges_validates_draws_under_2gb():
    pages = [p for p in ("pages/gut_brain.py", "pages/explorer.py", "pages/home.py") if (ROOT / p).exists()]
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "app.py"), *pages], capture_output=True, text=True, cwd=ROOT, timeout=900
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["edges"] == 100_000
    assert all(n >= 1 for n in result["charts"]), result
    assert result["peak_mb"] < 2048, result
