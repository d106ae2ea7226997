#!/usr/bin/env bash
# A separate virtualenv in the cache with JupyterLab 4, jupyterlab-lsp, jupyter-lsp and this
# repository's package (editable), so that jupyter-lsp finds our jupyter_lsp_spec_v1 entry point.
#
#   PROACTIVE_E2E_NO_PACKAGE=1  skip installing the repository package (infrastructure checks
#                               against another server given by PROACTIVE_E2E_SERVER_CMD)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 1>&2  # progress goes to stderr: the runners keep stdout for JSON lines

venv="$E2E_CACHE/jupyterlab-venv"
py="${PROACTIVE_E2E_PYTHON:-python3}"
start=$(date +%s)

if [ ! -x "$venv/bin/python" ]; then
    e2e_log "creating $venv"
    "$py" -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import jupyterlab, jupyter_lsp, jupyterlab_lsp, ipykernel' 2>/dev/null; then
    e2e_log "pip install jupyterlab>=4,<5 jupyterlab-lsp jupyter-lsp ipykernel"
    "$venv/bin/pip" install -q --disable-pip-version-check "jupyterlab>=4,<5" jupyterlab-lsp jupyter-lsp ipykernel
fi
if [ "${PROACTIVE_E2E_NO_PACKAGE:-0}" != 1 ]; then
    e2e_log "pip install -e <repo>"
    "$venv/bin/pip" install -q --disable-pip-version-check -e "$E2E_REPO"
fi
"$venv/bin/python" - <<'PY'
import importlib.metadata as md
print("jupyterlab", md.version("jupyterlab"), "| jupyterlab-lsp", md.version("jupyterlab-lsp"),
      "| jupyter-lsp", md.version("jupyter-lsp"))
eps = [ep.name for ep in md.entry_points(group="jupyter_lsp_spec_v1")]
print("jupyter_lsp_spec_v1 entry points:", eps)
PY
e2e_log "done in $(( $(date +%s) - start )) s"
