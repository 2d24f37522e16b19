/**
 * Benchmark of the readiness backend: `yarn bench:backend` from the
 * repository root (scripts/bench-backend.sh). It prints figures and asserts
 * nothing about them.
 *
 * The real plugin, the real catalog backend and the real scheduler run in a
 * test backend. Three fake Kubernetes API servers on loopback (TLS, bearer
 * token) hold 25,000 workloads with their ReplicaSets, Pods, Services,
 * ConfigMaps, PDBs, HPAs, NetworkPolicies, Ingresses, ServiceMonitors and
 * Velero Schedules; an entity provider gives the catalog 5,000 Components,
 * each mapped by `backstage.io/kubernetes-id` to 5 workloads spread over the
 * clusters, and the 50 Groups that own them. The benchmark
 *
 * 1. ingests 1,000 Components and runs a cycle, then ingests all 5,000 and
 *    runs two more (the first scores 4,000 new entities, the second is the
 *    steady state), each triggered through the scheduler's HTTP API and
 *    timed up to the cycle's summary log line;
 * 2. counts the API requests each cluster received in each cycle;
 * 3. loads `GET /entities/...` and `GET /overview` with 1, 4 and 16
 *    concurrent clients, which run in a worker thread so that they do not
 *    share the backend's event loop.
 *
 * It runs as a plain Node script with Backstage's TypeScript transform, the
 * way `backstage-cli package start` runs a backend, not under jest: jest's
 * sandbox makes the engine's code several times slower than it is.
 *
 * Environment:
 * - PostgreSQL when a `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING`
 *   is set (the script sets it when a server runs on 127.0.0.1:5432), else
 *   or with `READINESS_BENCH_DATABASE=sqlite` SQLite in memory;
 * - permissions are the test backend's in-process mock, which allows
 *   everything; `READINESS_BENCH_PERMISSIONS=backend` adds the real
 *   permission backend with an allow-all policy, so each decision is an
 *   HTTP call as in production;
 * - `READINESS_BENCH_QUICK=1` runs a tenth of the sizes;
 * - `READINESS_BENCH_LOAD_SECONDS` sets the length of each load run (10);
 * - `READINESS_BENCH_PROFILE=<folder>` writes CPU profiles of the backend's
 *   thread: the last cycle (trigger included) and the 16-client load runs.
 */
import {
  AuthService,
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  startTestBackend,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { JsonObject } from '@backstage/types';
import {
  FakeKubeApiServer,
  FakeKubeObject,
  generateCertificates,
  startFakeKubeApiServer,
  syntheticClusterObjects,
} from '@prodready/fake-kube-apiserver';
import knexFactory from 'knex';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readinessPlugin } from '../src/plugin';

const QUICK = process.env.READINESS_BENCH_QUICK === '1';
const ENTITIES = QUICK ? 500 : 5_000;
const FIRST_ENTITIES = ENTITIES / 5;
const WORKLOADS = QUICK ? 2_500 : 25_000;
const WORKLOADS_PER_ENTITY = WORKLOADS / ENTITIES;
const CLUSTERS = 3;
const GROUPS = 50;
// About 20 workloads per namespace, as in the engine benchmark.
const WORKLOADS_PER_NAMESPACE = 20;
const LOAD_SECONDS = Number(process.env.READINESS_BENCH_LOAD_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const PROFILE_DIR = process.env.READINESS_BENCH_PROFILE;
const PERMISSION_BACKEND =
  process.env.READINESS_BENCH_PERMISSIONS === 'backend';
const CONCURRENCY = 16;
const CLIENT_COUNTS = [1, 4, CONCURRENCY];
const OVERVIEW_PAGE = 50;

const TASK_ID = 'readiness-evaluate';
const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const LOCATION = 'url:https://git.example/acme/catalog/blob/main/all.yaml';
const AUTHORIZATION = mockCredentials.user.header();

// ---------------------------------------------------------------------------
// Logs: the cycle's summary line is how the benchmark knows a cycle ended.

interface LogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  fields: JsonObject;
  at: number;
}

interface LogWaiter {
  match: (entry: LogEntry) => boolean;
  fail: (entry: LogEntry) => boolean;
  resolve: (entry: LogEntry) => void;
  reject: (error: Error) => void;
}

/** Keeps nothing; hands entries to waiters and prints warnings and errors. */
class LogSink {
  private waiters: LogWaiter[] = [];

