#!/usr/bin/env bash
# Runs the whole test suite: type-check, lint, formatting, unit and database
# tests (SQLite and PostgreSQL), a browser test against the demo portal, and
# an install of the packed packages into a fresh Backstage app.
# CI runs exactly this (.ci/run).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
source "$(dirname "$0")/test-services.sh"
ensure_toolchain
ensure_dependencies
cd "$repo_root"

results_dir="$repo_root/artifacts"
mkdir -p "$results_dir"

phase() { log "── $1"; }

phase "type-check"
yarn tsc

phase "lint"
yarn lint:all

# The spec follows Backstage's OpenAPI rules, and the router serves it as
# src/schema/openapi.yaml says.
phase "OpenAPI spec: lint, and generated router in step"
yarn backstage-repo-tools repo schema openapi lint
# validate imports the generated router.ts, so it needs Backstage's TypeScript
# transform (repo-tools registers it only inside the Backstage repository).
NODE_OPTIONS="--require @backstage/cli/config/nodeTransform.cjs" \
  yarn backstage-repo-tools repo schema openapi validate
# The shared types are held to the spec (readiness-common's schema/contract.ts)
# through types generated from it; they must be generated from this spec.
yarn build:openapi-types
if ! git diff --exit-code -- plugins/readiness-common/src/schema/openapi.generated.ts; then
  log "openapi.generated.ts is stale: run yarn build:openapi-types and commit it"
  exit 1
fi

# The admission webhook's own deployment manifests hold the bar it enforces.
phase "admission webhook manifests score gold (readiness check)"
node packages/readiness-cli/bin/readiness check packages/readiness-admission/deploy --min-level gold

phase "formatting"
yarn prettier:check

phase "dependencies: none unused, none undeclared (knip)"
yarn lint:deps

# The reports are read from the declarations the type-check just wrote.
phase "API reports up to date"
yarn build:api-reports:only --ci

phase "unit and database tests (SQLite and PostgreSQL)"
ensure_postgres
ensure_kubectl
jest_results="$results_dir/jest-results.json"
# CI=true: without it backstage-cli runs jest in watch mode.
CI=true yarn backstage-cli repo test --ci --json --outputFile="$jest_results"

phase "browser test in Chromium"
ensure_chromium
e2e_output="$results_dir/e2e-output.txt"
with_portal node --test --test-reporter=spec "e2e/*.test.mjs" | tee "$e2e_output"

# Last, as the longest phase: what a stranger gets from the README.
phase "install into a fresh Backstage app (scripts/verify-install.sh)"
bash scripts/verify-install.sh

# One closing line over every runner, in the form CI reads.
node scripts/summarise-tests.mjs "$jest_results" "$e2e_output"
