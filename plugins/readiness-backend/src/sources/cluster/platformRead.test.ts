/**
 * The platform side of a cluster read, against the fake API server over
 * HTTPS: cluster-scoped kinds paged like workloads, add-ons not installed,
 * a refused kind, and a cluster that fails.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import {
  ClusterSnapshot,
  KubeObject,
} from '@prodready/backstage-plugin-readiness-common';
import {
  FakeKubeApiServer,
  FakeKubeObject,
  startFakeKubeApiServer,
  syntheticClusterObjects,
  syntheticPlatformObjects,
} from '@prodready/fake-kube-apiserver';
import { ClusterWorkloadSource, PlatformRead } from './ClusterWorkloadSource';

jest.setTimeout(60_000);

const SECRET_VALUE = 'hunter2-s3cr3t-Value-9f8e7d';

const PLATFORM_EXTRAS: FakeKubeObject[] = [
  {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'nightly', namespace: 'velero' },
    spec: { schedule: '0 2 * * *', template: {} },
    status: { phase: 'Enabled', lastBackup: '2026-12-05T02:00:00Z' },
  },
  {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: { name: 'drill', namespace: 'velero' },
    spec: { backupName: 'nightly-20261201' },
    status: { phase: 'Completed', completionTimestamp: '2026-12-01T10:00:00Z' },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'team-0' },
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            {
              name: 'api',
              image: 'registry.example.com/api:1.0.0',
              env: [{ name: 'DATABASE_PASSWORD', value: SECRET_VALUE }],
            },
          ],
        },
      },
    },
  },
];

function sourceFor(
  server: FakeKubeApiServer,
  options: { pageSize?: number; retries?: number; platform?: boolean } = {},
) {
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
    pageSize: options.pageSize ?? 50,
    concurrency: 4,
    requestTimeoutMs: 5000,
    retries: options.retries ?? 0,
    retryBaseDelayMs: 1,
    platform: options.platform ?? true,
    logger: mockServices.logger.mock(),
  });
}

function snapshotOf(read: PlatformRead | undefined): ClusterSnapshot {
  if (!read?.ok) throw new Error(`no snapshot: ${JSON.stringify(read)}`);
  return read.snapshot;
}

const ofKind = (snapshot: ClusterSnapshot, kind: string): KubeObject[] =>
  snapshot.objects.filter(object => object.kind === kind);

describe('ClusterWorkloadSource platform read', () => {
  let server: FakeKubeApiServer;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      crds: [
        'schedules.velero.io',
        'backups.velero.io',
        'restores.velero.io',
        'certificates.cert-manager.io',
      ],
      version: 'v1.32.3-eks-4096',
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.setObjects([
      ...syntheticClusterObjects({ workloads: 20, namespaces: 120 }),
      ...syntheticPlatformObjects({ namespaces: 120, crds: 130, nodes: 7 }),
      ...PLATFORM_EXTRAS,
    ]);
    server.clearFaults();
    server.resetRequests();
  });

  it('reads the cluster-scoped kinds page by page, with the server version', async () => {
    const source = sourceFor(server, { pageSize: 50 });
    const workloads = await source.read();
    const snapshot = snapshotOf(source.takePlatformRead());

    expect(snapshot.cluster).toBe('prod-eu');
    expect(snapshot.serverVersion).toEqual({
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.3-eks-4096',
    });
    // 130 synthetic CRDs and the 4 the server serves, in 3 pages of 50.
    expect(ofKind(snapshot, 'CustomResourceDefinition')).toHaveLength(134);
    expect(server.requestCount({ resource: 'customresourcedefinitions' })).toBe(
      3,
    );
    expect(ofKind(snapshot, 'Node')).toHaveLength(7);
    expect(ofKind(snapshot, 'ResourceQuota')).toHaveLength(120);
    expect(ofKind(snapshot, 'LimitRange')).toHaveLength(120);
    expect(server.requestCount({ resource: 'resourcequotas' })).toBe(3);
    expect(ofKind(snapshot, 'StorageClass')).toHaveLength(1);
    expect(ofKind(snapshot, 'ClusterRoleBinding')).toHaveLength(1);
    // Namespaces come from the workload read, once.
    expect(ofKind(snapshot, 'Namespace')).toHaveLength(120);
    expect(server.requestCount({ resource: 'namespaces' })).toBe(3);
    expect(snapshot.unreadKinds).toBeUndefined();
    expect(workloads.warnings).toBeUndefined();
    // Handed over once, not kept.
    expect(source.takePlatformRead()).toBeUndefined();
  });

  it('keeps what the checks read, the Velero status included, and no secret value', async () => {
    const source = sourceFor(server);
    await source.read();
    const snapshot = snapshotOf(source.takePlatformRead());
    const schedules = ofKind(snapshot, 'Schedule');
    // Once, with the status the workload read drops.
    expect(schedules).toHaveLength(1);
    expect(schedules[0].status).toMatchObject({
      lastBackup: '2026-12-05T02:00:00Z',
    });
    expect(ofKind(snapshot, 'Restore')[0].status).toMatchObject({
      phase: 'Completed',
    });
    const crd = ofKind(snapshot, 'CustomResourceDefinition').find(
      object => object.metadata?.name === 'widget0s.operator-0.example.com',
    );
    // The schema the synthetic CRD carries is not kept.
    expect(crd?.spec?.versions).toBeUndefined();
    const [api] = ofKind(snapshot, 'Deployment').filter(
      object => object.metadata?.name === 'api',
    );
    expect(api.spec?.template.spec.containers[0].env[0].name).toBe(
      'DATABASE_PASSWORD',
    );
    expect(JSON.stringify(snapshot)).not.toContain(SECRET_VALUE);
  });

  it('treats add-ons that are not installed as having no objects, silently', async () => {
    const bare = await startFakeKubeApiServer({
      objects: [
        ...syntheticClusterObjects({ workloads: 5, namespaces: 2 }),
        ...syntheticPlatformObjects({ namespaces: 2, crds: 3 }),
      ],
    });
    try {
      const source = sourceFor(bare);
      const workloads = await source.read();
      const snapshot = snapshotOf(source.takePlatformRead());
      for (const kind of ['Schedule', 'Backup', 'Restore', 'GatewayClass']) {
        expect(ofKind(snapshot, kind)).toEqual([]);
      }
      expect(source.lastReadStats?.notServed).toEqual(
        expect.arrayContaining([
          'Backup',
          'Restore',
          'Prometheus',
          'Alertmanager',
          'PrometheusRule',
          'GatewayClass',
        ]),
      );
      expect(snapshot.unreadKinds).toBeUndefined();
      expect(workloads.warnings).toBeUndefined();
      expect(ofKind(snapshot, 'CustomResourceDefinition')).toHaveLength(3);
    } finally {
      await bare.close();
    }
  });

  it('names a refused kind and the ClusterRole rule to add, and reads the rest', async () => {
    server.injectFault({
      resource: 'clusterrolebindings',
      status: 403,
      times: Infinity,
    });
    const source = sourceFor(server);
    const workloads = await source.read();
    const snapshot = snapshotOf(source.takePlatformRead());
    expect(snapshot.unreadKinds).toEqual([
      {
        kind: 'ClusterRoleBinding',
        reason: expect.stringContaining(
          'Add this rule to the readiness ClusterRole: { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterrolebindings"], verbs: ["list"] }',
        ),
      },
    ]);
    expect(snapshot.unreadKinds?.[0].reason).toContain(
      'Cluster prod-eu refused to list ClusterRoleBinding (rbac.authorization.k8s.io/v1)',
    );
    expect(workloads.warnings).toEqual([snapshot.unreadKinds?.[0].reason]);
    expect(ofKind(snapshot, 'ClusterRoleBinding')).toEqual([]);
    expect(ofKind(snapshot, 'Node')).toHaveLength(7);
    // The workloads are read as usual.
    expect(
      workloads.objects.filter(o => o.object.kind === 'Deployment').length,
    ).toBeGreaterThan(0);
  });

  it('fails the platform read, not the workload read, when a platform kind keeps failing', async () => {
    server.injectFault({ resource: 'nodes', status: 503, times: Infinity });
    const source = sourceFor(server, { retries: 2 });
    const workloads = await source.read();
    expect(workloads.objects.length).toBeGreaterThan(0);
    const read = source.takePlatformRead();
    expect(read).toMatchObject({ ok: false });
    expect(read?.ok === false && read.error).toMatch(
      /Cluster prod-eu: listing Node \(v1\) failed: HTTP 503.*after 3 attempts/,
    );
    // Retried like any other list.
    expect(server.requestCount({ resource: 'nodes' })).toBe(3);
  });

  it('fails the platform read with the cluster when the cluster cannot be read', async () => {
    server.injectFault({ path: /.*/, status: 500, times: Infinity });
    const source = sourceFor(server);
    await expect(source.read()).rejects.toThrow(/HTTP 500/);
    const read = source.takePlatformRead();
    expect(read).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Cluster prod-eu: listing .* failed/),
    });
  });

  it('reads nothing more when platform reading is off', async () => {
    const source = sourceFor(server, { platform: false });
    await source.read();
    expect(source.takePlatformRead()).toBeUndefined();
    expect(server.requestCount({ resource: 'nodes' })).toBe(0);
    expect(server.requestCount({ path: '/version' })).toBe(0);
  });
});
