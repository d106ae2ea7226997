#!/usr/bin/env bash
# Install Debian's Chromium if it is missing. Never downloads a browser from anywhere else.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 1>&2  # progress goes to stderr: the runners keep stdout for JSON lines

if [ -x "$E2E_CHROMIUM" ]; then
    e2e_log "chromium present: $("$E2E_CHROMIUM" --version 2>/dev/null || echo '?')"
    exit 0
fi
e2e_log "installing chromium (apt)"
e2e_apt_install chromium
"$E2E_CHROMIUM" --version
