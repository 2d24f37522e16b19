#!/usr/bin/env bash
# Sourced by test.sh: the services the tests need beyond Node.

# Database tests run against SQLite always, and against the PostgreSQL server
# on 127.0.0.1:5432 when there is one (always on CI, where it is required).
ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      log "starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
      for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
  fi
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    local version
    version="$(psql -h 127.0.0.1 -U postgres -tAc 'show server_version_num' 2>/dev/null | cut -c1-2)"
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${version:-15}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432"
    log "database tests use SQLite and PostgreSQL ${version:-15} on 127.0.0.1:5432"
  elif [ -n "${CI:-}" ]; then
    log "PostgreSQL is not running on 127.0.0.1:5432 and could not be started"
    return 1
  else
    log "no PostgreSQL on 127.0.0.1:5432: database tests run on SQLite only"
  fi
  # There is no container engine here: never let TestDatabases try Docker.
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
}

# Installs a Debian package by name (needs root or sudo).
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Browser tests drive Debian's Chromium; test tools never download a browser.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  log "installing Debian's chromium for the browser test"
  apt_install chromium
}

# The CLI renders Kustomize folders with `kubectl kustomize`; its tests need
# kubectl on PATH (Debian's package; no cluster is contacted).
ensure_kubectl() {
  if command -v kubectl >/dev/null 2>&1; then return 0; fi
  log "installing Debian's kubectl for the Kustomize tests"
  apt_install kubectl
}

# Runs a command while the demo portal is up, then stops the portal.
with_portal() {
  local portal_log="$results_dir/portal.log" pid status=0
  if curl -fs -o /dev/null http://localhost:7007/healthcheck 2>/dev/null ||
    curl -fs -o /dev/null http://localhost:3000 2>/dev/null; then
    log "ports 3000 or 7007 are taken: stop the running portal before the browser test"
    return 1
  fi
  log "starting the demo portal (log: $portal_log)"
  setsid yarn start >"$portal_log" 2>&1 &
  pid=$!
  if ! wait_for_portal "$pid"; then
    tail -40 "$portal_log" >&2
    stop_portal "$pid"
    return 1
  fi
  PORTAL_URL=http://localhost:3000 "$@" || status=$?
  stop_portal "$pid"
  return "$status"
}

wait_for_portal() {
  local pid="$1"
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { log "the portal exited during start-up"; return 1; }
    if curl -fs -o /dev/null http://localhost:7007/.backstage/health/v1/readiness &&
      curl -fs -o /dev/null http://localhost:3000; then
      return 0
    fi
    sleep 1
  done
  log "the portal did not come up within 5 minutes"
  return 1
}

stop_portal() {
  kill -- "-$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
