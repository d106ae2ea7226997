#!/usr/bin/env bash
# Install code-server 4.100.3 (VS Code 1.100.3, the last release for Node 20) into the cache.
#
# A plain `npm install code-server` fails here: its postinstall builds kerberos (needs gssapi
# headers), lets prebuild-install and @vscode/ripgrep fetch binaries from GitHub. So we unpack
# the npm tarball, install JS dependencies with --ignore-scripts, rebuild the native modules from
# source with node-gyp, use Debian's ripgrep, and redo what postinstall.sh would have done
# (node_modules.asar link, bin/ script links, extensions/ dependencies).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 1>&2  # progress goes to stderr: the runners keep stdout for JSON lines

CS_VERSION="4.100.3"
dest="$E2E_CACHE/code-server-$CS_VERSION"
stamp="$dest/.proactive-e2e-installed"
if [ -f "$stamp" ]; then
    e2e_log "code-server $CS_VERSION present in $dest"
    exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
    e2e_log "code-server $CS_VERSION needs Node 20 (found $(node --version))"
    exit 1
fi

start=$(date +%s)
need_apt=()
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v make >/dev/null || need_apt+=(make)
command -v g++ >/dev/null || need_apt+=(g++)
if [ "${#need_apt[@]}" -gt 0 ]; then
    e2e_log "apt-get install ${need_apt[*]}"
    e2e_apt_install "${need_apt[@]}"
fi

work="$E2E_CACHE/tmp-code-server"
rm -rf "$work" "$dest"
mkdir -p "$work"
e2e_log "npm pack code-server@$CS_VERSION"
(cd "$work" && npm pack --silent "code-server@$CS_VERSION" >/dev/null && tar xzf "code-server-$CS_VERSION.tgz")
mv "$work/package" "$dest"
rm -rf "$work"

# node-gyp must not download Node headers: use the ones Debian's nodejs ships (nodejs-dev / libnode-dev).
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/common.gypi ]; then
    export npm_config_nodedir=/usr
fi

npm_i() { npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error "$@"; }

e2e_log "npm install (top level, lib/vscode, lib/vscode/extensions) with --ignore-scripts"
(cd "$dest" && npm_i)
(cd "$dest/lib/vscode" && npm_i)
(cd "$dest/lib/vscode/extensions" && npm_i && node ./postinstall.mjs >/dev/null)

# Native modules, built from source (node-gyp uses the local Node headers; nothing is fetched).
# prebuild-install is skipped by calling node-gyp through `npm rebuild` with --build-from-source.
e2e_log "npm rebuild native modules from source"
(cd "$dest" && npm rebuild --build-from-source --loglevel=error argon2)
(cd "$dest/lib/vscode" && npm rebuild --build-from-source --loglevel=error \
    kerberos @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid)
# node-pty's postinstall runs `npx node-gyp` to write compile_commands.json (a developer aid that
# fetches node-gyp again); build it with npm's own node-gyp instead and skip that step.
node_gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
(cd "$dest/lib/vscode/node_modules/node-pty" && node "$node_gyp" rebuild --loglevel=error >/dev/null)

# @vscode/ripgrep's postinstall would download rg from GitHub; use Debian's.
rgdir="$dest/lib/vscode/node_modules/@vscode/ripgrep/bin"
mkdir -p "$rgdir"
cp "$(command -v rg)" "$rgdir/rg"

# What postinstall.sh does after installing (symlink_asar and symlink_bin_script).
(cd "$dest/lib/vscode" && rm -rf node_modules.asar && ln -s node_modules node_modules.asar)
(cd "$dest/lib/vscode/bin/remote-cli" && rm -f code-server && ln -s code-linux.sh code-server)
(cd "$dest/lib/vscode/bin/helpers" && rm -f browser.sh && ln -s browser-linux.sh browser.sh)

# Smoke test: every native module loads.
(cd "$dest/lib/vscode" && node -e '
for (const m of ["kerberos", "node-pty", "@vscode/spdlog", "native-watchdog", "@parcel/watcher", "@vscode/deviceid"]) require(m);
') 
(cd "$dest" && node -e 'require("argon2")')
"$dest/out/node/entry.js" --version >/dev/null

touch "$stamp"
e2e_log "code-server $CS_VERSION installed in $(( $(date +%s) - start )) s ($(du -sm "$dest" | cut -f1) MB)"
