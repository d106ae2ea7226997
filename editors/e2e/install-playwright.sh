#!/usr/bin/env bash
# Install playwright-core into the cache (no browser download; the drivers use Debian's chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 1>&2  # progress goes to stderr: the runners keep stdout for JSON lines

PW_VERSION="${PROACTIVE_E2E_PLAYWRIGHT_VERSION:-1.65.1}"
dir="$E2E_CACHE/node"
mkdir -p "$dir"
if [ -f "$dir/node_modules/playwright-core/package.json" ]; then
    e2e_log "playwright-core present: $(node -p "require('$dir/node_modules/playwright-core/package.json').version")"
    exit 0
fi
[ -f "$dir/package.json" ] || echo '{"name": "proactive-e2e-drivers", "private": true}' >"$dir/package.json"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
e2e_log "npm install playwright-core@$PW_VERSION"
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error "playwright-core@$PW_VERSION")
