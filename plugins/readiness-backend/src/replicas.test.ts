/**
 * Two replicas of a backend on one PostgreSQL database, as a deployment with
 * two pods runs: the real database service (one schema per plugin in the
 * shared database), the real scheduler, the real catalog backend, and a fake
 * Kubernetes API server on loopback as the workload source. Each replica has
 * its own process state (caches, snapshots); only the database is shared.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import {
  FakeKubeApiServer,
  FakeKubeObject,
  startFakeKubeApiServer,
} from '@prodready/fake-kube-apiserver';
import request from 'supertest';
import { readinessPlugin } from './plugin';
import {
  configuredPostgresId,
  disconnectEveryone,
  eventually,
  ReplaceableEntityProvider,
  ReplicaLogEntry,
  ReplicaLogger,
  sharedPostgresConnection,
} from './__testUtils__/twoReplicas';
import { alphaServiceFactories } from './__testUtils__/alphaServices';
import { serviceComponent, TEAM_A } from './__testUtils__/catalogEntities';

jest.setTimeout(180_000);

const TASK = '/api/readiness/.backstage/scheduler/v1/tasks';
const TRIGGER = `${TASK}/readiness-evaluate/trigger`;
const PAYMENTS = '/api/readiness/entities/component/default/payments';
const SHIPMENTS = '/api/readiness/entities/component/default/shipments';
const OVERVIEW_ROUTES = [
  '/api/readiness/overview',
  '/api/readiness/overview?sort=title&order=desc&limit=1&offset=1',
  '/api/readiness/overview/groups',
  '/api/readiness/overview/checks',
  '/api/readiness/overview/history?days=7',
];
const USER = mockCredentials.user.header();
// Each cluster request is answered this late, so a cycle lasts longer than
// the moment between two triggers sent together.
const CLUSTER_DELAY_MS = 500;
// The scheduler's workers look for due global tasks this often.
const SCHEDULER_POLL_MS = 5_000;

/** A service of team-a, with more annotations when given. */
const component = (name: string, annotations: Record<string, string> = {}) =>
  serviceComponent(name, { annotations });

function deployment(name: string, replicas: number): FakeKubeObject {
  const labels = { app: name, 'backstage.io/kubernetes-id': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'app',
              image: `registry.example/${name}:1.0.0`,
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            },
          ],
        },
      },
    },
  };
}

function checkStatus(scorecard: any, check: string): string | undefined {
  const results = [
    ...(scorecard.report.entity?.results ?? []),
    ...scorecard.report.workloads.flatMap((w: any) => w.results),
  ];
  return results.find((result: any) => result.check === check)?.status;
}

interface Replica {
  server: any;
  provider: ReplaceableEntityProvider;
  stop(): Promise<void>;
}

const postgresId = configuredPostgresId();
// At file level, so that its clean-up (dropping the database) runs after the
// replicas below have stopped.
const databases = TestDatabases.create({ ids: postgresId ? [postgresId] : [] });