  write(level: LogEntry['level'], message: unknown, fields: JsonObject) {
    if (level === 'debug') return;
    const entry: LogEntry = {
      level,
      message: message instanceof Error ? message.message : String(message),
      fields,
      at: Date.now(),
    };
    if (level !== 'info') {
      const plugin = fields.plugin ? `${fields.plugin}: ` : '';
      process.stderr.write(`  [${level}] ${plugin}${entry.message}\n`);
    }
    this.waiters = this.waiters.filter(waiter => {
      if (waiter.match(entry)) {
        waiter.resolve(entry);
        return false;
      }
      if (waiter.fail(entry)) {
        waiter.reject(new Error(`${entry.level}: ${entry.message}`));
        return false;
      }
      return true;
    });
  }

  /** The next entry that matches; rejects on one that `fail` matches. */
  next(
    match: LogWaiter['match'],
    fail: LogWaiter['fail'] = () => false,
  ): Promise<LogEntry> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ match, fail, resolve, reject });
    });
  }
}

class BenchLogger implements RootLoggerService {
  constructor(
    private readonly sink: LogSink,
    private readonly fields: JsonObject = {},
  ) {}

  error(message: string, meta?: Error | JsonObject) {
    this.sink.write('error', message, this.with(meta));
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.sink.write('warn', message, this.with(meta));
  }
  info(message: string, meta?: Error | JsonObject) {
    this.sink.write('info', message, this.with(meta));
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.sink.write('debug', message, this.with(meta));
  }
  child(meta: JsonObject): LoggerService {
    return new BenchLogger(this.sink, { ...this.fields, ...meta });
  }

  private with(meta?: Error | JsonObject): JsonObject {
    if (meta instanceof Error) return { ...this.fields, error: meta.message };
    return { ...this.fields, ...meta };
  }
}

// ---------------------------------------------------------------------------
// The catalog: Groups and Components from an entity provider.

const componentName = (index: number) => `service-${index}`;

function managed(name: string) {
  return {
    name,
    annotations: {
      'backstage.io/managed-by-location': LOCATION,
      'backstage.io/managed-by-origin-location': LOCATION,
    },
  };
}

function group(index: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: managed(`team-${index}`),
    spec: { type: 'team', children: [] },
  };
}

/** A Component whose workloads carry its name as kubernetes-id. */
function component(index: number): Entity {
  const name = componentName(index);
  const { annotations } = managed(name);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      title: `Service ${index}`,
      annotations: {
        ...annotations,
        [KUBERNETES_ID]: name,
        'github.com/project-slug': `acme/${name}`,
        ...(index % 2 === 0
          ? { 'prodready.dev/runbook': `https://runbooks.example/${name}` }
          : {}),
        ...(index % 3 === 0 ? { 'pagerduty.com/service-id': `P${index}` } : {}),
        ...(index % 4 === 0 ? { 'backstage.io/techdocs-ref': 'dir:.' } : {}),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `team-${index % GROUPS}`,
    },
  };
}

function catalogEntities(components: number): Entity[] {
  return [
    ...Array.from({ length: GROUPS }, (_, index) => group(index)),
    ...Array.from({ length: components }, (_, index) => component(index)),
  ];
}

/** Replaces everything it provides on each call, as a full mutation. */
class BenchEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  getProviderName() {
    return 'readiness-bench';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  async provide(entities: Entity[]) {
    if (!this.connection) {
      throw new Error('The catalog has not connected the benchmark provider');
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'readiness-bench',
      })),
    });
  }
}

/** The real permission backend, with a policy that allows everything. */
function permissionFeatures() {
  const allowAll = createBackendModule({
    pluginId: 'permission',
    moduleId: 'readiness-bench-policy',
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy({
            handle: async () => ({ result: AuthorizeResult.ALLOW }),
          });
        },
      });
    },
  });
  // A plugin calling another on a user's behalf sends a token naming itself
  // as actor, and the permission backend insists on one for conditional
  // decisions; the mock auth service drops it, so this one keeps it.
  const authKeepingActor = createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const base = mockServices.auth({ pluginId: plugin.getId() });
      const auth: AuthService = Object.create(base);
      auth.getPluginRequestToken = async options => {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type !== 'user' || !principal.userEntityRef) {
          return base.getPluginRequestToken(options);
        }
        return {
          token: mockCredentials.user.token(principal.userEntityRef, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      };
      return auth;
    },
  });
  return [
    permissionPlugin,
    allowAll,
    permissionsServiceFactory,
    authKeepingActor,
  ];
}

