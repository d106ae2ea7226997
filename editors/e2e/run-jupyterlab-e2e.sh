#!/usr/bin/env bash
# Install what is missing, start JupyterLab (jupyterlab-lsp) on 127.0.0.1 in the cache venv with
# editors/jupyterlab/overrides.json, run jupyterlab_e2e.js, stop JupyterLab.
# Prints the driver's JSON lines; exit code is the driver's.
#
#   PROACTIVE_E2E_SERVER_CMD  JSON argv of another language server: registered through a conf.d
#                             file instead of the package's jupyter_lsp_spec_v1 entry point
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$E2E_DIR/install-chromium.sh"
bash "$E2E_DIR/install-playwright.sh"
bash "$E2E_DIR/install-jupyterlab.sh"

venv="$E2E_CACHE/jupyterlab-venv"
run="$E2E_CACHE/runs/jupyterlab-$(date +%Y%m%d-%H%M%S)-$$"
art="$E2E_ARTIFACTS/jupyterlab"
mkdir -p "$run/ws" "$run/home" "$art"
rm -f "$art"/*.png
cp -r "$E2E_REPO/tests/editors/fixtures/workspace/." "$run/ws/"

# Settings every user of the extension is told to install (README): #% opens the completer.
mkdir -p "$venv/share/jupyter/lab/settings"
cp "$E2E_REPO/editors/jupyterlab/overrides.json" "$venv/share/jupyter/lab/settings/overrides.json"

# How jupyter-lsp finds the server: our entry point, unless another server is being tried.
confd="$venv/etc/jupyter/jupyter_server_config.d"
mkdir -p "$confd"
rm -f "$confd/proactive-lsp-e2e.json"
if [ -n "${PROACTIVE_E2E_SERVER_CMD:-}" ]; then
    registration="conf.d (PROACTIVE_E2E_SERVER_CMD)"
    cat >"$confd/proactive-lsp-e2e.json" <<JSON
{"LanguageServerManager": {"language_servers": {"proactive-lsp": {
  "version": 2, "argv": $PROACTIVE_E2E_SERVER_CMD, "languages": ["python"],
  "mime_types": ["text/x-python", "text/python", "text/x-ipython"],
  "display_name": "ProActive pragmas (e2e)", "requires_documents_on_disk": false}}}}
JSON
elif "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(0 if any(e.name == "proactive-lsp" for e in m.entry_points(group="jupyter_lsp_spec_v1")) else 1)'; then
    registration="jupyter_lsp_spec_v1 entry point"
else
    e2e_log "no jupyter_lsp_spec_v1 entry point named proactive-lsp in the venv; set PROACTIVE_E2E_SERVER_CMD or add the entry point"
    exit 1
fi
e2e_log "server registration: $registration"

port="$(e2e_free_port)"
(
    cd "$run/ws"
    HOME="$run/home" JUPYTER_CONFIG_DIR="$run/home/.jupyter" JUPYTERLAB_SETTINGS_DIR="$run/home/lab-settings" \
    JUPYTERLAB_WORKSPACES_DIR="$run/home/lab-workspaces" JUPYTER_RUNTIME_DIR="$run/home/runtime" \
    exec "$venv/bin/jupyter" lab --no-browser --ip=127.0.0.1 --port="$port" --ServerApp.port_retries=0 \
        --IdentityProvider.token= --ServerApp.password= --ServerApp.disable_check_xsrf=True \
        --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
        --allow-root
) >"$run/jupyterlab.log" 2>&1 &
jl_pid=$!
cleanup() {
    kill "$jl_pid" 2>/dev/null || true
    wait "$jl_pid" 2>/dev/null || true
    cp "$run/jupyterlab.log" "$art/" 2>/dev/null || true
}
trap cleanup EXIT
e2e_wait_http "http://127.0.0.1:$port/api" 90 || { e2e_log "JupyterLab did not start"; cat "$run/jupyterlab.log" >&2; exit 1; }

set +e
NODE_PATH="$E2E_CACHE/node/node_modules" node "$E2E_DIR/jupyterlab_e2e.js" "http://127.0.0.1:$port" "$art"
rc=$?
set -e
curl -s "http://127.0.0.1:$port/lsp/status" >"$art/lsp-status.json" || true
exit "$rc"
