#!/usr/bin/env bash
# Starts the demo portal: Backstage with the readiness plugins, SQLite in
# memory, the example organisation and its manifests, no cluster needed.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_toolchain
ensure_dependencies
cd "$repo_root"

log "starting the portal; the first build takes about a minute"
log "open http://localhost:3000 and choose 'Enter' as guest (the API listens on http://localhost:7007)"
exec yarn start "$@"
