/**
 * Benchmark of the readiness backend: `yarn bench:backend` from the
 * repository root (scripts/bench-backend.sh). It prints figures and asserts
 * nothing about them.
 *
 * The real plugin, the real catalog backend and the real scheduler run in a
 * test backend, one backend (and one database) per size. Each Component has
 * 5 workloads and belongs to a System of 25; one Group owns 100 of them
 * (at least 50 Groups). Two ways to fill the store:
 *
 * - Full cycles, for sizes up to 10,000 entities (5,000 by default): three
 *   fake Kubernetes API servers on loopback (TLS, bearer token) hold the
 *   workloads with their ReplicaSets, Pods, Services, ConfigMaps, PDBs,
 *   HPAs, NetworkPolicies, Ingresses, ServiceMonitors and Velero Schedules;
 *   an entity provider gives the catalog the Components and Groups. A fifth
 *   of the Components is ingested and a cycle run, then all of them and two
 *   more cycles, each triggered through the scheduler's HTTP API and timed
 *   up to its summary log line; the API requests each cluster received are
 *   counted (see bench/lib/cycles.ts). Then the 89 days before today go in
 *   as for a seeded store, so that the trend reads 90 days at every size.
 * - A seeded store, for larger sizes (50,000 by default), where a cycle
 *   over 250,000 workloads is too heavy for one machine: the engine scores
 *   each Component's synthetic workloads as a cycle would, the scorecards
 *   are saved through the store, and the 89 days before today are written
 *   as daily points and history (see bench/lib/seed.ts and history.ts).
 *   The catalog stays empty: with an allow-all policy the read routes do
 *   not consult it.
 *
 * Then, at every size, the read routes are loaded with 1, 4 and 16
 * concurrent clients, which run in a worker thread so that they do not
 * share the backend's event loop (see bench/lib/routes.ts).
 *
 * It runs as a plain Node script with Backstage's TypeScript transform, the
 * way `backstage-cli package start` runs a backend, not under jest: jest's
 * sandbox makes the engine's code several times slower than it is.
 *
 * Environment:
 * - `READINESS_BENCH_ENTITIES=5000,50000` chooses the sizes (comma
 *   separated; up to 10,000 with full cycles, above that seeded);
 * - `READINESS_BENCH_QUICK=1` divides every size by ten, keeping how it is
 *   filled;
 * - PostgreSQL when a `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING`
 *   is set (the script sets it when a server runs on this machine, through
 *   its Unix socket, or over TCP with `READINESS_BENCH_TCP=1`), else or with
 *   `READINESS_BENCH_DATABASE=sqlite` SQLite in memory;
 * - permissions are the test backend's in-process mock, which allows
 *   everything; `READINESS_BENCH_PERMISSIONS=backend` adds the real
 *   permission backend with an allow-all policy, so each decision is an
 *   HTTP call as in production;
 * - `READINESS_BENCH_LOAD_SECONDS` sets the length of each load run (10);
 * - `READINESS_BENCH_PROFILE=<folder>` writes CPU profiles of the backend's
 *   thread: the last cycle (trigger included) and the 16-client load runs;
 * - `READINESS_BENCH_PLATFORM=2000,200,10000` sets the cluster-snapshot row:
 *   namespaces, CRDs and workloads of its cluster (see bench/lib/platform.ts),
 *   `0` leaves the row out; `READINESS_BENCH_ENTITIES=none` runs that row
 *   alone.
 */
import os from 'node:os';
import { AUTHORIZATION, startBenchBackend } from './lib/backend';
import { BenchEntityProvider, groupsFor } from './lib/catalog';
import {
  BenchCluster,
  CLUSTERS,
  startClusters,
  WORKLOADS_PER_ENTITY,
  WORKLOADS_PER_NAMESPACE,
} from './lib/clusters';
import { CycleFigures, printCycles, runCycles } from './lib/cycles';
import { chooseDatabase } from './lib/database';
import { LogSink } from './lib/logs';
import { fmt, loadAverage, print, seconds, table } from './lib/output';
import {
  LoadFigures,
  loadRoutes,
  measureRoutes,
  MOST_CLIENTS,
  p95Goal,
  printLoads,
} from './lib/routes';
import { PastFigures, seedPastDays } from './lib/history';
import {
  PlatformRowOptions,
  printPlatformRow,
  runPlatformRow,
} from './lib/platform';
import { SeedFigures, seedStore } from './lib/seed';

