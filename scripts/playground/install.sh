#!/usr/bin/env bash
# Installs Microsoft's Agents Playground (@microsoft/m365agentsplayground, the local Teams-like
# client the Teams test drives) under .tools/playground from the npm registry, pinned. It is not a
# project dependency: Microsoft licenses it as pre-release software for evaluation only. Safe to
# run again: nothing is done when the pinned version is already there.
set -euo pipefail
VERSION=0.2.28
cd "$(dirname "$0")/../.."
dir=.tools/playground
pkg=$dir/node_modules/@microsoft/m365agentsplayground/package.json
if [ -f "$pkg" ] && node -e "process.exit(require('./$pkg').version === '$VERSION' ? 0 : 1)"; then
  exit 0
fi
mkdir -p "$dir"
# Its own package.json, so npm installs here and never into the project's node_modules or lock file.
printf '{ "private": true, "description": "test tool, not part of the project" }\n' > "$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --no-save --save-exact "@microsoft/m365agentsplayground@$VERSION"
node -e "const v = require('./$pkg').version; if (v !== '$VERSION') { console.error('playground: got ' + v); process.exit(1); }"
echo "playground: @microsoft/m365agentsplayground $VERSION in $dir"
