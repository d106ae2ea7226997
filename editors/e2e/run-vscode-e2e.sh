#!/usr/bin/env bash
# Install what is missing, start code-server with our extension on 127.0.0.1, run vscode_e2e.js,
# stop code-server. Prints the driver's JSON lines; exit code is the driver's.
#
#   PROACTIVE_E2E_SERVER_CMD   JSON argv of the language server (default: <python> -m proactive_lsp)
#   PROACTIVE_E2E_SERVER_PYTHON  interpreter for the default argv
#   PROACTIVE_E2E_VSIX         install this .vsix instead of copying editors/vscode
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$E2E_DIR/install-chromium.sh"
bash "$E2E_DIR/install-playwright.sh"
bash "$E2E_DIR/install-code-server.sh"

cs="$E2E_CACHE/code-server-4.100.3"
run="$E2E_CACHE/runs/vscode-$(date +%Y%m%d-%H%M%S)-$$"
art="$E2E_ARTIFACTS/vscode"
mkdir -p "$run/ws" "$run/data/User" "$run/ext" "$art"
rm -f "$art"/*.png
cp -r "$E2E_REPO/tests/editors/fixtures/workspace/." "$run/ws/"

# The extension: a .vsix when given, else a copy of editors/vscode with its production dependencies.
version="$(node -p "require('$E2E_REPO/editors/vscode/package.json').version")"
if [ -n "${PROACTIVE_E2E_VSIX:-}" ]; then
    "$cs/out/node/entry.js" --extensions-dir "$run/ext" --user-data-dir "$run/data" \
        --install-extension "$PROACTIVE_E2E_VSIX" >&2
else
    extdir="$run/ext/proactive-lsp.proactive-lsp-$version"
    mkdir -p "$extdir"
    (cd "$E2E_REPO/editors/vscode" && tar cf - --exclude=node_modules --exclude='*.vsix' .) | (cd "$extdir" && tar xf -)
    (cd "$extdir" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >&2)
fi

python="${PROACTIVE_E2E_SERVER_PYTHON:-}"
if [ -z "$python" ]; then
    # The repository's own environment first: `make test` installs it with the SDK (export, submit).
    for candidate in "$E2E_REPO/.venv/bin/python" "$E2E_CACHE/jupyterlab-venv/bin/python" python3; do
        if (cd / && "$candidate" -c 'import proactive_lsp') 2>/dev/null; then python="$candidate"; break; fi
    done
    python="${python:-python3}"
fi
argv="$(e2e_server_argv_json "$python")"

# A loopback stand-in of the scheduler's REST interface (tests/standin) for "Submit job": the
# password the driver types is the one it accepts. Without it the submit step just fails (optional).
scheduler_url="http://127.0.0.1:9/"
if (cd "$E2E_REPO/tests" && "$python" -c 'import standin.serve') 2>/dev/null; then
    (cd "$E2E_REPO/tests" && exec "$python" -m standin.serve --user e2e:e2e-secret --polls 8 --seconds 900) \
        >"$run/standin.out" 2>"$run/standin.log" &
    standin_pid=$!
    for _ in $(seq 50); do [ -s "$run/standin.out" ] && break; sleep 0.1; done
    [ -s "$run/standin.out" ] && scheduler_url="$(head -n1 "$run/standin.out")"
fi
cat >"$run/data/User/settings.json" <<JSON
{
  "proactive.server.command": $argv,
  "proactive.scheduler.url": "$scheduler_url",
  "proactive.scheduler.login": "e2e",
  "proactive.trace.server": "verbose",
  "workbench.startupEditor": "none",
  "git.enabled": false,
  "editor.hover.delay": 150,
  "git.openRepositoryInParentFolders": "never",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "files.autoSave": "off",
  "editor.quickSuggestions": {"comments": "on", "strings": "on", "other": "on"},
  "editor.wordBasedSuggestions": "off",
  "chat.commandCenter.enabled": false,
  "window.commandCenter": false
}
JSON
e2e_log "server argv: $argv"

port="$(e2e_free_port)"
"$cs/out/node/entry.js" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry \
    --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$run/data" --extensions-dir "$run/ext" "$run/ws" >"$run/code-server.log" 2>&1 &
cs_pid=$!
cleanup() {
    kill "$cs_pid" 2>/dev/null || true
    [ -n "${standin_pid:-}" ] && kill "$standin_pid" 2>/dev/null || true
    wait "$cs_pid" 2>/dev/null || true
    # Keep the logs (LSP trace, extension host) next to the screenshots.
    rm -rf "$art/logs"
    cp -r "$run/data/logs" "$art/logs" 2>/dev/null || true
    cp "$run/code-server.log" "$art/" 2>/dev/null || true
}
trap cleanup EXIT
e2e_wait_http "http://127.0.0.1:$port/healthz" 60 || { e2e_log "code-server did not start"; cat "$run/code-server.log" >&2; exit 1; }

set +e
NODE_PATH="$E2E_CACHE/node/node_modules" node "$E2E_DIR/vscode_e2e.js" "http://127.0.0.1:$port" "$run/ws" "$art"
rc=$?
set -e
exit "$rc"
