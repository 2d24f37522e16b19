import {
  ApiException,
  AppsV1Api,
  AutoscalingV1Api,
  CoreV1Api,
  createConfiguration,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
} from '@kubernetes/client-node';
import { FakeKubeApiServer, startFakeKubeApiServer } from './server';
import { FakeKubeObject } from './store';
import { syntheticClusterObjects } from './synthetic';

function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string> = { app: name },
): FakeKubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: `${name}:1` }] },
      },
    },
  };
}

function kubeConfigFor(
  server: FakeKubeApiServer,
  overrides: { token?: string; caData?: string } = {},
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    {
      name: 'fake',
      server: server.url,
      caData: overrides.caData ?? server.caData,
      skipTLSVerify: false,
    },
    { name: 'reader', token: overrides.token ?? server.token },
  );
  return kc;
}

/**
 * Per-call options that abort the request after `ms`. The object-parameter
 * API of client-node 2.x passes call-time middleware on unwrapped, so it
 * must be the Observable kind.
 */
function timeoutOptions(ms: number) {
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(AbortSignal.timeout(ms));
          return new Observable(Promise.resolve(context));
        },
        post: (context: ResponseContext) =>
          new Observable(Promise.resolve(context)),
      },
    ],
    middlewareMergeStrategy: 'append' as const,
  };
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
  return 200;
}