describe('two backend replicas on one PostgreSQL database', () => {
  const logs: ReplicaLogEntry[] = [];
  let connection: JsonObject | undefined;
  let cluster: FakeKubeApiServer;
  let a: Replica;
  let b: Replica;

  async function startReplica(
    name: string,
    database: JsonObject,
  ): Promise<Replica> {
    const provider = new ReplaceableEntityProvider([
      TEAM_A,
      component('shipments'),
      component('payments'),
    ]);
    const entities = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'replica-test-entities',
      register(env) {
        env.registerInit({
          deps: { catalog: catalogProcessingExtensionPoint },
          async init({ catalog }) {
            catalog.addEntityProvider(provider);
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        ...alphaServiceFactories,
        catalogPlugin,
        entities,
        databaseServiceFactory,
        schedulerServiceFactory,
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => new ReplicaLogger(name, logs),
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'pg',
                connection: database,
                pluginDivisionMode: 'schema',
              },
            },
            catalog: { processingInterval: { seconds: 1 } },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'prod',
                      url: cluster.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: cluster.token,
                      caData: cluster.caData,
                    },
                  ],
                },
              ],
            },
            readiness: {
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 2 },
              },
            },
          },
        }),
      ],
    });
    return {
      server: backend.server,
      provider,
      stop: () => backend.stop(),
    };
  }

  const get = (replica: Replica, route: string) =>
    request(replica.server).get(route).set('Authorization', USER);

  const cycles = () =>
    logs.filter(entry => entry.message.startsWith('Readiness cycle:'));

  /** Triggers the cycle through both replicas at once; waits for it to end. */
  async function triggerOnBoth(options: { whileWaiting?: () => unknown }) {
    const before = cycles().length;
    cluster.resetRequests();
    const answers = await Promise.all(
      [a, b].map(replica =>
        request(replica.server).post(TRIGGER).set('Authorization', USER),
      ),
    );
    // 409: the other replica's trigger was claimed and runs already.
    expect(answers.map(answer => answer.status)).toContain(200);
    answers.forEach(answer => expect([200, 409]).toContain(answer.status));
    await eventually('the cycle to end', async () => {
      await options.whileWaiting?.();
      return cycles().length > before ? true : undefined;
    });
  }

  /** Refreshes through a replica; a refresh made too soon is retried. */
  async function refresh(replica: Replica, route: string) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await request(replica.server)
        .post(`${route}/refresh`)
        .set('Authorization', USER);
      if (response.status !== 429) return response;
      const seconds = Number(response.headers['retry-after'] ?? 1);
      await new Promise(resolve => setTimeout(resolve, seconds * 1000));
    }
    throw new Error(`${route}/refresh answered 429 five times`);
  }

  /** The same route on both replicas: status 200 and equal bodies. */
  async function sameOnBoth(route: string) {
    const [fromA, fromB] = await Promise.all([get(a, route), get(b, route)]);
    expect([route, fromA.status, fromB.status]).toEqual([route, 200, 200]);
    expect({ route, body: fromB.body }).toEqual({ route, body: fromA.body });
    return fromA.body;
  }

  beforeAll(async () => {
    connection = await sharedPostgresConnection(databases, postgresId);
    cluster = await startFakeKubeApiServer({
      objects: [deployment('shipments', 3), deployment('payments', 1)],
    });
    cluster.injectFault({ delayMs: CLUSTER_DELAY_MS, times: Infinity });
    // One after the other: each runs the migrations of its plugins, and the
    // second finds them applied, as a rolling deployment does.
    a = await startReplica('A', connection);
    b = await startReplica('B', connection);

    await eventually('both replicas to serve the catalog', async () => {
      for (const replica of [a, b]) {
        const response = await get(
          replica,
          '/api/catalog/entities/by-query?filter=kind=component&filter=kind=group',
        );
        if (response.body.totalItems !== 3) return undefined;
      }
      return true;
    });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await cluster?.close();
    if (connection) await disconnectEveryone(connection);
  });

  it('runs one cycle per trigger across both replicas', async () => {
    await triggerOnBoth({});
    expect(
      cluster.requestCount({ resource: 'deployments', verb: 'list' }),
    ).toBe(1);

    // The cycle logs its end before the task ends (metrics and campaign
    // notifications follow, then the scheduler's own bookkeeping).
    await eventually('the task to end on both replicas', async () => {
      for (const replica of [a, b]) {
        const response = await get(replica, TASK);
        if (response.body.tasks?.[0]?.taskState?.status !== 'idle') {
          return undefined;
        }
      }
      return true;
    });
    // Both replicas see the global task in the shared table: idle, nothing
    // due, so no further run can start.
    for (const replica of [a, b]) {
      const response = await get(replica, TASK);
      expect(response.body.tasks).toEqual([
        expect.objectContaining({
          taskId: 'readiness-evaluate',
          scope: 'global',
          taskState: expect.objectContaining({ status: 'idle' }),
        }),
      ]);
      expect(response.body.tasks[0].taskState.startsAt).toBeUndefined();
    }
    // A replica that ran the task on its own would have started by now.
    await new Promise(resolve => setTimeout(resolve, SCHEDULER_POLL_MS + 1000));
    expect(cycles()).toHaveLength(1);
    expect(cycles()[0].fields.entities).toBe(2);
    expect(
      cluster.requestCount({ resource: 'deployments', verb: 'list' }),
    ).toBe(1);
  });

  it('serves the same scorecards and overview on both replicas right after a cycle', async () => {
    const cyclesBefore = cycles().length;
    const before = await sameOnBoth(PAYMENTS);
    expect(checkStatus(before, 'replicas')).toBe('fail');

    // Payments is scaled up; the next cycle scores it higher. Meanwhile
    // clients keep reading the overview from both replicas, as the UI does.
    cluster.addObjects([deployment('payments', 3)]);
    await triggerOnBoth({
      whileWaiting: () =>
        Promise.all(
          [a, b].flatMap(replica =>
            OVERVIEW_ROUTES.map(route => get(replica, route)),
          ),
        ),
    });
    expect(cycles()).toHaveLength(cyclesBefore + 1);
    expect(
      cluster.requestCount({ resource: 'deployments', verb: 'list' }),
    ).toBe(1);

    const after = await sameOnBoth(PAYMENTS);
    expect(checkStatus(after, 'replicas')).toBe('pass');
    expect(after.score).toBeGreaterThan(before.score);
    await sameOnBoth(SHIPMENTS);

    const overview = await sameOnBoth(OVERVIEW_ROUTES[0]);
    expect(
      overview.items.find(
        (row: any) => row.entityRef === 'component:default/payments',
      ),
    ).toMatchObject({ score: after.score, evaluatedAt: after.evaluatedAt });
    for (const route of OVERVIEW_ROUTES.slice(1)) {
      await sameOnBoth(route);
    }
  });

  it('shows a refresh made on one replica on the other at once', async () => {
    // Replica B has served these already, so anything it keeps would show.
    const before = await sameOnBoth(PAYMENTS);
    await sameOnBoth(OVERVIEW_ROUTES[0]);
    expect(checkStatus(before, 'runbook')).toBe('fail');

    // The entity gains a runbook in the catalog; a refresh picks it up.
    await a.provider.provide([
      TEAM_A,
      component('shipments'),
      component('payments', {
        'prodready.dev/runbook': 'https://runbooks.example/payments',
      }),
    ]);
    await eventually('the catalog to serve the runbook', async () => {
      const response = await get(
        b,
        '/api/catalog/entities/by-name/component/default/payments',
      );
      return response.body.metadata?.annotations?.['prodready.dev/runbook']
        ? true
        : undefined;
    });

    const refreshed = await refresh(a, PAYMENTS);
    expect(refreshed.status).toBe(200);
    expect(checkStatus(refreshed.body, 'runbook')).toBe('pass');
    expect(refreshed.body.score).toBeGreaterThan(before.score);

    const onB = await get(b, PAYMENTS);
    expect(onB.body).toEqual(refreshed.body);
    const overview = await sameOnBoth(OVERVIEW_ROUTES[0]);
    expect(
      overview.items.find(
        (row: any) => row.entityRef === 'component:default/payments',
      ),
    ).toMatchObject({
      score: refreshed.body.score,
      evaluatedAt: refreshed.body.evaluatedAt,
    });
    for (const route of OVERVIEW_ROUTES.slice(1)) {
      await sameOnBoth(route);
    }
  });
});
