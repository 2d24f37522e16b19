#!/usr/bin/env bash
# Installs the packages into a Backstage app made fresh with create-app, as a
# stranger following the README would, and checks that they work there:
#
#   1. builds and packs every published package (yarn pack)
#   2. creates an app with @backstage/create-app in a temporary folder
#   3. runs the README's marked install blocks there, against a loopback
#      registry that serves our tarballs for the @prodready scope only
#   4. type-checks the app and builds it (the backend bundle and the frontend)
#   5. starts the built backend on SQLite and asserts, through the API, that
#      two catalog entities are scored from local manifests
#   6. installs the CLI tarball into an empty prefix and runs it
#
# Run by scripts/test.sh (CI). KEEP_VERIFY_INSTALL=1 keeps the temporary
# folder for a look after the run.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_toolchain
ensure_dependencies
cd "$repo_root"
helpers="$repo_root/scripts/verify-install"

# The create-app release of the repository's Backstage release (backstage.json),
# so every run starts from the same template.
CREATE_APP_VERSION="0.9.2"
BACKSTAGE_RELEASE="1.55.0"

# Without create-app's starter lockfile (it is fetched from a code host this
# machine cannot reach) the app resolves to the newest versions, and
# @backstage/plugin-signals-backend 0.3.21 stops the backend from starting
# with @backstage/backend-defaults 0.18. 0.3.19 is the newest that starts.
SIGNALS_BACKEND_VERSION="0.3.19"

published_packages=(
  plugins/readiness-common
  plugins/readiness-manifest-files
  plugins/readiness-node
  plugins/readiness-backend
  plugins/scaffolder-backend-module-readiness
  plugins/readiness
  packages/readiness-cli
)

work="$(mktemp -d "${TMPDIR:-/tmp}/prodready-verify-install.XXXXXX")"
app="$work/app"
tarballs="$work/tarballs"
registry_pid=""
backend_pid=""
current_step="set-up"
run_started=$SECONDS
step_started=$SECONDS
timings=()

finish_step() {
  [ -n "$current_step" ] || return 0
  timings+=("$(printf '%4ss  %s' "$((SECONDS - step_started))" "$current_step")")
  current_step=""
}

step() {
  finish_step
  current_step="$1"
  step_started=$SECONDS
  printf '\n\033[1;36m══ verify-install: %s\033[0m\n' "$1" >&2
}

stop_process_group() {
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  stop_process_group "$backend_pid"
  stop_process_group "$registry_pid"
  local dir
  for dir in "${published_packages[@]}"; do
    [ -f "$work/manifest-backups/${dir//\//_}.json" ] &&
      cp "$work/manifest-backups/${dir//\//_}.json" "$repo_root/$dir/package.json"
  done
  if [ "$status" -ne 0 ]; then
    printf '\n\033[1;31m══ verify-install FAILED in step "%s" (exit %s)\033[0m\n' \
      "$current_step" "$status" >&2
    [ -f "$work/backend.log" ] && { echo "── last lines of the backend's log:" >&2; tail -40 "$work/backend.log" >&2; }
  fi
  if [ -n "${KEEP_VERIFY_INSTALL:-}" ]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Runs one marked block of a README in the app, word for word.
run_readme_block() {
  local readme="$1" id="$2" script="$work/readme-$2.sh"
  node "$helpers/readme-blocks.mjs" extract "$readme" "$id" >"$script"
  echo "── $id, from ${readme#"$repo_root"/}:" >&2
  sed 's/^/   /' "$script" >&2
  # Yarn refuses to change a lockfile when CI is set; a stranger's
  # `yarn add` on a workstation may.
  (cd "$app" && YARN_ENABLE_IMMUTABLE_INSTALLS=false bash -euo pipefail "$script")
}

# ── 1 ────────────────────────────────────────────────────────────────────────
step "build and pack the published packages"
yarn tsc
mkdir -p "$tarballs" "$work/manifest-backups"
for dir in "${published_packages[@]}"; do
  # prepack rewrites package.json for publishing and postpack restores it;
  # keep a copy in case the run stops in between.
  backup="$work/manifest-backups/${dir//\//_}.json"
  cp "$dir/package.json" "$backup"
  if ! (cd "$dir" && yarn build && yarn pack --out "$tarballs/%s-%v.tgz") >"$work/pack.log" 2>&1; then
    cat "$work/pack.log" >&2
    log "building or packing $dir failed"
    exit 1
  fi
  rm "$backup"
  echo "   packed $dir" >&2
done
node "$helpers/check-tarballs.mjs" "$tarballs" "${#published_packages[@]}"

# ── 2 ────────────────────────────────────────────────────────────────────────
step "create an app with @backstage/create-app@$CREATE_APP_VERSION (Backstage $BACKSTAGE_RELEASE)"
if [ "$(node -p "require('./backstage.json').version")" != "$BACKSTAGE_RELEASE" ]; then
  log "backstage.json is no longer $BACKSTAGE_RELEASE: update CREATE_APP_VERSION in this script to match"
  exit 1
fi
mkdir -p "$app"
BACKSTAGE_APP_NAME=verify-app npx --yes "@backstage/create-app@$CREATE_APP_VERSION" \
  --path "$app" --skip-install
node "$helpers/prepare-app.mjs" "$app" "$SIGNALS_BACKEND_VERSION"

# ── 3 ────────────────────────────────────────────────────────────────────────
step "install the packages as the README says"
node "$helpers/registry.mjs" "$tarballs" "$work/registry.port" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 50); do [ -s "$work/registry.port" ] && break; sleep 0.2; done
[ -s "$work/registry.port" ] || { cat "$work/registry.log" >&2; log "the local registry did not start"; exit 1; }
registry_url="http://127.0.0.1:$(cat "$work/registry.port")"
cat "$work/registry.log" >&2
# Yarn sends only the @prodready scope to the local registry. Our packages are
# published the moment they are packed, so the template's 3-day minimal-age
# gate would hold them back: they are preapproved, as @backstage/* is.
(
  cd "$app"
  yarn config set npmScopes.prodready.npmRegistryServer "$registry_url"
  yarn config set unsafeHttpWhitelist --json '["127.0.0.1"]'
  yarn config set npmPreapprovedPackages --json '["@backstage/*", "@prodready/*"]'
) >/dev/null
# The plugin's own README must not ask for anything the root README leaves out.
node "$helpers/readme-blocks.mjs" covers README.md backend-add \
  plugins/readiness-backend/README.md backend-add
