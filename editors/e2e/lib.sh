# Shared settings for the editor end-to-end scripts. Source it; do not run it.
#
#   E2E_REPO   the repository root (derived from this file's location)
#   E2E_CACHE  where everything is installed; git-ignored (.cache/ in .gitignore)
#              override with PROACTIVE_E2E_CACHE
#   E2E_ARTIFACTS  screenshots, logs and JSON results; override with PROACTIVE_E2E_ARTIFACTS

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
E2E_REPO="$(cd "$E2E_DIR/../.." && pwd)"
E2E_CACHE="${PROACTIVE_E2E_CACHE:-$E2E_REPO/.cache/e2e}"
E2E_ARTIFACTS="${PROACTIVE_E2E_ARTIFACTS:-$E2E_REPO/artifacts/editors}"
E2E_CHROMIUM="${PROACTIVE_E2E_CHROMIUM:-/usr/bin/chromium}"
mkdir -p "$E2E_CACHE" "$E2E_ARTIFACTS"

e2e_log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# apt-get install the named packages if any of the given commands/files is missing.
# Usage: e2e_apt_install pkg... (caller checks whether it is needed)
e2e_apt_install() {
    if [ "$(id -u)" != 0 ]; then
        e2e_log "need root to apt-get install $*; install them and re-run"
        return 1
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$E2E_CACHE/apt.log" 2>&1; then
        apt-get update -qq >>"$E2E_CACHE/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$E2E_CACHE/apt.log" 2>&1 || {
            e2e_log "apt-get install $* failed; see $E2E_CACHE/apt.log"
            return 1
        }
    fi
}

# The argv (JSON array) that editors should use to start the language server.
# PROACTIVE_E2E_SERVER_CMD (a JSON array) overrides it, e.g. to test with another build.
e2e_server_argv_json() {
    local python="$1"
    if [ -n "${PROACTIVE_E2E_SERVER_CMD:-}" ]; then
        printf '%s' "$PROACTIVE_E2E_SERVER_CMD"
    else
        printf '["%s", "-m", "proactive_lsp"]' "$python"
    fi
}

# Wait until an HTTP URL answers (any status), at most $2 seconds.
e2e_wait_http() {
    local url="$1" timeout="${2:-60}" i=0
    while [ "$i" -lt "$((timeout * 4))" ]; do
        if curl -s -o /dev/null "$url"; then return 0; fi
        sleep 0.25
        i=$((i + 1))
    done
    return 1
}

# A free TCP port on 127.0.0.1.
e2e_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