// ---------------------------------------------------------------------------
// The clusters.

interface BenchCluster {
  name: string;
  server: FakeKubeApiServer;
  workloads: number;
  objects: number;
}

/**
 * The synthetic objects of one cluster. Workload `app-<i>` of cluster `c` is
 * workload number `i * CLUSTERS + c` overall, and belongs to Component
 * `service-<that / 5>`, so each Component has 5 workloads over 3 clusters.
 * The generator gives every workload its own kubernetes-id; this relabels
 * them (the labels object is shared with the pod template, the ReplicaSet,
 * the Pods, the Service and the Ingress, so they follow).
 */
function clusterObjects(cluster: number, workloads: number): FakeKubeObject[] {
  const objects = syntheticClusterObjects({
    workloads,
    namespaces: Math.ceil(workloads / WORKLOADS_PER_NAMESPACE),
    podsPerWorkload: 1,
    statefulSetEvery: 10,
    customResources: true,
  });
  for (const object of objects) {
    if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') {
      continue;
    }
    const index = Number(object.metadata.name.slice('app-'.length));
    const overall = index * CLUSTERS + cluster;
    object.metadata.labels![KUBERNETES_ID] = componentName(
      Math.floor(overall / WORKLOADS_PER_ENTITY),
    );
  }
  return objects;
}

async function startClusters(): Promise<BenchCluster[]> {
  const certificates = await generateCertificates('readiness-bench');
  const clusters: BenchCluster[] = [];
  for (let index = 0; index < CLUSTERS; index++) {
    // 25,000 over 3: 8,334, 8,333, 8,333.
    const workloads = Math.ceil((WORKLOADS - index) / CLUSTERS);
    const objects = clusterObjects(index, workloads);
    const server = await startFakeKubeApiServer({
      crds: 'all',
      certificates,
      objects,
    });
    clusters.push({
      name: `bench-${index}`,
      server,
      workloads,
      objects: objects.length,
    });
  }
  return clusters;
}

// ---------------------------------------------------------------------------
// Output.

const print = (line = '') => process.stdout.write(`${line}\n`);

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : '-';

/** Other work on the machine skews every figure; printed to tell. */
const loadAverage = () =>
  os
    .loadavg()
    .map(value => fmt(value, 2))
    .join(', ');

const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;

/** A Markdown table; columns after the first are right-aligned. */
function table(header: string[], rows: string[][]) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => row[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column]),
      )
      .join(' | ')} |`;
  print(line(header));
  print(
    `| ${widths
      .map((width, column) =>
        column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`,
      )
      .join(' | ')} |`,
  );
  rows.forEach(row => print(line(row)));
}

// ---------------------------------------------------------------------------
// The database.

interface BenchDatabase {
  description: string;
  /** `backend.database`, or undefined for the test backend's SQLite. */
  config?: JsonObject;
  /** The size of the stored scorecards, when the database can tell. */
  scorecardStorage(): Promise<string | undefined>;
  /** Drops what the run created. */
  cleanUp(): Promise<void>;
}

