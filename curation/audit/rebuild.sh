#!/usr/bin/env bash
# Rebuild data/ from the pre-audit atlas (curation/audit/base/, the atlas as it was before the per-citation audit)
# plus every audit slice: python curation/audit/merge_audit.py applies restatements, evidence rows and grades.
set -euo pipefail
cd "$(dirname "$0")/../.."
py=python3; [ -x .venv/bin/python ] && py=.venv/bin/python
for f in nodes edges sources lessons; do cp "curation/audit/base/$f.csv" "data/$f.csv"; done
rm -f data/evidence.csv
"$py" curation/audit/merge_audit.py curation/audit --data data --report curation/audit/MERGE_REPORT.txt "$@"
