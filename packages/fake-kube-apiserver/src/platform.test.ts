import {
  ApiextensionsV1Api,
  ApiException,
  CoreV1Api,
  createConfiguration,
  CustomObjectsApi,
  KubeConfig,
  RbacAuthorizationV1Api,
  ServerConfiguration,
  StorageV1Api,
  VersionApi,
} from '@kubernetes/client-node';
import { FakeKubeApiServer, startFakeKubeApiServer } from './server';
import { syntheticPlatformObjects } from './synthetic';

function kubeConfigFor(server: FakeKubeApiServer): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    {
      name: 'fake',
      server: server.url,
      caData: server.caData,
      skipTLSVerify: false,
    },
    { name: 'reader', token: server.token },
  );
  return kc;
}

async function getJson(kc: KubeConfig, path: string) {
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(kc.getCurrentCluster()!.server, {}),
    authMethods: { default: kc },
  });
  const context = configuration.baseServer.makeRequestContext(path, 'GET');
  await kc.applySecurityAuthentication(context);
  const response = await configuration.httpApi.send(context).toPromise();
  const body = await response.body.text();
  return {
    status: response.httpStatusCode,
    json: body.startsWith('{') ? JSON.parse(body) : body,
  };
}

describe('fake API server: what platform checks read', () => {
  let server: FakeKubeApiServer;
  let kc: KubeConfig;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      crds: [
        'schedules.velero.io',
        'backups.velero.io',
        'restores.velero.io',
        'certificates.cert-manager.io',
        {
          name: 'clusterpolicies.kyverno.io',
          kind: 'ClusterPolicy',
          namespaced: false,
        },
      ],
      version: 'v1.31.4-eks-1234',
    });
    kc = kubeConfigFor(server);
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.setObjects(
      syntheticPlatformObjects({ namespaces: 5, crds: 7, nodes: 4 }),
    );
    server.clearFaults();
  });

  it('serves Nodes, StorageClasses and ClusterRoleBindings at the cluster scope', async () => {
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map(n => n.metadata?.name)).toEqual([
      'node-0',
      'node-1',
      'node-2',
      'node-3',
    ]);
    expect(nodes.items[1].metadata?.labels).toMatchObject({
      'topology.kubernetes.io/zone': 'zone-b',
    });
    const classes = await kc.makeApiClient(StorageV1Api).listStorageClass();
    expect(classes.items[0].metadata?.annotations).toEqual({
      'storageclass.kubernetes.io/is-default-class': 'true',
    });
    const bindings = await kc
      .makeApiClient(RbacAuthorizationV1Api)
      .listClusterRoleBinding();
    expect(bindings.items[0].roleRef.name).toBe('cluster-admin');

    for (const path of [
      '/apis/apiregistration.k8s.io/v1/apiservices',
      '/apis/networking.k8s.io/v1/ingressclasses',
      '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies',
    ]) {
      const list = await getJson(kc, path);
      expect(list.status).toBe(200);
      expect(list.json.items).toHaveLength(1);
    }
  });

  it('serves ResourceQuotas and LimitRanges in every namespace and in one', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const quotas = await core.listResourceQuotaForAllNamespaces();
    expect(quotas.items.map(q => q.metadata?.namespace)).toEqual([
      'team-0',
      'team-1',
      'team-2',
      'team-3',
      'team-4',
    ]);
    const limits = await core.listNamespacedLimitRange({
      namespace: 'team-3',
    });
    expect(limits.items).toHaveLength(1);
    expect(limits.items[0].spec?.limits[0].type).toBe('Container');
  });

  it('lists the served custom resources as CRD objects next to those set, with paging', async () => {
    const extensions = kc.makeApiClient(ApiextensionsV1Api);
    const names: string[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await extensions.listCustomResourceDefinition({
        limit: 4,
        _continue: token,
      });
      pages++;
      names.push(...page.items.map(crd => crd.metadata!.name!));
      token = page.metadata?._continue;
    } while (token);
    // 5 enabled + 7 synthetic, 4 a page.
    expect(pages).toBe(3);
    expect(names).toHaveLength(12);
    expect(names).toEqual(
      expect.arrayContaining([
        'schedules.velero.io',
        'backups.velero.io',
        'restores.velero.io',
        'certificates.cert-manager.io',
        'clusterpolicies.kyverno.io',
        'widget0s.operator-0.example.com',
      ]),
    );
    const kyverno = await extensions.readCustomResourceDefinition({
      name: 'clusterpolicies.kyverno.io',
    });
    expect(kyverno.spec).toMatchObject({
      group: 'kyverno.io',
      scope: 'Cluster',
      names: { plural: 'clusterpolicies', kind: 'ClusterPolicy' },
    });
  });

  it('keeps the CRD objects of served resources when objects are cleared', async () => {
    server.clear();
    const crds = await kc
      .makeApiClient(ApiextensionsV1Api)
      .listCustomResourceDefinition();
    expect(crds.items).toHaveLength(5);
    expect(server.objectCount()).toBe(5);
  });

  it('shows any enabled CRD in discovery and serves its objects', async () => {
    const groups = await getJson(kc, '/apis');
    const names = groups.json.groups.map((g: { name: string }) => g.name);
    expect(names).toEqual(
      expect.arrayContaining(['velero.io', 'cert-manager.io', 'kyverno.io']),
    );
    expect(names).not.toContain('monitoring.coreos.com');
    const certManager = await getJson(kc, '/apis/cert-manager.io/v1');
    expect(certManager.json.resources).toEqual([
      expect.objectContaining({
        name: 'certificates',
        kind: 'Certificate',
        namespaced: true,
      }),
    ]);
    server.addObjects([
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'web-tls', namespace: 'shop' },
        spec: { secretName: 'web-tls' },
      },
    ]);
    const list = (await kc
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        plural: 'certificates',
      })) as { items: Array<{ kind: string; metadata: { name: string } }> };
    expect(list.items).toEqual([
      expect.objectContaining({
        kind: 'Certificate',
        metadata: expect.objectContaining({ name: 'web-tls' }),
      }),
    ]);
  });

  it('serves Velero backups and restores when enabled, and 404s a CRD that is not installed', async () => {
    server.addObjects([
      {
        apiVersion: 'velero.io/v1',
        kind: 'Restore',
        metadata: { name: 'drill', namespace: 'velero' },
        status: { phase: 'Completed' },
      },
    ]);
    const restores = await getJson(
      kc,
      '/apis/velero.io/v1/namespaces/velero/restores',
    );
    expect(restores.json.items[0]).toMatchObject({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      status: { phase: 'Completed' },
    });
    expect(
      (await getJson(kc, '/apis/velero.io/v1/backups')).json.items,
    ).toEqual([]);
    const prometheus = await getJson(
      kc,
      '/apis/monitoring.coreos.com/v1/prometheuses',
    );
    expect(prometheus.status).toBe(404);
    expect(prometheus.json).toMatchObject({ kind: 'Status', code: 404 });
  });

  it('reports the configured version, and a new one when changed', async () => {
    const version = kc.makeApiClient(VersionApi);
    await expect(version.getCode()).resolves.toMatchObject({
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.4-eks-1234',
    });
    server.setVersion('v1.34.1');
    await expect(version.getCode()).resolves.toMatchObject({ minor: '34' });
    expect(() => server.setVersion('1.34')).toThrow(/not a gitVersion/);
  });

  it('answers 403 for one cluster-scoped kind with the RBAC message', async () => {
    server.failNext('clusterrolebindings', 403);
    const error = await kc
      .makeApiClient(RbacAuthorizationV1Api)
      .listClusterRoleBinding()
      .catch(e => e);
    expect(error).toBeInstanceOf(ApiException);
    expect(error.code).toBe(403);
    expect(JSON.parse(error.body).message).toContain(
      'cannot list resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
    await expect(kc.makeApiClient(CoreV1Api).listNode()).resolves.toBeDefined();
  });
});