const QUICK = process.env.READINESS_BENCH_QUICK === '1';
const LOAD_SECONDS = Number(process.env.READINESS_BENCH_LOAD_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const PROFILE_DIR = process.env.READINESS_BENCH_PROFILE;
const PERMISSION_BACKEND =
  process.env.READINESS_BENCH_PERMISSIONS === 'backend';
/** Sizes up to this are filled by full cycles, larger ones seeded. */
const MOST_CYCLED_ENTITIES = 10_000;

interface Scale {
  entities: number;
  filled: 'cycles' | 'seeded';
}

interface ScaleFigures {
  scale: Scale;
  cycles?: CycleFigures[];
  /** The days before today, after the cycles. */
  past?: { figures: PastFigures; ms: number };
  seed?: SeedFigures;
  loads: LoadFigures[];
}

function chosenScales(): Scale[] {
  const sizes = process.env.READINESS_BENCH_ENTITIES ?? '5000,50000';
  if (sizes.trim() === 'none') return [];
  return sizes.split(',').map(text => {
    const entities = Number(text.trim().replace(/_/g, ''));
    if (!Number.isInteger(entities) || entities < 500) {
      throw new Error(
        `READINESS_BENCH_ENTITIES: '${text}' is not a whole number of ` +
          'entities of 500 or more (sizes are separated by commas)',
      );
    }
    return {
      entities: QUICK ? Math.round(entities / 10) : entities,
      filled: entities <= MOST_CYCLED_ENTITIES ? 'cycles' : 'seeded',
    };
  });
}

/** The cluster-snapshot row's cluster, or undefined to leave it out. */
function chosenPlatformRow(): PlatformRowOptions | undefined {
  const text = process.env.READINESS_BENCH_PLATFORM ?? '2000,200,10000';
  if (text.trim() === '0') return undefined;
  const [namespaces, crds, workloads] = text
    .split(',')
    .map(part => Number(part.trim().replace(/_/g, '')));
  if (![namespaces, crds, workloads].every(n => Number.isInteger(n) && n > 0)) {
    throw new Error(
      `READINESS_BENCH_PLATFORM: '${text}' is not <namespaces>,<crds>,<workloads> ` +
        '(whole numbers above 0), or 0 to leave the row out',
    );
  }
  const scale = QUICK ? 10 : 1;
  return {
    namespaces: Math.ceil(namespaces / scale),
    crds: Math.ceil(crds / scale),
    workloads: Math.ceil(workloads / scale),
    runs: 5,
  };
}

function printSeed(seed: SeedFigures) {
  print('### Seeding');
  print();
  table(
    ['step', 'rows', 'time'],
    [
      [
        `engine: score ${fmt(seed.entities)} entities (${fmt(
          seed.workloads,
        )} workloads)`,
        fmt(seed.entities),
        seconds(seed.scoringMs),
      ],
      ['store: saveScorecards, in batches of 1,000', '', seconds(seed.writeMs)],
      pastDaysRow(seed.past, seed.historyMs),
      [
        'store: optimizeForReads, as after a cycle',
        '',
        seconds(seed.optimizeMs),
      ],
    ],
  );
}

function pastDaysRow(past: PastFigures, ms: number): string[] {
  return [
    '89 earlier days: daily points and history (SQL)',
    `${fmt(past.dailyRows)} + ${fmt(past.historyRows)}`,
    seconds(ms),
  ];
}

function printLevels(past: PastFigures) {
  print(
    `Levels: ${Object.entries(past.levels)
      .map(([level, count]) => `${level} ${fmt(count)}`)
      .join(', ')}.`,
  );
}

async function runScale(scale: Scale, sink: LogSink): Promise<ScaleFigures> {
  const { entities } = scale;
  const groups = groupsFor(entities);
  const label = `${fmt(entities)} entities`;
  print();
  print(
    `Working on ${label} (${
      scale.filled === 'cycles' ? 'full cycles' : 'seeded store'
    }) ...`,
  );
  const database = chooseDatabase(String(entities));
  let clusters: BenchCluster[] = [];
  const provider = new BenchEntityProvider();
  let backend;
  try {
    if (scale.filled === 'cycles') {
      const started = Date.now();
      clusters = await startClusters(entities * WORKLOADS_PER_ENTITY);
      print(
        `  clusters: ${CLUSTERS} fake API servers, ${fmt(
          entities * WORKLOADS_PER_ENTITY,
        )} workloads, ${fmt(
          clusters.reduce((sum, c) => sum + c.objects, 0),
        )} objects, ${fmt(
          Math.ceil(
            (entities * WORKLOADS_PER_ENTITY) /
              CLUSTERS /
              WORKLOADS_PER_NAMESPACE,
          ),
        )} namespaces per cluster (set up in ${seconds(Date.now() - started)})`,
      );
    }
    backend = await startBenchBackend({
      sink,
      database,
      provider,
      clusters,
      permissionBackend: PERMISSION_BACKEND,
    });
    const figures: ScaleFigures = { scale, loads: [] };
    if (scale.filled === 'cycles') {
      figures.cycles = await runCycles({
        backend,
        sink,
        provider,
        clusters,
        entities,
        groups,
        profileDir: PROFILE_DIR,
      });
      // The trend route reads 90 days, as after 90 days of cycles.
      const started = Date.now();
      const past = await seedPastDays(backend.readinessDatabase, new Date());
      figures.past = { figures: past, ms: Date.now() - started };
      print(`  89 earlier days written in ${seconds(figures.past.ms)}`);
    } else {
      figures.seed = await seedStore(backend.readinessDatabase, {
        entities,
        groups,
        progress: line => print(`  ${line}`),
      });
      print(
        `  seeded in ${seconds(
          figures.seed.scoringMs +
            figures.seed.writeMs +
            figures.seed.historyMs +
            figures.seed.optimizeMs,
        )}`,
      );
    }
    figures.loads = await measureRoutes({
      baseUrl: backend.baseUrl,
      authorization: AUTHORIZATION,
      routes: loadRoutes({
        entities,
        groups,
        catalogReference: scale.filled === 'cycles',
      }),
      loadSeconds: LOAD_SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
      profileDir: PROFILE_DIR,
      label: String(entities),
    });
    const storage = await database.storage();
    // Requests the clients gave up on may still run, and fail when the
    // backend stops and the database is dropped.
    const givenUp = figures.loads.some(load =>
      load.result.firstError?.startsWith('no answer'),
    );
    sink.mute(true);

    print();
    print(
      `## ${label}, ${groups} Groups (${
        scale.filled === 'cycles' ? 'full cycles' : 'seeded store'
      })`,
    );
    print();
    if (figures.cycles) printCycles(figures.cycles, clusters);
    if (figures.past) {
      print();
      table(
        ['then', 'rows', 'time'],
        [pastDaysRow(figures.past.figures, figures.past.ms)],
      );
    }
    if (figures.seed) printSeed(figures.seed);
    print();
    printLevels(figures.past?.figures ?? figures.seed!.past);
    if (storage) {
      print();
      print(`Stored: ${storage}.`);
    }
    print();
    print(
      `### Load (${LOAD_SECONDS} s per row, after ${WARM_UP_SECONDS} s of ` +
        "one client's warm-up per route; clients in a worker thread, over loopback)",
    );
    print();
    printLoads(figures.loads);
    if (givenUp) {
      print();
      print(
        'Requests given up after 30 s went on in the backend; errors printed ' +
          'below, while it stops and its database is dropped, are theirs.',
      );
    }
    return figures;
  } finally {
    await backend?.stop();
    await Promise.all(clusters.map(({ server }) => server.close()));
    await database.cleanUp();
    sink.mute(false);
  }
}

function printGoals(all: ScaleFigures[]) {
  const rows: string[][] = [];
  const met = (ok: boolean) => (ok ? 'met' : 'missed');
  for (const { scale, cycles, loads } of all) {
    const size = fmt(scale.entities);
    if (cycles) {
      const worst = Math.max(...cycles.map(c => c.cycleMs));
      const requestsVary = new Set(cycles.map(c => c.requests.join(','))).size;
      rows.push(
        [
          `${size}: full cycle under 30 s`,
          `${seconds(worst)} (slowest cycle)`,
          met(worst < 30_000),
        ],
        [
          `${size}: requests per cluster independent of entities`,
          cycles
            .map(c => `${fmt(c.entities)}: ${c.requests.join('/')}`)
            .join('; '),
          met(requestsVary === 1),
        ],
      );
    }
    const scorecard = p95Goal(loads, 'scorecard', 20);
    const overview = p95Goal(loads, 'overview', 100);
    rows.push(
      [
        `${size}: scorecard p95 under 20 ms with ${MOST_CLIENTS} clients`,
        scorecard.measured,
        scorecard.verdict,
      ],
      [
        `${size}: overview p95 under 100 ms with ${MOST_CLIENTS} clients`,
        overview.measured,
        overview.verdict,
      ],
    );
  }
  print();
  print('## Goals');
  print();
  table(['goal', 'measured', 'verdict'], rows);
}

async function main() {
  const started = Date.now();
  const scales = chosenScales();
  const sink = new LogSink();
  const cpus = os.cpus();
  print();
  print(
    `readiness backend benchmark: Node ${process.version}, ${cpus.length} CPU(s) ` +
      `(${cpus[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30)} GiB`,
  );
  print(`database: ${chooseDatabase('probe').description}`);
  print(
    `permissions: ${
      PERMISSION_BACKEND
        ? 'the permission backend over HTTP, with an allow-all policy'
        : "the test backend's in-process mock (allows everything)"
    }`,
  );
  print(
    `sizes: ${scales
      .map(s => `${fmt(s.entities)} (${s.filled})`)
      .join(', ')}; load average at start: ${loadAverage()}`,
  );

  const all: ScaleFigures[] = [];
  for (const scale of scales) {
    all.push(await runScale(scale, sink));
  }
  const platformRow = chosenPlatformRow();
  if (platformRow) {
    print();
    print(
      `Working on the cluster snapshot: ${fmt(
        platformRow.namespaces,
      )} namespaces, ${fmt(platformRow.crds)} CRDs ...`,
    );
    printPlatformRow(await runPlatformRow(platformRow));
  }
  if (all.length > 0) printGoals(all);
  print();
  print(
    `benchmark took ${seconds(
      Date.now() - started,
    )}; load average at the end: ${loadAverage()}`,
  );
}

main().then(
  // Connection pools and sockets may linger; nothing is left to wait for.
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
