#!/usr/bin/env bash
# Runs the readiness backend benchmark (plugins/readiness-backend/bench/),
# against PostgreSQL when it runs on 127.0.0.1:5432, else SQLite in memory.
# It prints figures and asserts nothing; see docs/benchmarks.md.
#
#   yarn bench:backend    5,000 entities (full cycles over 25,000 workloads in
#                         3 clusters) and 50,000 (a seeded store), each loaded
#                         through HTTP with 1, 4 and 16 clients
#
# Options, as environment variables (see the top of backend.bench.ts):
#   READINESS_BENCH_ENTITIES=5000,50000   the sizes; up to 10,000 with full
#                                         cycles, larger ones seeded
#   READINESS_BENCH_QUICK=1               a tenth of each size
#   READINESS_BENCH_DATABASE=sqlite       SQLite even when PostgreSQL runs
#   READINESS_BENCH_TCP=1                 PostgreSQL over TCP, not its socket
#   READINESS_BENCH_PERMISSIONS=backend   the real permission backend
#   READINESS_BENCH_LOAD_SECONDS=<n>      length of each load run (10)
#   READINESS_BENCH_PROFILE=<folder>      CPU profiles of the backend
#   READINESS_BENCH_PLATFORM=2000,200,10000  the cluster-snapshot row:
#                                         namespaces, CRDs, workloads; 0: none
#   READINESS_BENCH_ENTITIES=none         that row alone
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
source "$(dirname "$0")/test-services.sh"
ensure_toolchain
ensure_postgres || log "no PostgreSQL: benchmarking on SQLite"

# A PostgreSQL on this machine is reached through its Unix socket, as a
# backend next to its database would be. Over loopback TCP the kernel runs
# the database's side of each packet inside the backend's send call, a cost
# that a database on another host does not put on the backend (measured in
# docs/benchmarks.md). READINESS_BENCH_TCP=1 keeps TCP.
socket_dir=/var/run/postgresql
if [[ -S "$socket_dir/.s.PGSQL.5432" && "${READINESS_BENCH_TCP:-}" != 1 ]]; then
  for variable in $(compgen -v | grep -E '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]+_CONNECTION_STRING$'); do
    export "$variable=postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/postgres"
  done
fi

cd "$repo_root/plugins/readiness-backend"
# Plain Node with Backstage's TypeScript transform, as `backstage-cli package
# start` runs a backend, and not jest: jest's sandbox makes the engine's code
# several times slower than in a backend.
NODE_ENV=production exec node --require @backstage/cli/config/nodeTransform.cjs \
  bench/backend.bench.ts