function chooseDatabase(): BenchDatabase {
  const variables = Object.keys(process.env)
    .map(name => ({
      name,
      version: /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(
        name,
      )?.[1],
    }))
    .filter(found => found.version && process.env[found.name])
    .sort((a, b) => Number(b.version) - Number(a.version));
  if (
    variables.length === 0 ||
    process.env.READINESS_BENCH_DATABASE === 'sqlite'
  ) {
    return {
      description: 'SQLite in memory (better-sqlite3)',
      scorecardStorage: async () => undefined,
      cleanUp: async () => {},
    };
  }
  const { name, version } = variables[0];
  const connection = process.env[name]!;
  // One database per plugin, named <prefix><pluginId>, dropped at the end.
  const prefix = `readiness_bench_${process.pid}_`;
  return {
    description: `PostgreSQL ${version} (${name})`,
    config: { client: 'pg', connection, prefix },
    async scorecardStorage() {
      let url: URL;
      try {
        url = new URL(connection);
      } catch {
        return undefined; // a key=value connection string
      }
      url.pathname = `/${prefix}readiness`;
      const plugin = knexFactory({ client: 'pg', connection: url.toString() });
      try {
        const [row] = (
          await plugin.raw(
            `SELECT pg_total_relation_size('readiness_scorecards') AS bytes,
              (SELECT count(*) FROM readiness_scorecards) AS scorecards,
              (SELECT count(*) FROM readiness_history) AS history`,
          )
        ).rows;
        return (
          `${fmt(Number(row.scorecards))} scorecards in ` +
          `${fmt(Number(row.bytes) / 2 ** 20)} MiB (table, TOAST and ` +
          `indexes); ${fmt(Number(row.history))} history rows`
        );
      } finally {
        await plugin.destroy();
      }
    },
    async cleanUp() {
      const admin = knexFactory({ client: 'pg', connection });
      try {
        const rows: Array<{ datname: string }> = await admin('pg_database')
          .select('datname')
          .where('datname', 'like', `${prefix}%`);
        for (const { datname } of rows) {
          await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
        }
      } finally {
        await admin.destroy();
      }
    },
  };
}

// ---------------------------------------------------------------------------
// Load: clients in a worker thread, each sending one request after another.

interface LoadResult {
  latencies: number[];
  errors: number;
  firstError?: string;
  bytes: number;
  elapsedMs: number;
}