describe('startFakeKubeApiServer', () => {
  let server: FakeKubeApiServer;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      objects: [
        deployment('web', 'a', { app: 'a', tier: 'front' }),
        deployment('web', 'b', { app: 'b', tier: 'back' }),
        deployment('api', 'c', { app: 'c', tier: 'front', canary: 'true' }),
        deployment('api', 'd', { app: 'd' }),
        deployment('ops', 'e', { app: 'e', tier: 'batch' }),
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'web' },
        },
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'a', namespace: 'web' },
          spec: {
            scaleTargetRef: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'a',
            },
            minReplicas: 2,
            maxReplicas: 4,
          },
        },
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          metadata: { name: 'r', namespace: 'web' },
          spec: {},
        },
      ],
    });
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });

  it('serves lists over TLS verified with its CA and a bearer token', async () => {
    const apps = kubeConfigFor(server).makeApiClient(AppsV1Api);
    const list = await apps.listDeploymentForAllNamespaces();
    expect(
      list.items.map(d => `${d.metadata?.namespace}/${d.metadata?.name}`),
    ).toEqual(['api/c', 'api/d', 'ops/e', 'web/a', 'web/b']);
    expect(list.kind).toBe('DeploymentList');
    expect(list.apiVersion).toBe('apps/v1');
    expect(list.items[0].spec?.replicas).toBe(2);
    // Like the real server, items of built-in kinds carry no apiVersion/kind.
    expect(list.items[0].kind).toBeUndefined();
    expect(list.items[0].apiVersion).toBeUndefined();
    expect(list.items[0].metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(server.requestCount({ resource: 'deployments', verb: 'list' })).toBe(
      1,
    );
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/apis/apps/v1/deployments',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      status: 200,
    });
  });

  it('pages with limit and continue', async () => {
    const apps = kubeConfigFor(server).makeApiClient(AppsV1Api);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    const remaining: Array<number | undefined> = [];
    do {
      const page = await apps.listDeploymentForAllNamespaces({
        limit: 2,
        _continue: token,
      });
      pages++;
      names.push(...page.items.map(d => d.metadata!.name!));
      remaining.push(page.metadata?.remainingItemCount);
      token = page.metadata?._continue;
    } while (token);
    expect(names).toEqual(['c', 'd', 'e', 'a', 'b']);
    expect(pages).toBe(3);
    expect(remaining).toEqual([3, 1, undefined]);
    expect(server.requests.map(r => r.query.limit)).toEqual(['2', '2', '2']);
  });

  it('keeps a paged list consistent while objects change, then expires old tokens', async () => {
    const apps = kubeConfigFor(server).makeApiClient(AppsV1Api);
    const first = await apps.listDeploymentForAllNamespaces({ limit: 3 });
    server.addObjects([deployment('zzz', 'late')]);
    const rest = await apps.listDeploymentForAllNamespaces({
      limit: 10,
      _continue: first.metadata?._continue,
    });
    expect(rest.items.map(d => d.metadata?.name)).toEqual(['a', 'b']);

    server.removeObjects([deployment('zzz', 'late')]);
    const again = await apps.listDeploymentForAllNamespaces({ limit: 3 });
    server.expireContinueTokens();
    const expired = apps.listDeploymentForAllNamespaces({
      limit: 3,
      _continue: again.metadata?._continue,
    });
    await expect(expired).rejects.toMatchObject({ code: 410 });
    await expect(
      apps.listDeploymentForAllNamespaces({ _continue: 'garbage' }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('filters by namespace, label selector and field selector', async () => {
    const apps = kubeConfigFor(server).makeApiClient(AppsV1Api);
    const names = async (
      request: Promise<{ items: Array<{ metadata?: { name?: string } }> }>,
    ) => (await request).items.map(d => d.metadata?.name);

    expect(
      await names(apps.listNamespacedDeployment({ namespace: 'web' })),
    ).toEqual(['a', 'b']);
    const select = (labelSelector: string) =>
      names(apps.listDeploymentForAllNamespaces({ labelSelector }));
    expect(await select('tier=front')).toEqual(['c', 'a']);
    expect(await select('tier==front,canary')).toEqual(['c']);
    expect(await select('tier!=front')).toEqual(['d', 'e', 'b']);
    expect(await select('tier in (back,batch)')).toEqual(['e', 'b']);
    expect(await select('tier notin (front)')).toEqual(['d', 'e', 'b']);
    expect(await select('tier,!canary')).toEqual(['e', 'a', 'b']);
    expect(
      await names(
        apps.listDeploymentForAllNamespaces({
          fieldSelector: 'metadata.namespace=api',
        }),
      ),
    ).toEqual(['c', 'd']);
    expect(
      await names(
        apps.listDeploymentForAllNamespaces({
          fieldSelector: 'metadata.namespace!=api,metadata.name!=a',
        }),
      ),
    ).toEqual(['e', 'b']);
    // A selector that filters pages: fewer items per page, continue still right.
    const firstPage = await apps.listDeploymentForAllNamespaces({
      labelSelector: 'tier',
      limit: 2,
    });
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.metadata?.remainingItemCount).toBeUndefined();
    expect(firstPage.metadata?._continue).toBeTruthy();
    await expect(
      apps.listDeploymentForAllNamespaces({ labelSelector: 'tier in (' }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      apps.listDeploymentForAllNamespaces({ fieldSelector: 'spec.replicas=2' }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('serves HPAs in both autoscaling versions and gets single objects', async () => {
    const kc = kubeConfigFor(server);
    const v1 = await kc
      .makeApiClient(AutoscalingV1Api)
      .listHorizontalPodAutoscalerForAllNamespaces();
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.items.map(h => h.spec?.maxReplicas)).toEqual([4]);
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = await core.readNamespace({ name: 'web' });
    expect(namespace.kind).toBe('Namespace');
    await expect(core.readNamespace({ name: 'nope' })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('answers 401 with a Status to a wrong or missing token', async () => {
    const apps = kubeConfigFor(server, { token: 'wrong' }).makeApiClient(
      AppsV1Api,
    );
    const error = await apps.listDeploymentForAllNamespaces().catch(e => e);
    expect(error).toBeInstanceOf(ApiException);
    expect(error.code).toBe(401);
    const raw = await fetchWithClient(
      kubeConfigFor(server, { token: 'wrong' }),
      '/apis/apps/v1/deployments',
    );
    expect(raw.status).toBe(401);
    expect(JSON.parse(raw.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Unauthorized',
      code: 401,
    });
    const response = await fetch(`${server.url}/api`).catch(e => e);
    // Node's fetch does not trust the fake CA: TLS is really verified.
    // (Errors from undici come from another realm than Jest's `Error`.)
    expect(response).toMatchObject({ name: 'TypeError' });
  });

  it('refuses clients that trust another CA', async () => {
    const other = await startFakeKubeApiServer();
    try {
      const apps = kubeConfigFor(server, {
        caData: other.caData,
      }).makeApiClient(AppsV1Api);
      const error = await apps.listDeploymentForAllNamespaces().catch(e => e);
      expect(error).toBeInstanceOf(Error);
      expect(String(error.cause?.code ?? error.cause)).toMatch(
        /CERT|SIGNATURE|SELF_SIGNED|ISSUER/,
      );
      expect(server.requestCount()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('answers 404 for resources it does not serve, like a cluster without the CRD', async () => {
    const kc = kubeConfigFor(server);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const error = await custom
      .listClusterCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        plural: 'rollouts',
      })
      .catch(e => e);
    expect(error.code).toBe(404);
    expect(JSON.parse(error.body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
    });

    const raw = await fetchWithClient(kc, '/apis/apps/v1/widgets');
    expect(raw.status).toBe(404);
    expect(
      (await fetchWithClient(kc, '/apis/argoproj.io/v1alpha1')).status,
    ).toBe(404);
    const discovery = await fetchWithClient(kc, '/apis');
    expect(
      (JSON.parse(discovery.body).groups as Array<{ name: string }>).map(
        g => g.name,
      ),
    ).not.toContain('argoproj.io');
  });

  it('serves enabled custom resources with apiVersion and kind on items', async () => {
    const withCrds = await startFakeKubeApiServer({
      crds: ['rollouts.argoproj.io'],
      objects: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          metadata: { name: 'r', namespace: 'web' },
          spec: { replicas: 3 },
        },
      ],
    });
    try {
      const kc = kubeConfigFor(withCrds);
      const list = (await kc
        .makeApiClient(CustomObjectsApi)
        .listClusterCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          plural: 'rollouts',
        })) as { kind: string; items: Array<Record<string, unknown>> };
      expect(list.kind).toBe('RolloutList');
      expect(list.items).toEqual([
        expect.objectContaining({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          spec: { replicas: 3 },
        }),
      ]);
      const resources = JSON.parse(
        (await fetchWithClient(kc, '/apis/argoproj.io/v1alpha1')).body,
      );
      expect(resources).toMatchObject({
        kind: 'APIResourceList',
        groupVersion: 'argoproj.io/v1alpha1',
        resources: [{ name: 'rollouts', kind: 'Rollout', namespaced: true }],
      });
      expect(
        (await fetchWithClient(kc, '/apis/monitoring.coreos.com/v1')).status,
      ).toBe(404);
    } finally {
      await withCrds.close();
    }
  });

  it('injects 403, 429 with Retry-After, 500 and 503 for the next requests', async () => {
    const apps = kubeConfigFor(server).makeApiClient(AppsV1Api);
    const list = () => apps.listDeploymentForAllNamespaces();

    server.failNext('deployments.apps', 403);
    const forbidden = await list().catch(e => e);
    expect(forbidden.code).toBe(403);
    expect(JSON.parse(forbidden.body).message).toContain(
      'cannot list resource "deployments" in API group "apps" at the cluster scope',
    );

    server.failNext('deployments', 429, 1, { retryAfterSeconds: 3 });
    const throttled = await list().catch(e => e);
    expect(throttled.code).toBe(429);
    expect(throttled.headers['retry-after']).toBe('3');
    expect(JSON.parse(throttled.body).reason).toBe('TooManyRequests');

    const fault = server.failNext(/^\/apis\/apps\//, 500, 2);
    expect(await statusOf(list())).toBe(500);
    expect(await statusOf(list())).toBe(500);
    expect(await statusOf(list())).toBe(200);
    expect(fault.hits).toBe(2);
    expect(fault.remaining).toBe(0);

    const always = server.injectFault({
      resource: 'deployments',
      status: 503,
      times: Infinity,
    });
    expect(await statusOf(list())).toBe(503);
    expect(await statusOf(list())).toBe(503);
    // Other resources are not affected.
    await expect(
      kubeConfigFor(server).makeApiClient(CoreV1Api).listNamespace(),
    ).resolves.toBeDefined();
    always.remove();
    expect(await statusOf(list())).toBe(200);
    expect(server.requestCount({ resource: 'deployments', status: 503 })).toBe(
      2,
    );
  });

  it('answers slowly on demand, so client timeouts can be tested', async () => {
    const apps = kubeConfigFor(server).makeApiClient(AppsV1Api);
    server.delayNext('deployments', 2000);
    const started = Date.now();
    const error = await apps
      .listDeploymentForAllNamespaces({}, timeoutOptions(150))
      .catch(e => e);
    expect(error.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1500);

    server.delayNext('deployments', 100);
    const slowStart = Date.now();
    await apps.listDeploymentForAllNamespaces({}, timeoutOptions(2000));
    expect(Date.now() - slowStart).toBeGreaterThanOrEqual(90);
  });

  it('drops connections on demand', async () => {
    const apps = kubeConfigFor(server).makeApiClient(AppsV1Api);
    server.injectFault({ resource: 'deployments', dropConnection: true });
    const error = await apps.listDeploymentForAllNamespaces().catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApiException);
    await expect(apps.listDeploymentForAllNamespaces()).resolves.toBeDefined();
  });

  it('serves discovery documents', async () => {
    const kc = kubeConfigFor(server);
    expect(JSON.parse((await fetchWithClient(kc, '/api')).body)).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    const core = JSON.parse((await fetchWithClient(kc, '/api/v1')).body);
    expect(core.resources.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['pods', 'namespaces', 'configmaps']),
    );
    const autoscaling = JSON.parse(
      (await fetchWithClient(kc, '/apis/autoscaling')).body,
    );
    expect(autoscaling.preferredVersion).toEqual({
      groupVersion: 'autoscaling/v2',
      version: 'v2',
    });
    expect((await fetchWithClient(kc, '/nothing')).status).toBe(404);
  });
});

describe('startFakeKubeApiServer at benchmark size', () => {
  it('pages through tens of thousands of objects quickly', async () => {
    const objects = syntheticClusterObjects({
      workloads: 5000,
      namespaces: 50,
    });
    const server = await startFakeKubeApiServer({ objects });
    try {
      expect(server.objectCount()).toBe(objects.length);
      const core = kubeConfigFor(server).makeApiClient(CoreV1Api);
      const started = Date.now();
      let token: string | undefined;
      let count = 0;
      do {
        const page = await core.listPodForAllNamespaces({
          limit: 500,
          _continue: token,
        });
        count += page.items.length;
        token = page.metadata?._continue;
      } while (token);
      expect(count).toBe(5000);
      expect(server.requestCount()).toBe(10);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
  });
});

/** A raw GET through the client's own auth, TLS and HTTP stack. */
async function fetchWithClient(
  kc: KubeConfig,
  path: string,
): Promise<{ status: number; body: string }> {
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(kc.getCurrentCluster()!.server, {}),
    authMethods: { default: kc },
  });
  const context = configuration.baseServer.makeRequestContext(path, 'GET');
  await kc.applySecurityAuthentication(context);
  const response = await configuration.httpApi.send(context).toPromise();
  return { status: response.httpStatusCode, body: await response.body.text() };
}
