/**
 * A refresh against a live (fake) cluster: it must give the scorecard a full
 * cycle gives, while reading only the entity's part of the cluster.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeConfig } from '@kubernetes/client-node';
import { Knex } from 'knex';
import {
  WorkloadSource,
  WorkloadSourceSnapshot,
} from '@prodready/backstage-plugin-readiness-node';
import {
  FakeKubeApiServer,
  FakeKubeObject,
  FakeKubeRequest,
  startFakeKubeApiServer,
  syntheticClusterObjects,
} from '@prodready/fake-kube-apiserver';
import { readBackendConfig } from '../config/backendConfig';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { TooManyRequestsError } from '../service/httpErrors';
import { CLUSTER_KINDS } from '../sources/cluster/clusterKinds';
import { ClusterWorkloadSource } from '../sources/cluster/ClusterWorkloadSource';
import { EntityManifestsReader } from '../sources/EntityManifestsReader';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import { SourceSnapshots } from './SourceSnapshots';

jest.setTimeout(60_000);

const ID = 'backstage.io/kubernetes-id';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const TEAM: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a' },
  spec: { type: 'team', children: [] },
};

const ENTITIES: Entity[] = [
  TEAM,
  component('app-5', { [ID]: 'app-5' }),
  // Workloads in two namespaces, by a set-based selector.
  component('teams', {
    'backstage.io/kubernetes-label-selector':
      'team in (team-1,team-2),app.kubernetes.io/name notin (app-9)',
  }),
  component('app-6', {
    [ID]: 'app-6',
    'backstage.io/kubernetes-namespace': 'team-2',
  }),
  // Labelled in its pod template only; its ReplicaSet carries the label.
  component('legacy', { [ID]: 'legacy' }),
  component('web', { [ID]: 'web' }),
  component('elsewhere', {
    [ID]: 'app-7',
    'backstage.io/kubernetes-cluster': 'staging',
  }),
  component('runbook-only', {}),
];

const template = (labels: Record<string, string>) => ({
  metadata: { labels },
  spec: {
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
    containers: [{ name: 'app', image: 'registry.example.com/app:1.0.0' }],
  },
});

const EXTRA_OBJECTS: FakeKubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'legacy',
      namespace: 'team-3',
      labels: { app: 'legacy' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'legacy' } },
      template: template({ app: 'legacy', [ID]: 'legacy' }),
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'legacy-7c9f',
      namespace: 'team-3',
      labels: { app: 'legacy', [ID]: 'legacy' },
      ownerReferences: [
        { kind: 'Deployment', name: 'legacy', uid: 'u1', controller: true },
      ],
    },
    spec: { template: template({ app: 'legacy', [ID]: 'legacy' }) },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { [ID]: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: template({ app: 'web' }),
    },
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  },
  {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'everything', namespace: 'velero' },
    spec: { schedule: '0 1 * * *', template: {} },
  },
];

const SCORED_REFS = ENTITIES.filter(e => e.kind === 'Component').map(
  e => `component:default/${e.metadata.name}`,
);

function clusterSource(server: FakeKubeApiServer) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(
    {
      name: 'fake',
      server: server.url,
      caData: server.caData,
      skipTLSVerify: false,
    },
    { name: 'reader', token: server.token },
  );
  return new ClusterWorkloadSource({
    target: { name: 'prod-eu', configKey: 'test', kubeConfig },
    pageSize: 500,
    concurrency: 4,
    requestTimeoutMs: 5000,
    retries: 0,
  });
}

/** Names the selector, names a namespace, or lists one of the two small kinds the checks consult everywhere. */
function isScoped(request: FakeKubeRequest): boolean {
  return (
    request.query.labelSelector !== undefined ||
    request.namespace !== undefined ||
    request.resource === 'namespaces' ||
    request.resource === 'schedules'
  );
}

