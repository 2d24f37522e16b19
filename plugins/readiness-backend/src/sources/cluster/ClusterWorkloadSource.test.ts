import { KubeConfig } from '@kubernetes/client-node';
import {
  evaluateReadiness,
  KubeObject,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import {
  FakeKubeApiServer,
  FakeKubeObject,
  startFakeKubeApiServer,
  syntheticClusterObjects,
} from '@prodready/fake-kube-apiserver';
import { ClusterReadOptions, ClusterTarget } from './clusterConfig';
import { CLUSTER_KINDS } from './clusterKinds';
import {
  ClusterReadError,
  ClusterWorkloadSource,
  ClusterWorkloadSourceOptions,
} from './ClusterWorkloadSource';
import { REDACTED_HARMLESS, REDACTED_VALUE } from './retainedFields';

const FAST: ClusterReadOptions = {
  pageSize: 10,
  concurrency: 4,
  requestTimeoutMs: 5000,
  retries: 3,
};

function targetFor(
  server: FakeKubeApiServer,
  overrides: { token?: string; caData?: string; name?: string } = {},
): ClusterTarget {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(
    {
      name: 'fake',
      server: server.url,
      caData: overrides.caData ?? server.caData,
      skipTLSVerify: false,
    },
    { name: 'reader', token: overrides.token ?? server.token },
  );
  return { name: overrides.name ?? 'prod-eu', configKey: 'test', kubeConfig };
}

function sourceFor(
  server: FakeKubeApiServer,
  options: Partial<ClusterWorkloadSourceOptions> = {},
): ClusterWorkloadSource {
  return new ClusterWorkloadSource({
    ...FAST,
    retryBaseDelayMs: 5,
    target: targetFor(server),
    ...options,
  });
}

/** Rejection of a read, as an error with its message. */
async function readError(source: ClusterWorkloadSource): Promise<Error> {
  try {
    await source.read({});
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the read to fail');
}

/** Verdicts by object and check, for comparing evaluations. */
function verdicts(objects: SourcedObject[]): Record<string, string> {
  const report = evaluateReadiness({
    objects,
    configMapScope: 'all',
    now: new Date('2026-01-01T00:00:00Z'),
  });
  const out: Record<string, string> = {};
  for (const item of [...report.workloads, ...report.objects]) {
    for (const result of item.results) {
      out[`${item.kind}/${item.namespace}/${item.name}/${result.check}`] =
        result.status;
    }
  }
  return out;
}

const BARE_POD: FakeKubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'debug-shell', namespace: 'team-0' },
  spec: {
    containers: [
      {
        name: 'shell',
        image: 'busybox:1.36',
        env: [{ name: 'SESSION_TOKEN', value: 'hunter2-session' }],
      },
    ],
  },
};

