#!/usr/bin/env bash
# Build the .vsix of the VS Code extension.
#   bash editors/vscode/scripts/package.sh [OUT.vsix]     (default: dist/proactive-lsp-vscode-<version>.vsix)
#
# @vscode/vsce 4.x needs Node 22; 3.x runs on Node 20, so 3.x is pinned. It is installed into the
# git-ignored .cache/ of the repository, and the extension is staged in a temporary folder with its
# production dependencies only, so nothing in the source tree changes.
set -euo pipefail

ext="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"
VSCE_VERSION="${VSCE_VERSION:-3.9.1}"
version="$(node -p "require('$ext/package.json').version")"
out="${1:-$repo/dist/proactive-lsp-vscode-$version.vsix}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

tools="$repo/.cache/vsce-$VSCE_VERSION"
if [ ! -x "$tools/node_modules/.bin/vsce" ]; then
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || echo '{"private": true}' >"$tools/package.json"
    (cd "$tools" && npm install --no-audit --no-fund --loglevel=error "@vscode/vsce@$VSCE_VERSION")
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
(cd "$ext" && tar cf - --exclude=node_modules --exclude='*.vsix' .) | (cd "$stage" && tar xf -)
(cd "$stage" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
[ -f "$stage/LICENSE" ] || [ ! -f "$repo/LICENSE" ] || cp "$repo/LICENSE" "$stage/LICENSE"

mkdir -p "$(dirname "$out")"
(cd "$stage" && "$tools/node_modules/.bin/vsce" package --no-yarn --skip-license \
    --allow-missing-repository --out "$out")
echo "$out"