describe('fake API server: every optional CRD', () => {
  it("serves the monitoring and gateway kinds with crds: 'all'", async () => {
    const server = await startFakeKubeApiServer({ crds: 'all' });
    try {
      const kc = kubeConfigFor(server);
      server.setObjects([
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'GatewayClass',
          metadata: { name: 'istio' },
          spec: { controllerName: 'istio.io/gateway-controller' },
        },
        {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PrometheusRule',
          metadata: { name: 'slo', namespace: 'monitoring' },
          spec: { groups: [] },
        },
      ]);
      const gateway = await getJson(
        kc,
        '/apis/gateway.networking.k8s.io/v1/gatewayclasses',
      );
      expect(gateway.json.items[0].metadata.name).toBe('istio');
      const rules = await getJson(
        kc,
        '/apis/monitoring.coreos.com/v1/prometheusrules',
      );
      expect(rules.json.items[0].kind).toBe('PrometheusRule');
      for (const plural of ['prometheuses', 'alertmanagers']) {
        const list = await getJson(
          kc,
          `/apis/monitoring.coreos.com/v1/${plural}`,
        );
        expect(list.status).toBe(200);
      }
    } finally {
      await server.close();
    }
  });

  it('refuses a CRD name without a group', async () => {
    await expect(startFakeKubeApiServer({ crds: ['widgets'] })).rejects.toThrow(
      /must be <plural>.<group>/,
    );
  });
});