describe('ClusterWorkloadSource', () => {
  let server: FakeKubeApiServer;
  let objects: FakeKubeObject[];

  beforeAll(async () => {
    objects = [
      ...syntheticClusterObjects({
        workloads: 45,
        namespaces: 4,
        customResources: true,
      }),
      BARE_POD,
    ];
    server = await startFakeKubeApiServer({ crds: 'all', objects });
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });

  it('lists each kind once, cluster-wide, page by page', async () => {
    const source = sourceFor(server);
    expect(source.id).toBe('cluster:prod-eu');
    const snapshot = await source.read({});

    // One cluster-wide list per kind: no per-namespace requests.
    expect(server.requests.every(r => r.namespace === undefined)).toBe(true);
    expect(server.requests.every(r => r.verb === 'list')).toBe(true);
    expect(server.requests.every(r => r.query.limit === '10')).toBe(true);
    const count = (kind: string) => objects.filter(o => o.kind === kind).length;
    for (const kind of CLUSTER_KINDS) {
      const expectedPages = Math.max(1, Math.ceil(count(kind.kind) / 10));
      expect({
        kind: kind.kind,
        requests: server.requestCount({ resource: kind.resource }),
      }).toEqual({ kind: kind.kind, requests: expectedPages });
    }
    // HPAs come from autoscaling/v2 only, not once more from v1.
    expect(
      server.requestCount({
        path: '/apis/autoscaling/v1/horizontalpodautoscalers',
      }),
    ).toBe(0);

    const stats = source.lastReadStats!;
    expect(stats.ok).toBe(true);
    expect(stats.requests).toBe(server.requestCount());
    expect(stats.retries).toBe(0);
    expect(stats.requestsByKind.Pod).toBe(Math.ceil(count('Pod') / 10));
    expect(stats.dropped).toBe(
      count('ReplicaSet') + count('Pod') - 1, // all but the bare Pod
    );
    expect(stats.objects).toBe(snapshot.objects.length);
    expect(snapshot.warnings).toBeUndefined();
  });

  it('returns objects with apiVersion, kind and cluster, trimmed and redacted', async () => {
    const { objects: read } = await sourceFor(server).read({});
    expect(read.every(o => o.cluster === 'prod-eu')).toBe(true);
    expect(
      read.every(o => typeof o.object.apiVersion === 'string' && o.object.kind),
    ).toBe(true);
    const kinds = new Set(
      read.map(o => `${o.object.apiVersion} ${o.object.kind}`),
    );
    expect(kinds).toEqual(
      new Set([
        'v1 Namespace',
        'v1 Pod',
        'v1 Service',
        'v1 ServiceAccount',
        'v1 ConfigMap',
        'apps/v1 Deployment',
        'apps/v1 StatefulSet',
        'policy/v1 PodDisruptionBudget',
        'autoscaling/v2 HorizontalPodAutoscaler',
        'networking.k8s.io/v1 NetworkPolicy',
        'networking.k8s.io/v1 Ingress',
        'monitoring.coreos.com/v1 ServiceMonitor',
        'velero.io/v1 Schedule',
      ]),
    );
    // Only the bare Pod survives; owned Pods and ReplicaSets are dropped.
    expect(
      read
        .filter(o => o.object.kind === 'Pod')
        .map(o => o.object.metadata?.name),
    ).toEqual(['debug-shell']);
    const text = JSON.stringify(read);
    expect(text).not.toContain('"status"');
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('last-applied-configuration');
    expect(text).not.toContain('hunter2-session');
    expect(text).not.toMatch(/pw-\d+/);
    expect(text).not.toContain('server:\\n  port');
    const deployment = read.find(o => o.object.kind === 'Deployment')!.object;
    expect(
      deployment.spec.template.spec.containers[0].env.map(
        (e: { value?: string }) => e.value,
      ),
    ).toEqual([REDACTED_HARMLESS, REDACTED_VALUE, undefined]);
  });

  it('keeps the engine verdicts of the objects it read', async () => {
    const { objects: read } = await sourceFor(server).read({});
    const original: SourcedObject[] = objects.map(object => ({
      object: JSON.parse(JSON.stringify(object)) as KubeObject,
    }));
    const withoutCluster = read.map(({ object }) => ({ object }));
    expect(verdicts(withoutCluster)).toEqual(verdicts(original));
  });

  it('needs no more requests for more objects, beyond paging', async () => {
    const small = await startFakeKubeApiServer({
      crds: 'all',
      objects: syntheticClusterObjects({ workloads: 5 }),
    });
    const large = await startFakeKubeApiServer({
      crds: 'all',
      objects: syntheticClusterObjects({
        workloads: 400,
        customResources: true,
      }),
    });
    try {
      for (const fake of [small, large]) {
        await sourceFor(fake, { pageSize: 5000 }).read({});
      }
      expect(small.requestCount()).toBe(CLUSTER_KINDS.length);
      expect(large.requestCount()).toBe(CLUSTER_KINDS.length);
    } finally {
      await small.close();
      await large.close();
    }
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    server.injectFault({ delayMs: 40, times: Infinity });
    await sourceFor(server, { concurrency: 2, pageSize: 50 }).read({});
    const spans = server.requests.map(r => [
      r.receivedAt,
      r.receivedAt + (r.durationMs ?? 0),
    ]);
    const inFlightAt = (time: number) =>
      spans.filter(([start, end]) => start <= time && time < end).length;
    const peak = Math.max(...spans.map(([start]) => inFlightAt(start)));
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBe(2);
  });

  it('fails when the server certificate is not signed by the configured CA', async () => {
    const other = await startFakeKubeApiServer();
    try {
      const source = sourceFor(server, {
        target: targetFor(server, { caData: other.caData }),
      });
      const error = await readError(source);
      expect(error.message).toMatch(
        /^Cluster prod-eu: listing \w+ \([\w./]+\) failed: TLS verification of https:\/\/127\.0\.0\.1:\d+\/\S+ failed/,
      );
      expect(error.message).toContain('caData/caFile');
      expect(server.requestCount()).toBe(0);
      // Not retried: a certificate does not change by trying again.
      expect(source.lastReadStats!.retries).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('fails with a clear error for a rejected token, without retrying', async () => {
    const source = sourceFor(server, {
      target: targetFor(server, { token: 'not-the-token' }),
    });
    const error = await readError(source);
    expect(error).toBeInstanceOf(ClusterReadError);
    expect(error.message).toMatch(
      /^Cluster prod-eu: listing \w+ \([\w./]+\) failed: HTTP 401 Unauthorized: Unauthorized \(the credentials were rejected; check the service account token\)$/,
    );
    expect((error as ClusterReadError).status).toBe(401);
    for (const kind of CLUSTER_KINDS) {
      expect(
        server.requestCount({ resource: kind.resource }),
      ).toBeLessThanOrEqual(1);
    }
    expect(source.lastReadStats!.retries).toBe(0);
  });

  it('fails on a 403 for a required kind, naming it', async () => {
    server.failNext('deployments', 403);
    const error = await readError(sourceFor(server));
    expect(error.message).toBe(
      'Cluster prod-eu: listing Deployment (apps/v1) failed: HTTP 403 Forbidden: ' +
        'deployments.apps is forbidden: User "system:serviceaccount:backstage:readiness" ' +
        'cannot list resource "deployments" in API group "apps" at the cluster scope ' +
        '(the service account may not list this resource; grant it get/list)',
    );
    expect(server.requestCount({ resource: 'deployments' })).toBe(1);
  });

  it('retries a 429, waiting as long as Retry-After says', async () => {
    server.failNext('deployments', 429, 1, { retryAfterSeconds: 1 });
    const source = sourceFor(server, { retryBaseDelayMs: 1 });
    const started = Date.now();
    await source.read({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requestCount({ resource: 'deployments', status: 429 })).toBe(
      1,
    );
    expect(server.requestCount({ resource: 'deployments', status: 200 })).toBe(
      Math.ceil(objects.filter(o => o.kind === 'Deployment').length / 10),
    );
    expect(source.lastReadStats!.retries).toBe(1);
  });

  it('retries 5xx answers and lost connections, then succeeds', async () => {
    server.failNext('pods', 503, 2);
    server.failNext('configmaps', 500, 1);
    server.injectFault({ resource: 'services', dropConnection: true });
    const source = sourceFor(server);
    const snapshot = await source.read({});
    expect(snapshot.objects.length).toBeGreaterThan(0);
    expect(source.lastReadStats!.retries).toBe(4);
  });

  it('gives up on a persistent 500, naming the cluster and the kind', async () => {
    server.injectFault({
      resource: 'statefulsets',
      status: 500,
      times: Infinity,
    });
    const source = sourceFor(server, { retries: 2 });
    const error = await readError(source);
    expect(error.message).toBe(
      'Cluster prod-eu: listing StatefulSet (apps/v1) failed: HTTP 500 InternalError: ' +
        'Internal error occurred: injected failure (after 3 attempts)',
    );
    expect(server.requestCount({ resource: 'statefulsets' })).toBe(3);
    expect(source.lastReadStats).toMatchObject({ ok: false, retries: 2 });
  });

  it('times out a slow reply and retries it', async () => {
    server.delayNext('namespaces', 2000);
    const source = sourceFor(server, { requestTimeoutMs: 200 });
    await source.read({});
    expect(source.lastReadStats!.retries).toBe(1);
    expect(server.requestCount({ resource: 'namespaces' })).toBe(2);
  });

  it('fails with a timeout error when replies stay slow', async () => {
    server.injectFault({
      resource: 'ingresses',
      delayMs: 3000,
      times: Infinity,
    });
    const source = sourceFor(server, { requestTimeoutMs: 150, retries: 1 });
    const started = Date.now();
    const error = await readError(source);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toMatch(
      /^Cluster prod-eu: listing Ingress \(networking\.k8s\.io\/v1\) failed: no response from https:\/\/127\.0\.0\.1:\d+\/apis\/networking\.k8s\.io\/v1\/ingresses within 150 ms \(requestTimeout\) \(after 2 attempts\)$/,
    );
  });

  it('stops when the caller aborts', async () => {
    server.injectFault({ delayMs: 3000, times: Infinity });
    const controller = new AbortController();
    const reading = sourceFor(server).read({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    await expect(reading).rejects.toThrow('shutting down');
  });

  it('restarts a paged list whose continue token expired', async () => {
    server.injectFault({
      resource: 'pods',
      status: 410,
      match: ({ query }) => 'continue' in query,
    });
    const source = sourceFor(server);
    const snapshot = await source.read({});
    const pages = Math.ceil(objects.filter(o => o.kind === 'Pod').length / 10);
    // The first page, the expired second one, then all pages again.
    expect(server.requestCount({ resource: 'pods' })).toBe(pages + 2);
    expect(snapshot.objects.filter(o => o.object.kind === 'Pod')).toHaveLength(
      1,
    );
  });

  it('leaves out optional kinds the cluster does not serve', async () => {
    const plain = await startFakeKubeApiServer({
      objects: syntheticClusterObjects({
        workloads: 10,
        customResources: true,
      }),
    });
    try {
      const source = sourceFor(plain);
      const snapshot = await source.read({});
      expect(snapshot.warnings).toBeUndefined();
      const kinds = new Set(snapshot.objects.map(o => o.object.kind));
      expect(kinds.has('Schedule')).toBe(false);
      expect(kinds.has('ServiceMonitor')).toBe(false);
      expect(kinds.has('Deployment')).toBe(true);
      expect(source.lastReadStats!.notServed.sort()).toEqual([
        'DeploymentConfig',
        'PodMonitor',
        'Rollout',
        'Schedule',
        'ServiceMonitor',
      ]);
      // A 404 means "not served": never retried.
      expect(plain.requestCount({ status: 404 })).toBe(5);
    } finally {
      await plain.close();
    }
  });

  it('reads ReplicationControllers and OpenShift DeploymentConfigs, leaving a DeploymentConfig its own', async () => {
    const container = {
      name: 'app',
      image: 'quay.example/shop/app:1.4.2',
    };
    const template = {
      metadata: { labels: { app: 'shop' } },
      spec: { containers: [container] },
    };
    const openshift = await startFakeKubeApiServer({
      crds: ['deploymentconfigs.apps.openshift.io'],
      objects: [
        {
          apiVersion: 'v1',
          kind: 'ReplicationController',
          metadata: { name: 'redis-master', namespace: 'legacy' },
          spec: { replicas: 1, selector: { app: 'redis' }, template },
        },
        {
          apiVersion: 'apps.openshift.io/v1',
          kind: 'DeploymentConfig',
          metadata: { name: 'shop', namespace: 'shop' },
          spec: {
            replicas: 2,
            strategy: { type: 'Recreate' },
            selector: { app: 'shop' },
            template,
          },
        },
        {
          // What OpenShift creates for each rollout of the DeploymentConfig.
          apiVersion: 'v1',
          kind: 'ReplicationController',
          metadata: {
            name: 'shop-1',
            namespace: 'shop',
            ownerReferences: [
              { kind: 'DeploymentConfig', name: 'shop', controller: true },
            ],
          },
          spec: { replicas: 2, selector: { app: 'shop' }, template },
        },
      ],
    });
    try {
      const snapshot = await sourceFor(openshift).read({});
      const report = evaluateReadiness({ objects: snapshot.objects });
      expect(
        report.workloads.map(w => `${w.kind}/${w.namespace}/${w.name}`).sort(),
      ).toEqual([
        'DeploymentConfig/shop/shop',
        'ReplicationController/legacy/redis-master',
      ]);
      const rollingUpdate = report.workloads
        .find(w => w.kind === 'DeploymentConfig')!
        .results.find(r => r.check === 'rolling-update');
      expect(rollingUpdate?.status).toBe('fail');
    } finally {
      await openshift.close();
    }
  });

  it('warns, without failing, when an optional kind cannot be read', async () => {
    server.failNext('servicemonitors.monitoring.coreos.com', 403);
    const snapshot = await sourceFor(server).read({});
    expect(snapshot.warnings).toEqual([
      expect.stringMatching(
        /^Cluster prod-eu: ServiceMonitor \(monitoring\.coreos\.com\/v1\) was not read and is left out: HTTP 403 Forbidden/,
      ),
    ]);
    expect(snapshot.objects.some(o => o.object.kind === 'ServiceMonitor')).toBe(
      false,
    );
  });

  it('falls back to an older version of a kind when the newer is not served', async () => {
    const hpa = CLUSTER_KINDS.find(k => k.kind === 'HorizontalPodAutoscaler')!;
    const source = sourceFor(server, {
      kinds: [{ ...hpa, versions: ['v3', 'v1'] }],
      pageSize: 100,
    });
    const snapshot = await source.read({});
    expect(snapshot.objects.length).toBe(
      objects.filter(o => o.kind === 'HorizontalPodAutoscaler').length,
    );
    expect(snapshot.objects[0].object.apiVersion).toBe('autoscaling/v1');
    expect(server.requests.map(r => `${r.path} ${r.status}`)).toEqual([
      '/apis/autoscaling/v3/horizontalpodautoscalers 404',
      '/apis/autoscaling/v1/horizontalpodautoscalers 200',
    ]);
  });
});

describe('ClusterWorkloadSource.readScoped', () => {
  let server: FakeKubeApiServer;
  let objects: FakeKubeObject[];

  beforeAll(async () => {
    objects = [
      ...syntheticClusterObjects({
        workloads: 45,
        namespaces: 4,
        customResources: true,
      }),
      BARE_POD,
      {
        ...BARE_POD,
        metadata: {
          name: 'debug-labelled',
          namespace: 'team-0',
          labels: { app: 'debug' },
        },
      },
    ];
    server = await startFakeKubeApiServer({ crds: 'all', objects });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });

  const KINDS_LISTED_EVERYWHERE = ['namespaces', 'schedules'];
  const identity = ({ object }: SourcedObject) =>
    `${object.kind}/${object.metadata?.namespace ?? ''}/${
      object.metadata?.name
    }`;
  const identities = (snapshot: { objects: SourcedObject[] }) =>
    snapshot.objects.map(identity);

  it('lists the workloads by selector, then only their namespaces', async () => {
    const source = sourceFor(server, { pageSize: 500 });
    const full = await source.read({});
    server.resetRequests();

    const scoped = await source.readScoped(
      {
        entityRef: 'component:default/app-5',
        labelSelector: 'backstage.io/kubernetes-id=app-5',
      },
      {},
    );

    // app-5 is in team-1: every request names the selector or team-1,
    // except the two small kinds the checks consult across namespaces.
    for (const request of server.requests) {
      const scopedRequest =
        request.query.labelSelector === 'backstage.io/kubernetes-id=app-5' ||
        request.namespace === 'team-1' ||
        KINDS_LISTED_EVERYWHERE.includes(request.resource!);
      expect({ path: request.path, scopedRequest }).toEqual({
        path: request.path,
        scopedRequest: true,
      });
    }
    const bySelector = CLUSTER_KINDS.filter(k =>
      ['selector', 'workload'].includes(k.refreshScope),
    ).length;
    const inNamespace = CLUSTER_KINDS.filter(k =>
      ['workload', 'related'].includes(k.refreshScope),
    ).length;
    expect(server.requestCount()).toBe(bySelector + inNamespace + 2);

    // What a full read holds for team-1, the Schedules and Namespaces, in
    // the same order; no Pod (the matching ones are owned, so dropped).
    const expected = full.objects
      .filter(
        ({ object }) =>
          (object.metadata?.namespace === 'team-1' && object.kind !== 'Pod') ||
          ['Namespace', 'Schedule'].includes(object.kind!),
      )
      .map(identity);
    expect(scoped.objects.map(identity)).toEqual(expected);
    expect(expected).toContain('Deployment/team-1/app-5');
    expect(scoped.objects.every(o => o.cluster === 'prod-eu')).toBe(true);
  });

  it('reads a named namespace in full, and bare Pods by selector', async () => {
    const scoped = await sourceFor(server, { pageSize: 500 }).readScoped(
      {
        entityRef: 'component:default/shell',
        labelSelector: 'app=debug',
        namespace: 'team-0',
      },
      {},
    );
    expect(
      server.requests.filter(r => r.query.labelSelector !== undefined),
    ).toEqual([
      expect.objectContaining({
        resource: 'pods',
        namespace: 'team-0',
        query: expect.objectContaining({ labelSelector: 'app=debug' }),
      }),
    ]);
    const namespaces = new Set(
      scoped.objects
        .filter(o => !['Namespace', 'Schedule'].includes(o.object.kind!))
        .map(o => o.object.metadata?.namespace),
    );
    expect([...namespaces]).toEqual(['team-0']);
    // The labelled bare Pod matches the selector; the other one does not.
    expect(
      scoped.objects
        .filter(o => o.object.kind === 'Pod')
        .map(o => o.object.metadata?.name),
    ).toEqual(['debug-labelled']);
    expect(identities(scoped)).toContain('StatefulSet/team-0/app-0');
  });

  it('reads nothing more when no workload matches', async () => {
    const scoped = await sourceFor(server).readScoped(
      {
        entityRef: 'component:default/ghost',
        labelSelector: 'backstage.io/kubernetes-id=ghost',
      },
      {},
    );
    expect(scoped.objects).toEqual([]);
    expect(server.requests.every(r => r.query.labelSelector)).toBe(true);
  });

  it('fails naming the cluster and kind, as a full read does', async () => {
    server.injectFault({ resource: 'services', status: 403, times: Infinity });
    await expect(
      sourceFor(server).readScoped(
        {
          entityRef: 'component:default/app-5',
          labelSelector: 'backstage.io/kubernetes-id=app-5',
        },
        {},
      ),
    ).rejects.toThrow(
      /^Cluster prod-eu: listing Service \(v1\) failed: HTTP 403 Forbidden/,
    );
  });
});
