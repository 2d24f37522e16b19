#!/usr/bin/env bash
# Runs the readiness CLI installed from its tarball into an empty prefix, as
# `npm i -g` leaves it, on the repository's example manifests, and checks what
# it installed: the CLI must not pull in the Backstage backend framework.
#
# Usage: check-cli.sh <prefix> <examples/manifests>
set -euo pipefail
prefix="$1" manifests="$2"
readiness="$prefix/bin/readiness"
installed="$prefix/lib/node_modules/@prodready/readiness-cli"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

fail() { echo "CLI check failed: $*" >&2; exit 1; }

[ -x "$readiness" ] || fail "npm did not install a readiness command in $prefix/bin"
[ ! -d "$installed/src" ] || fail "the package ships its TypeScript sources"

# Every package the install brought, the CLI's own included.
packages="$(npm ls --global --prefix "$prefix" --all --parseable |
  grep '/node_modules/' | sed 's#.*/node_modules/##' | sort)"
count="$(wc -l <<<"$packages")"
size="$(du -sh "$prefix" | cut -f1)"
echo "   installed: $count packages, $size"
if grep -q '^@backstage/backend-' <<<"$packages"; then
  fail "the CLI installs the Backstage backend framework: $(grep '^@backstage/backend-' <<<"$packages" | tr '\n' ' ')"
fi

# A gold service passes the default gate (silver): exit 0, a table naming it.
status=0
"$readiness" check "$manifests/shipments" >"$out/gold.txt" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$out/gold.txt" >&2; fail "check of shipments exited $status, expected 0"; }
grep -q 'shipment-service' "$out/gold.txt" || { cat "$out/gold.txt" >&2; fail "the table does not name shipment-service"; }

# One below every level fails it: exit 1, and the JSON report says why.
status=0
"$readiness" check "$manifests/invoicing" --format json >"$out/none.json" 2>"$out/none.err" || status=$?
[ "$status" -eq 1 ] || { cat "$out/none.err" >&2; fail "check of invoicing exited $status, expected 1"; }
node -e '
  const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const w = report.workloads.find(w => w.name === "legacy-invoicing");
  if (!w) throw new Error("no legacy-invoicing workload in the JSON report");
  if (report.summary.productionReady !== false) throw new Error("legacy-invoicing reported production ready");
  console.log(`   invoicing: ${report.summary.level}, score ${report.summary.score}, exit 1 as expected`);
' "$out/none.json" || fail "the JSON report of invoicing is not what was expected"

# A reader that stops early ends the CLI quietly (no EPIPE stack trace).
"$readiness" check "$manifests" 2>"$out/pipe.err" | head -n 1 >/dev/null || true
if grep -q 'EPIPE\|    at ' "$out/pipe.err"; then
  cat "$out/pipe.err" >&2
  fail "piping into head printed an error"
fi
echo "   readiness check: gold passes (exit 0), legacy-invoicing fails (exit 1), | head stays quiet"
