"""The library never imports streamlit, so notebooks and the CLI can use it."""

import ast
from pathlib import Path

LIB = Path(__file__).resolve().parents[2] / "neuroimmune"


def test_no_streamlit_import_in_library():
    offenders = []
    for path in LIB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []
