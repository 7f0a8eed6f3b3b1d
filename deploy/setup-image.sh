#!/usr/bin/env bash
# The container image's build steps, as one script: the Dockerfile runs it, and so does tests/unit/test_deploy.py
# (with --check, on this machine: no container engine runs here), so the steps are exercised without docker.
#   deploy/setup-image.sh            install system packages, the Python requirements and the non-root user (image build)
#   deploy/setup-image.sh --check    only verify that everything the image needs is present and works
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=(nginx chromium fonts-dejavu-core fonts-liberation)
APP_USER=atlas
PYTHON=${PYTHON:-python3}

missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done

if [ "${1:-}" = "--check" ]; then
  [ "${#missing[@]}" -eq 0 ] || { echo "missing system packages: ${missing[*]}" >&2; exit 1; }
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx not runnable" >&2; exit 1; }
  chromium --version >/dev/null || { echo "chromium not runnable" >&2; exit 1; }
  "$PYTHON" -c 'import streamlit, plotly, kaleido, igraph, neuroimmune.serve' || { echo "python requirements missing" >&2; exit 1; }
  "$PYTHON" -m neuroimmune validate data >/dev/null
  echo "image steps: ok (${PACKAGES[*]}; python requirements; data valid)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  rm -rf /var/lib/apt/lists/*
fi
"$PYTHON" -m pip install --no-cache-dir -q -r requirements.txt
id -u "$APP_USER" >/dev/null 2>&1 || useradd --create-home --shell /usr/sbin/nologin "$APP_USER"