/** A source without readScoped, as a third-party module may add. */
class PlainSource implements WorkloadSource {
  readonly id = 'gitops:fleet';
  reads = 0;
  async read(): Promise<WorkloadSourceSnapshot> {
    this.reads++;
    return {
      objects: [
        {
          object: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: {
              name: `app-5-v${this.reads}`,
              namespace: 'fleet',
              labels: { [ID]: 'app-5' },
            },
            spec: { template: template({}) },
          },
        },
      ],
    };
  }
}

describe('ReadinessEvaluator.refresh', () => {
  const databases = TestDatabases.create();
  let server: FakeKubeApiServer;
  let now: Date;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      crds: 'all',
      objects: [
        ...syntheticClusterObjects({
          workloads: 40,
          namespaces: 4,
          customResources: true,
        }),
        ...EXTRA_OBJECTS,
      ],
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    now = new Date('2026-11-22T10:00:00Z');
    server.clearFaults();
    server.resetRequests();
  });

  async function evaluatorWith(sources: WorkloadSource[], database?: Knex) {
    const knex = database ?? (await databases.init('SQLITE_3'));
    await applyDatabaseMigrations(knex);
    const store = new DatabaseReadinessStore(knex);
    const config = new ConfigReader({});
    const evaluator = new ReadinessEvaluator({
      catalog: catalogServiceMock({ entities: ENTITIES }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      config: readBackendConfig(config),
      snapshots: new SourceSnapshots(sources),
      manifests: new EntityManifestsReader({
        urlReader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(config),
        maxFileBytes: 1024 * 1024,
      }),
      now: () => now,
    });
    return { store, evaluator };
  }

  it('gives the scorecard a full cycle gives, reading only the entity’s part', async () => {
    const cycle = await evaluatorWith([clusterSource(server)]);
    await cycle.evaluator.runCycle();
    const fullReadRequests = server.requestCount();

    // Another replica that never ran a cycle.
    const other = await evaluatorWith([clusterSource(server)]);
    const perKindAndNamespace = CLUSTER_KINDS.length;
    for (const ref of SCORED_REFS) {
      server.resetRequests();
      await other.evaluator.refresh(ref);
      const expected = await cycle.store.getScorecard(ref);
      const refreshed = await other.store.getScorecard(ref);
      expect({
        ref,
        report: refreshed?.report,
        stale: refreshed?.stale,
      }).toEqual({ ref, report: expected?.report, stale: false });
      expect({
        ref,
        unscoped: server.requests.filter(r => !isScoped(r)),
      }).toEqual({ ref, unscoped: [] });
      // O(kinds) per namespace of the entity's workloads, never more than
      // the cycle's cluster-wide lists of every kind by much.
      expect(server.requestCount()).toBeLessThanOrEqual(
        perKindAndNamespace * 3,
      );
    }
    expect(fullReadRequests).toBe(CLUSTER_KINDS.length);

    // The set-based selector reached two namespaces; the pod-template-only
    // workload and the one in `default` were found.
    const teams = await other.store.getScorecard('component:default/teams');
    expect(new Set(teams!.report.workloads.map(w => w.namespace))).toEqual(
      new Set(['team-1', 'team-2']),
    );
    const legacy = await other.store.getScorecard('component:default/legacy');
    expect(legacy!.report.workloads.map(w => w.name)).toEqual(['legacy']);
    const web = await other.store.getScorecard('component:default/web');
    expect(
      web!.report.workloads[0].results.find(r => r.check === 'pdb')?.status,
    ).toBe('pass');
    // The Schedule covering every namespace counts for web's volume.
    expect(
      web!.report.workloads[0].results.find(r => r.check === 'backup-schedule')
        ?.status,
    ).toBe('pass');
  });

  it('reads no cluster for an entity pinned elsewhere or mapped to none', async () => {
    const { evaluator } = await evaluatorWith([clusterSource(server)]);
    await evaluator.refresh('component:default/elsewhere');
    await evaluator.refresh('component:default/runbook-only');
    expect(server.requestCount()).toBe(0);
  });

  it('refuses entities it does not score, and missing ones, without storing anything', async () => {
    const { store, evaluator } = await evaluatorWith([clusterSource(server)]);
    await expect(evaluator.refresh('group:default/team-a')).rejects.toThrow(
      new NotFoundError(
        'group:default/team-a is not an entity the readiness plugin scores: its kind ' +
          'is not one of readiness.entityKinds (Component) and it has none of the ' +
          'annotations backstage.io/kubernetes-id, backstage.io/kubernetes-label-selector, ' +
          'prodready.dev/manifests',
      ),
    );
    await expect(
      evaluator.refresh('component:default/nope'),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.listEntityRefs()).toEqual([]);
    expect(server.requestCount()).toBe(0);
  });

  it('evaluates an entity at most once per interval, sharing concurrent refreshes', async () => {
    const { evaluator } = await evaluatorWith([clusterSource(server)]);
    const ref = 'component:default/app-5';
    await evaluator.refresh(ref);
    const oneRefresh = server.requestCount();

    now = new Date(now.getTime() + 10_500);
    const refused = await evaluator.refresh(ref).catch(error => error);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused.retryAfterSeconds).toBe(20);
    expect(refused.message).toBe(
      'component:default/app-5 was evaluated at 2026-11-22T10:00:00.000Z; an entity is ' +
        'evaluated at most once every 30 seconds (readiness.refresh.minIntervalSeconds). ' +
        'Try again in 20 seconds.',
    );
    expect(server.requestCount()).toBe(oneRefresh);

    // Past the interval, two refreshes at once read the cluster once.
    now = new Date(now.getTime() + 20_000);
    server.resetRequests();
    await Promise.all([evaluator.refresh(ref), evaluator.refresh(ref)]);
    expect(server.requestCount()).toBe(oneRefresh);
  });

  it.each(databases.eachSupportedId())(
    'holds the interval across two replicas on one database, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const first = await evaluatorWith([clusterSource(server)], knex);
      const second = await evaluatorWith([clusterSource(server)], knex);
      const ref = 'component:default/app-5';
      await first.evaluator.refresh(ref);

      now = new Date(now.getTime() + 29_001);
      const refused = await second.evaluator.refresh(ref).catch(e => e);
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      expect(refused.retryAfterSeconds).toBe(1);

      now = new Date(now.getTime() + 1_000);
      await second.evaluator.refresh(ref);
      expect((await second.store.getScorecard(ref))!.evaluatedAt).toBe(
        now.toISOString(),
      );
    },
  );

  it('keeps the stored scorecard, marked stale, when the scoped read fails', async () => {
    const { store, evaluator } = await evaluatorWith([clusterSource(server)]);
    const ref = 'component:default/app-5';
    await evaluator.refresh(ref);
    const before = await store.getScorecard(ref);

    now = new Date(now.getTime() + 60_000);
    server.injectFault({ resource: 'services', status: 403, times: Infinity });
    await evaluator.refresh(ref);
    const after = await store.getScorecard(ref);
    expect(after!.report).toEqual(before!.report);
    expect(after!.stale).toBe(true);
    expect(after!.staleReason).toMatch(
      /^cluster:prod-eu: Cluster prod-eu: listing Service \(v1\) failed: HTTP 403 Forbidden/,
    );
  });

  it('uses the last full read of a source without readScoped, reading it once if never read', async () => {
    const plain = new PlainSource();
    const { store, evaluator } = await evaluatorWith([plain]);
    const ref = 'component:default/app-5';

    await evaluator.refresh(ref);
    expect(plain.reads).toBe(1);
    now = new Date(now.getTime() + 60_000);
    await evaluator.refresh(ref);
    expect(plain.reads).toBe(1);
    const scorecard = await store.getScorecard(ref);
    expect(scorecard!.report.workloads.map(w => w.name)).toEqual(['app-5-v1']);
    expect(scorecard!.evaluatedAt).toBe(now.toISOString());
  });
});