const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { baseUrl, authorization, paths, concurrency, durationMs } = workerData;
const latencies = [];
let errors = 0;
let firstError;
let bytes = 0;
let next = 0;
async function client(deadline) {
  while (performance.now() < deadline) {
    const path = paths[next++ % paths.length];
    const start = performance.now();
    try {
      const response = await fetch(baseUrl + path, { headers: { authorization } });
      const body = await response.arrayBuffer();
      if (response.ok) {
        latencies.push(performance.now() - start);
        bytes += body.byteLength;
      } else {
        errors++;
        firstError ??= response.status + ' ' + Buffer.from(body).toString().slice(0, 200);
      }
    } catch (error) {
      errors++;
      firstError ??= String(error);
    }
  }
}
const started = performance.now();
Promise.all(
  Array.from({ length: concurrency }, () => client(started + durationMs)),
).then(() => {
  parentPort.postMessage({
    latencies, errors, firstError, bytes, elapsedMs: performance.now() - started,
  });
});
`;

function runLoad(options: {
  baseUrl: string;
  paths: string[];
  concurrency: number;
  durationMs: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { ...options, authorization: AUTHORIZATION },
    });
    worker.once('message', result => {
      resolve(result);
      worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `run`, writing a CPU profile of this thread when asked to. */
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(PROFILE_DIR, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

// ---------------------------------------------------------------------------

interface CycleFigures {
  label: string;
  entities: number;
  scored: number;
  /** Trigger to the first cluster request: the scheduler picking it up. */
  pickupMs: number;
  /** First cluster request to the summary log line. */
  cycleMs: number;
  sourcesMs: number;
  catalogMs: number;
  scoringMs: number;
  writeMs: number;
  requests: number[];
  listRequests: number[];
}

interface LoadFigures {
  route: string;
  concurrency: number;
  result: LoadResult;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function main() {
  const started = Date.now();
  const sink = new LogSink();
  const provider = new BenchEntityProvider();
  const database = chooseDatabase();

  const cpus = os.cpus();
  print();
  print(
    `readiness backend benchmark: Node ${process.version}, ${cpus.length} CPU(s) ` +
      `(${cpus[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30)} GiB`,
  );
  print(`database: ${database.description}`);
  print(
    `permissions: ${
      PERMISSION_BACKEND
        ? 'the permission backend over HTTP, with an allow-all policy'
        : "the test backend's in-process mock (allows everything)"
    }`,
  );
  print(`load average at start: ${loadAverage()}`);

  const clusters = await startClusters();
  const objectTotal = clusters.reduce((sum, c) => sum + c.objects, 0);
  print(
    `clusters: ${CLUSTERS} fake API servers on loopback, ${fmt(
      WORKLOADS,
    )} workloads (${clusters.map(c => fmt(c.workloads)).join(' / ')}), ${fmt(
      objectTotal,
    )} objects ` +
      `(${fmt(Math.ceil(WORKLOADS / CLUSTERS / WORKLOADS_PER_NAMESPACE))} ` +
      `namespaces per cluster) (set up in ${seconds(Date.now() - started)})`,
  );

  const benchEntities = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'readiness-bench-entities',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });

  function startBackend() {
    return startTestBackend({
      features: [
        readinessPlugin,
        catalogPlugin,
        benchEntities,
        schedulerServiceFactory,
        ...(PERMISSION_BACKEND ? permissionFeatures() : []),
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => new BenchLogger(sink),
        }),
        mockServices.rootConfig.factory({
          data: {
            ...(database.config
              ? { backend: { database: database.config } }
              : {}),
            ...(PERMISSION_BACKEND ? { permission: { enabled: true } } : {}),
            // Entities are processed once on arrival; no reprocessing during
            // the measurements.
            catalog: { processingInterval: { minutes: 30 } },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: clusters.map(({ name, server }) => ({
                    name,
                    url: server.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: server.token,
                    caData: server.caData,
                  })),
                },
              ],
            },
            readiness: {
              // Runs only when triggered. An initialDelay would also hold
              // back triggers: the real scheduler's worker sleeps through it.
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 30 },
              },
            },
          },
        }),
      ],
    });
  }

  const stopClusters = () =>
    Promise.all(clusters.map(({ server }) => server.close()));
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  try {
    backend = await startBackend();
  } catch (error) {
    await stopClusters();
    await database.cleanUp();
    throw error;
  }

  const baseUrl = `http://127.0.0.1:${backend.server.port()}`;
  const call = (route: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${route}`, {
      ...init,
      headers: { authorization: AUTHORIZATION },
    });

  async function catalogCount(kind: string): Promise<number> {
    const response = await call(
      `/api/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
    );
    if (response.status >= 400 && response.status < 500) {
      throw new Error(
        `Counting ${kind} entities: ${
          response.status
        } ${await response.text()}`,
      );
    }
    if (!response.ok) return -1;
    const body = (await response.json()) as { totalItems: number };
    return body.totalItems;
  }

  /** Gives the catalog its entities and waits until it serves them all. */
  async function ingest(components: number): Promise<number> {
    const from = Date.now();
    await provider.provide(catalogEntities(components));
    for (;;) {
      const [found, groups] = await Promise.all([
        catalogCount('component'),
        catalogCount('group'),
      ]);
      if (found === components && groups === GROUPS) break;
      if (Date.now() - from > 20 * 60_000) {
        throw new Error(
          `The catalog serves ${found} of ${components} Components and ` +
            `${groups} of ${GROUPS} Groups after 20 minutes`,
        );
      }
      await sleep(250);
    }
    return Date.now() - from;
  }

  async function cycle(label: string): Promise<CycleFigures> {
    clusters.forEach(({ server }) => server.resetRequests());
    const done = sink.next(
      entry => entry.message.startsWith('Readiness cycle:'),
      entry => entry.level === 'error' && entry.fields.task === TASK_ID,
    );
    const triggeredAt = Date.now();
    // 409 while the scheduler still releases the previous run.
    for (let attempt = 0; ; attempt++) {
      const response = await call(
        `/api/readiness/.backstage/scheduler/v1/tasks/${TASK_ID}/trigger`,
        { method: 'POST' },
      );
      if (response.ok) break;
      if (response.status !== 409 || attempt > 100) {
        throw new Error(
          `Triggering ${TASK_ID}: ${response.status} ${await response.text()}`,
        );
      }
      await sleep(100);
    }
    const entry = await done;
    const firstRequest = Math.min(
      ...clusters.flatMap(({ server }) =>
        server.requests.map(request => request.receivedAt),
      ),
    );
    const field = (name: string) => Number(entry.fields[name]);
    return {
      label,
      entities: field('entities'),
      scored: Number(/(\d+) scored/.exec(entry.message)?.[1]),
      pickupMs: firstRequest - triggeredAt,
      cycleMs: entry.at - firstRequest,
      sourcesMs: field('sourcesMs'),
      catalogMs: field('catalogMs'),
      scoringMs: field('scoringMs'),
      writeMs: field('writeMs'),
      requests: clusters.map(({ server }) => server.requestCount()),
      listRequests: clusters.map(({ server }) =>
        server.requestCount({ verb: 'list' }),
      ),
    };
  }

  try {
    print();
    print('Working (each step is printed as it ends) ...');
    const firstIngest = await ingest(FIRST_ENTITIES);
    print(
      `  catalog ingested ${fmt(
        FIRST_ENTITIES,
      )} Components + ${GROUPS} Groups in ${seconds(firstIngest)}`,
    );
    const cycles: CycleFigures[] = [];
    cycles.push(await cycle(`${fmt(FIRST_ENTITIES)} entities, all new`));
    print(`  cycle 1 done in ${seconds(cycles[0].cycleMs)}`);

    const secondIngest = await ingest(ENTITIES);
    print(
      `  catalog ingested ${fmt(
        ENTITIES - FIRST_ENTITIES,
      )} more Components in ${seconds(secondIngest)} (${fmt(ENTITIES)} in all)`,
    );
    cycles.push(
      await cycle(
        `${fmt(ENTITIES)} entities, ${fmt(ENTITIES - FIRST_ENTITIES)} new`,
      ),
    );
    print(`  cycle 2 done in ${seconds(cycles[1].cycleMs)}`);
    cycles.push(
      await profiled('cycle', () =>
        cycle(`${fmt(ENTITIES)} entities, steady state`),
      ),
    );
    print(`  cycle 3 done in ${seconds(cycles[2].cycleMs)}`);

    const pick = random(42);
    const scorecardPaths = Array.from(
      { length: 4096 },
      () =>
        `/api/readiness/entities/component/default/${componentName(
          Math.floor(pick() * ENTITIES),
        )}`,
    );
    // The catalog lookup each scorecard request makes, alone, for scale.
    const catalogPaths = scorecardPaths.map(route =>
      route.replace(
        '/api/readiness/entities/',
        '/api/catalog/entities/by-name/',
      ),
    );
    const sorts = ['score', 'level', 'title', 'owner', 'evaluatedAt'];
    const overviewPaths = Array.from({ length: 1024 }, () => {
      const offset =
        Math.floor(pick() * (ENTITIES / OVERVIEW_PAGE)) * OVERVIEW_PAGE;
      const sort = sorts[Math.floor(pick() * sorts.length)];
      const order = pick() < 0.5 ? 'asc' : 'desc';
      return `/api/readiness/overview?limit=${OVERVIEW_PAGE}&offset=${offset}&sort=${sort}&order=${order}`;
    });

    const loads: LoadFigures[] = [];
    for (const [route, paths, profileName] of [
      ['GET /entities/component/default/:name', scorecardPaths, 'scorecard'],
      [
        `GET /overview?limit=${OVERVIEW_PAGE}&offset=..&sort=..`,
        overviewPaths,
        'overview',
      ],
      [
        'reference: GET /api/catalog/entities/by-name/component/default/:name',
        catalogPaths,
        'catalog',
      ],
    ] as const) {
      for (const concurrency of CLIENT_COUNTS) {
        await runLoad({
          baseUrl,
          paths: [...paths],
          concurrency,
          durationMs: WARM_UP_SECONDS * 1000,
        });
        const measure = () =>
          runLoad({
            baseUrl,
            paths: [...paths],
            concurrency,
            durationMs: LOAD_SECONDS * 1000,
          });
        const result =
          concurrency === CONCURRENCY
            ? await profiled(profileName, measure)
            : await measure();
        loads.push({ route, concurrency, result });
        print(
          `  ${route} with ${concurrency} client(s): ${fmt(
            result.latencies.length,
          )} requests`,
        );
      }
    }

    print();
    print(
      `## Cycles (triggered with POST /api/readiness/.backstage/scheduler/v1/tasks/${TASK_ID}/trigger)`,
    );
    print();
    table(
      [
        'cycle',
        'entities',
        'scored',
        'full cycle',
        'sources',
        'catalog',
        'scoring',
        'db writes',
        'trigger → start',
      ],
      cycles.map(c => [
        c.label,
        fmt(c.entities),
        fmt(c.scored),
        `${fmt(c.cycleMs)} ms`,
        `${fmt(c.sourcesMs)} ms`,
        `${fmt(c.catalogMs)} ms`,
        `${fmt(c.scoringMs)} ms`,
        `${fmt(c.writeMs)} ms`,
        `${fmt(c.pickupMs)} ms`,
      ]),
    );
    const storage = await database.scorecardStorage();
    if (storage) {
      print();
      print(`Stored after the last cycle: ${storage}.`);
    }
    print();
    print(
      '"full cycle": first cluster request to the summary log line; the parts are ' +
        'the cycle\'s own timings. "trigger → start": the scheduler\'s pick-up (it ' +
        'polls every 5 s).',
    );

    print();
    print('## Kubernetes API requests per cluster and cycle');
    print();
    table(
      ['cycle', ...clusters.map(c => c.name), 'of which lists'],
      cycles.map(c => [
        c.label,
        ...c.requests.map(count => fmt(count)),
        c.listRequests.map(count => fmt(count)).join(' / '),
      ]),
    );
    print();
    print(
      `Objects per cluster: ${clusters
        .map(c => fmt(c.objects))
        .join(' / ')}; page size 500.`,
    );

    print();
    print(
      `## Load (${LOAD_SECONDS} s per row after ${WARM_UP_SECONDS} s of warm-up; ` +
        'clients in a worker thread, over loopback)',
    );
    print();
    table(
      [
        'route',
        'clients',
        'requests',
        'req/s',
        'p50',
        'p95',
        'p99',
        'max',
        'errors',
        'KB/response',
      ],
      loads.map(({ route, concurrency, result }) => {
        const sorted = [...result.latencies].sort((a, b) => a - b);
        const ms = (fraction: number) =>
          `${fmt(percentile(sorted, fraction), 1)} ms`;
        return [
          route,
          String(concurrency),
          fmt(sorted.length),
          fmt(sorted.length / (result.elapsedMs / 1000)),
          ms(0.5),
          ms(0.95),
          ms(0.99),
          ms(1),
          fmt(result.errors),
          fmt(result.bytes / Math.max(1, sorted.length) / 1024, 1),
        ];
      }),
    );
    loads
      .filter(load => load.result.firstError)
      .forEach(load =>
        print(`first error of ${load.route}: ${load.result.firstError}`),
      );

    const worstCycle = Math.max(...cycles.map(c => c.cycleMs));
    const requestsVary = new Set(cycles.map(c => c.requests.join(','))).size;
    /** A percentile of a route's latencies at each client count. */
    const latencyAt = (route: string, fraction: number) =>
      loads
        .filter(load => load.route.startsWith(route))
        .map(load => ({
          clients: load.concurrency,
          ms: percentile(
            [...load.result.latencies].sort((a, b) => a - b),
            fraction,
          ),
        }));
    const listed = (route: string, fraction: number) =>
      latencyAt(route, fraction)
        .map(({ ms }) => fmt(ms, 1))
        .join(' / ');
    const under = (route: string, fraction: number, limit: number) => {
      const figures = latencyAt(route, fraction);
      const loaded = figures.find(f => f.clients === CONCURRENCY)!;
      if (loaded.ms < limit) return 'met';
      const within = figures.filter(f => f.ms < limit).map(f => f.clients);
      return within.length > 0
        ? `missed (met up to ${Math.max(...within)} client(s))`
        : 'missed';
    };
    const clientList = `${CLIENT_COUNTS.join(' / ')} clients`;
    const met = (ok: boolean) => (ok ? 'met' : 'missed');
    print();
    print('## Goals');
    print();
    table(
      ['goal', 'measured', 'verdict'],
      [
        [
          'full cycle under 30 s',
          `${seconds(worstCycle)} (slowest cycle)`,
          met(worstCycle < 30_000),
        ],
        [
          'requests per cluster independent of entities',
          `${cycles
            .map(c => `${fmt(c.entities)}: ${c.requests.join('/')}`)
            .join('; ')}`,
          met(requestsVary === 1),
        ],
        [
          'scorecard p95 under 20 ms',
          `p95 ${listed('GET /entities', 0.95)} ms with ${clientList}`,
          under('GET /entities', 0.95, 20),
        ],
        [
          'overview page under 200 ms',
          `p50 ${listed('GET /overview', 0.5)} ms, p95 ${listed(
            'GET /overview',
            0.95,
          )} ms with ${clientList}`,
          under('GET /overview', 0.95, 200),
        ],
      ],
    );
    print();
    print(
      `benchmark took ${seconds(
        Date.now() - started,
      )}; load average at the end: ${loadAverage()}`,
    );
  } finally {
    await backend.stop();
    await stopClusters();
    await database.cleanUp();
  }
}

main().then(
  // Connection pools and sockets may linger; nothing is left to wait for.
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