node "$helpers/readme-blocks.mjs" covers README.md backend-index \
  plugins/readiness-backend/README.md backend-index
run_readme_block README.md backend-add
node "$helpers/readme-blocks.mjs" apply README.md backend-index "$app"
# create-app's default template is the new frontend system.
run_readme_block README.md frontend-new

# ── 4 ────────────────────────────────────────────────────────────────────────
step "type-check the app"
(cd "$app" && yarn tsc)

# The backend depends on the app, so this builds the frontend too.
step "build the app: backend bundle and frontend"
(cd "$app" && yarn build:backend)
grep -qs '@prodready/backstage-plugin-readiness' "$app"/packages/app/dist/static/*.js ||
  { log "the frontend bundle does not contain @prodready/backstage-plugin-readiness"; exit 1; }

# ── 5 ────────────────────────────────────────────────────────────────────────
step "start the backend on SQLite and check the scorecards through the API"
mkdir -p "$work/catalog" "$work/manifests"
# Two services of the demo: one found in a folder source by its
# kubernetes-id, one read from the manifests its annotation points at.
cp examples/org.yaml examples/components/shipment-service.yaml \
  examples/components/rate-quote.yaml "$work/catalog/"
cp -r examples/components/deploy "$work/catalog/"
cp -r examples/manifests/shipments examples/manifests/cluster "$work/manifests/"
export VERIFY_BACKEND_PORT VERIFY_TOKEN VERIFY_WORK_DIR="$work"
VERIFY_BACKEND_PORT="$(free_port)"
VERIFY_TOKEN="verify-$(node -p "require('crypto').randomBytes(18).toString('hex')")"
# The built backend, from its bundle, on the app's installed dependencies.
tar -xzf "$app/packages/backend/dist/bundle.tar.gz" -C "$app" packages/backend/dist
(
  cd "$app"
  exec setsid node packages/backend --config app-config.yaml \
    --config "$helpers/app-config.verify.yaml" >"$work/backend.log" 2>&1
) &
backend_pid=$!
backend_url="http://127.0.0.1:$VERIFY_BACKEND_PORT"
for _ in $(seq 1 120); do
  kill -0 "$backend_pid" 2>/dev/null || { log "the backend exited during start-up"; exit 1; }
  curl -fs -o /dev/null "$backend_url/.backstage/health/v1/readiness" && break
  sleep 1
done
curl -fs -o /dev/null "$backend_url/.backstage/health/v1/readiness" ||
  { log "the backend was not ready after 120 s"; exit 1; }
node "$helpers/assert-scorecards.mjs" "$backend_url" "$VERIFY_TOKEN"
stop_process_group "$backend_pid"
backend_pid=""

# ── 6 ────────────────────────────────────────────────────────────────────────
step "install the CLI into an empty prefix and run it"
cli_tarball="$(ls "$tarballs"/*readiness-cli-*.tgz)"
npm install --global --prefix "$work/cli" --no-audit --no-fund \
  "--@prodready:registry=$registry_url" "$cli_tarball"
bash "$helpers/check-cli.sh" "$work/cli" "$repo_root/examples/manifests"

finish_step
printf '\n\033[1;32m══ verify-install passed in %ss\033[0m\n' "$((SECONDS - run_started))" >&2
printf '%s\n' "${timings[@]}" >&2
