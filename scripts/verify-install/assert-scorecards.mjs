#!/usr/bin/env node
// Asks the fresh app's backend, as a script with a static token would, for
// the scorecards of the two services verify-install.sh put in its catalog,
// and fails unless each is scored from the manifests it was given.
//
// Usage: node assert-scorecards.mjs <backend-url> <token>
const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) {
  console.error('usage: assert-scorecards.mjs <backend-url> <token>');
  process.exit(2);
}

// What examples/README.md says of these services under the default
// configuration, and the workloads their manifests hold.
const expected = [
  {
    ref: 'component:default/shipment-service',
    // Found in the directory source through backstage.io/kubernetes-id.
    workloads: [
      'Deployment shipments/shipment-service',
      'Job shipments/shipment-service-db-migrate',
    ],
    level: 'gold',
  },
  {
    ref: 'component:default/rate-quote',
    // Read through prodready.dev/manifests, next to its catalog file.
    workloads: ['Deployment pricing/rate-quote'],
    level: 'silver',
  },
];

const CATALOG_WAIT_MS = 120_000;

async function call(method, path) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitForCatalog(ref) {
  const [kind, rest] = ref.split(':');
  const path = `/api/catalog/entities/by-name/${kind}/${rest}`;
  const deadline = Date.now() + CATALOG_WAIT_MS;
  for (;;) {
    const { status } = await call('GET', path);
    if (status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${ref} was not in the catalog after ${
          CATALOG_WAIT_MS / 1000
        } s (last status ${status})`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

function assertScorecard(want, scorecard) {
  const where = `${want.ref}:`;
  check(
    scorecard.entityRef === want.ref,
    `${where} entityRef is ${scorecard.entityRef}`,
  );
  check(
    Number.isFinite(scorecard.score) &&
      scorecard.score > 0 &&
      scorecard.score <= 100,
    `${where} score ${scorecard.score} is not in (0, 100]`,
  );
  check(
    scorecard.level === want.level,
    `${where} level ${scorecard.level}, expected ${want.level}`,
  );
  check(scorecard.stale === false, `${where} stale: ${scorecard.staleReason}`);
  const workloads = scorecard.report.workloads
    .map(w => `${w.kind} ${w.namespace}/${w.name}`)
    .sort();
  check(
    JSON.stringify(workloads) === JSON.stringify([...want.workloads].sort()),
    `${where} workloads ${JSON.stringify(workloads)}, expected ${JSON.stringify(
      want.workloads,
    )}`,
  );
  for (const workload of scorecard.report.workloads) {
    check(
      workload.results.length > 0,
      `${where} ${workload.name} has no check results`,
    );
  }
  console.log(
    `  ${want.ref}: score ${scorecard.score}, ${scorecard.level}, ` +
      `${workloads.length} workloads (${workloads.join(', ')})`,
  );
}

async function main() {
  const health = await call('GET', '/api/readiness/health');
  check(
    health.status === 200,
    `GET /api/readiness/health answered ${health.status}`,
  );
  const unauthenticated = await fetch(`${baseUrl}/api/readiness/checks`);
  check(
    unauthenticated.status === 401,
    `GET /checks without a token answered ${unauthenticated.status}, expected 401`,
  );

  for (const want of expected) {
    await waitForCatalog(want.ref);
    const [kind, rest] = want.ref.split(':');
    const path = `/api/readiness/entities/${kind}/${rest}`;
    const refreshed = await call('POST', `${path}/refresh`);
    // 429: the scheduled cycle scored the entity moments ago, and refresh
    // is rate-limited per entity; the stored scorecard is then the fresh one.
    check(
      refreshed.status === 200 ||
        (refreshed.status === 429 &&
          refreshed.body?.error?.name === 'TooManyRequestsError'),
      `POST ${path}/refresh answered ${refreshed.status}: ${JSON.stringify(
        refreshed.body,
      )}`,
    );
    const stored = await call('GET', path);
    check(
      stored.status === 200,
      `GET ${path} answered ${stored.status}: ${JSON.stringify(stored.body)}`,
    );
    assertScorecard(want, stored.body);
  }

  const overview = await call('GET', '/api/readiness/overview');
  check(overview.status === 200, `GET /overview answered ${overview.status}`);
  const rows = overview.body.items.map(row => row.entityRef).sort();
  check(
    JSON.stringify(rows) === JSON.stringify(expected.map(e => e.ref).sort()),
    `overview lists ${JSON.stringify(rows)}`,
  );
  console.log(`  overview: ${overview.body.total} entities`);
}

main().catch(error => {
  console.error(`scorecard check failed: ${error.message}`);
  process.exit(1);
});
