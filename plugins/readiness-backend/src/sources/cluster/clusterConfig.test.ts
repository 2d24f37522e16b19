import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  FakeKubeApiServer,
  startFakeKubeApiServer,
  syntheticClusterObjects,
} from '@prodready/fake-kube-apiserver';
import { createClusterSources } from '.';
import {
  DEFAULT_CLUSTER_READ_OPTIONS,
  IN_CLUSTER_TOKEN_FILE,
  readClusterTargets,
} from './clusterConfig';

const CA_DATA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

function pluginCluster(overrides: JsonObject = {}): JsonObject {
  return {
    name: 'prod-eu',
    url: 'https://prod-eu.example.com:6443',
    authProvider: 'serviceAccount',
    serviceAccountToken: 'token-1',
    caData: CA_DATA,
    skipMetricsLookup: true,
    ...overrides,
  };
}

function without(object: JsonObject, key: string): JsonObject {
  const { [key]: _removed, ...rest } = object;
  return rest;
}

function read(data: JsonObject) {
  const logger = mockServices.logger.mock();
  const result = readClusterTargets(new ConfigReader(data), logger);
  return { ...result, logger };
}

function kubernetes(...clusters: JsonObject[]): JsonObject {
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [{ type: 'config', clusters }],
    },
  };
}

describe('readClusterTargets', () => {
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-kubeconfig-'));
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function writeFile(name: string, content: string): string {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    return file;
  }

  it('has defaults and no clusters when nothing is configured', () => {
    const { targets, options } = read({});
    expect(targets).toEqual([]);
    expect(options).toEqual(DEFAULT_CLUSTER_READ_OPTIONS);
    expect(options).toEqual({
      pageSize: 500,
      concurrency: 4,
      requestTimeoutMs: 30_000,
      retries: 3,
    });
  });

  it('reads service-account clusters of the Kubernetes plugin', () => {
    const { targets, logger } = read(
      kubernetes(pluginCluster(), {
        name: 'prod-us',
        url: 'https://prod-us.example.com/',
        authMetadata: {
          'kubernetes.io/auth-provider': 'serviceAccount',
          serviceAccountToken: 'token-2',
        },
        skipTLSVerify: true,
      }),
    );
    expect(targets.map(t => [t.name, t.configKey])).toEqual([
      ['prod-eu', 'kubernetes.clusterLocatorMethods[0].clusters[0]'],
      ['prod-us', 'kubernetes.clusterLocatorMethods[0].clusters[1]'],
    ]);
    const [eu, us] = targets;
    expect(eu.kubeConfig.getCurrentCluster()).toMatchObject({
      server: 'https://prod-eu.example.com:6443',
      caData: CA_DATA,
      skipTLSVerify: false,
    });
    expect(eu.kubeConfig.getCurrentUser()?.token).toBe('token-1');
    expect(us.kubeConfig.getCurrentCluster()).toMatchObject({
      server: 'https://prod-us.example.com',
      skipTLSVerify: true,
    });
    expect(us.kubeConfig.getCurrentUser()?.token).toBe('token-2');
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('skips clusters it cannot authenticate to, saying why', () => {
    const { targets, logger } = read({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              pluginCluster({ name: 'gke-prod', authProvider: 'google' }),
              pluginCluster({ name: 'eks-prod', authProvider: 'aws' }),
              pluginCluster({ name: 'ok' }),
            ],
          },
          { type: 'catalog' },
        ],
      },
    });
    expect(targets.map(t => t.name)).toEqual(['ok']);
    const warnings = logger.warn.mock.calls.map(call => call[0]);
    expect(warnings).toEqual([
      "Readiness skips Kubernetes cluster 'gke-prod' (kubernetes.clusterLocatorMethods[0].clusters[0]): " +
        "authProvider 'google' is not supported, only 'serviceAccount' is; " +
        'to score it, add it under readiness.kubernetes.kubeconfig',
      expect.stringContaining("'eks-prod'"),
      "Readiness does not read clusters from kubernetes.clusterLocatorMethods[1] (type 'catalog'): " +
        "only type 'config' is supported; add such clusters under readiness.kubernetes.kubeconfig to score them",
    ]);
  });

  it('skips a service-account cluster without a token outside a pod', () => {
    if (fs.existsSync(IN_CLUSTER_TOKEN_FILE)) return; // running in a pod
    const { targets, logger } = read(
      kubernetes(without(pluginCluster(), 'serviceAccountToken')),
    );
    expect(targets).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('it has no serviceAccountToken'),
    );
  });

  it('ignores the Kubernetes plugin clusters when told to', () => {
    const { targets } = read({
      ...kubernetes(pluginCluster()),
      readiness: { kubernetes: { useKubernetesPluginClusters: false } },
    });
    expect(targets).toEqual([]);
  });

  it('reads kubeconfig files, with a chosen context and name', async () => {
    const server = await startFakeKubeApiServer();
    try {
      const file = writeFile('two.yaml', twoContexts(server));
      const { targets } = read({
        readiness: {
          kubernetes: {
            kubeconfig: [
              { path: file },
              { path: file, context: 'staging', name: 'staging-eu' },
            ],
          },
        },
      });
      expect(targets.map(t => [t.name, t.configKey])).toEqual([
        ['prod', 'readiness.kubernetes.kubeconfig[0]'],
        ['staging-eu', 'readiness.kubernetes.kubeconfig[1]'],
      ]);
      expect(targets[1].kubeConfig.getCurrentUser()?.token).toBe(
        'staging-token',
      );
      expect(targets[1].kubeConfig.getCurrentCluster()?.server).toBe(
        server.url,
      );
    } finally {
      await server.close();
    }
  });

  it('reads the in-cluster service account when running in a pod', () => {
    const saved = { ...process.env };
    process.env.KUBERNETES_SERVICE_HOST = '10.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    try {
      const { targets } = read({
        readiness: { kubernetes: { inCluster: { name: 'home' } } },
      });
      expect(targets.map(t => t.name)).toEqual(['home']);
      expect(targets[0].kubeConfig.getCurrentCluster()?.server).toBe(
        'https://10.0.0.1:443',
      );
    } finally {
      process.env = saved;
    }
  });

  it('reads the read options', () => {
    expect(
      read({
        readiness: {
          kubernetes: {
            pageSize: 100,
            concurrency: 8,
            requestTimeout: '10s',
            retries: 0,
          },
        },
      }).options,
    ).toEqual({
      pageSize: 100,
      concurrency: 8,
      requestTimeoutMs: 10_000,
      retries: 0,
    });
    expect(
      read({
        readiness: {
          kubernetes: { requestTimeout: { minutes: 1, seconds: 5 } },
        },
      }).options.requestTimeoutMs,
    ).toBe(65_000);
  });

  describe('rejects bad config, naming the key', () => {
    const kubeconfigPath = () => writeFile('bad-context.yaml', twoContexts());

    it.each<[string, () => JsonObject, string | RegExp]>([
      [
        'pageSize 0',
        () => ({ readiness: { kubernetes: { pageSize: 0 } } }),
        'Invalid config readiness.kubernetes.pageSize: expected a whole number of at least 1, got 0',
      ],
      [
        'fractional concurrency',
        () => ({ readiness: { kubernetes: { concurrency: 1.5 } } }),
        'Invalid config readiness.kubernetes.concurrency: expected a whole number of at least 1, got 1.5',
      ],
      [
        'negative retries',
        () => ({ readiness: { kubernetes: { retries: -1 } } }),
        'Invalid config readiness.kubernetes.retries: expected a whole number of at least 0, got -1',
      ],
      [
        'an unreadable timeout',
        () => ({ readiness: { kubernetes: { requestTimeout: 'soon' } } }),
        /^Invalid config readiness\.kubernetes\.requestTimeout: expected a duration such as '30s'/,
      ],
      [
        'a zero timeout',
        () => ({
          readiness: { kubernetes: { requestTimeout: { seconds: 0 } } },
        }),
        'Invalid config readiness.kubernetes.requestTimeout: must be longer than zero',
      ],
      [
        'a missing kubeconfig',
        () => ({
          readiness: {
            kubernetes: { kubeconfig: [{ path: '/nonexistent/kubeconfig' }] },
          },
        }),
        "Invalid config readiness.kubernetes.kubeconfig[0].path: cannot load kubeconfig '/nonexistent/kubeconfig': no such file",
      ],
      [
        'an unknown context',
        () => ({
          readiness: {
            kubernetes: {
              kubeconfig: [{ path: kubeconfigPath(), context: 'qa' }],
            },
          },
        }),
        /^Invalid config readiness\.kubernetes\.kubeconfig\[0\]\.context: '.*bad-context\.yaml' has no context 'qa' \(it has 'prod', 'staging'\)$/,
      ],
      [
        'a context name unfit for a source id',
        () => ({
          readiness: {
            kubernetes: {
              kubeconfig: [{ path: kubeconfigPath(), name: 'admin@prod' }],
            },
          },
        }),
        /^Invalid config readiness\.kubernetes\.kubeconfig\[0\]\.name: 'admin@prod' cannot name a cluster/,
      ],
      [
        'plain HTTP',
        () => kubernetes(pluginCluster({ url: 'http://prod.example.com' })),
        "Invalid config kubernetes.clusterLocatorMethods[0].clusters[0].url: 'http://prod.example.com' is plain HTTP; use https (HTTP is only accepted with skipTLSVerify)",
      ],
      [
        'PEM text as caData',
        () =>
          kubernetes(
            pluginCluster({ caData: '-----BEGIN CERTIFICATE-----\nMIIB' }),
          ),
        'Invalid config kubernetes.clusterLocatorMethods[0].clusters[0].caData: expected the base64 encoding of a PEM bundle, got PEM text',
      ],
      [
        'a missing caFile',
        () => kubernetes(pluginCluster({ caFile: '/nonexistent/ca.crt' })),
        "Invalid config kubernetes.clusterLocatorMethods[0].clusters[0].caFile: cannot read '/nonexistent/ca.crt': no such file",
      ],
      [
        'a duplicate cluster name',
        () => ({
          ...kubernetes(pluginCluster({ name: 'prod' })),
          readiness: {
            kubernetes: { kubeconfig: [{ path: kubeconfigPath() }] },
          },
        }),
        "Invalid config readiness.kubernetes.kubeconfig[0]: cluster name 'prod' is already used by kubernetes.clusterLocatorMethods[0].clusters[0]; give one of them another name",
      ],
      [
        'inCluster outside a pod',
        () => ({ readiness: { kubernetes: { inCluster: { name: 'home' } } } }),
        'Invalid config readiness.kubernetes.inCluster: the backend does not run in a Kubernetes pod (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set)',
      ],
    ])('%s', (_, data, message) => {
      const saved = { ...process.env };
      delete process.env.KUBERNETES_SERVICE_HOST;
      let error: unknown;
      try {
        read(data());
      } catch (caught) {
        error = caught;
      } finally {
        process.env = saved;
      }
      expect(error).toMatchObject({ name: 'InputError' });
      expect((error as Error).message).toMatch(message);
    });
  });

  describe('createClusterSources', () => {
    let server: FakeKubeApiServer;

    beforeAll(async () => {
      server = await startFakeKubeApiServer({
        objects: syntheticClusterObjects({ workloads: 12 }),
      });
    });

    afterAll(async () => {
      await server.close();
    });

    it('reads a cluster configured for the Kubernetes plugin', async () => {
      const sources = createClusterSources(
        new ConfigReader({
          ...kubernetes(
            pluginCluster({
              name: 'fake',
              url: server.url,
              caData: server.caData,
              serviceAccountToken: server.token,
            }),
          ),
          readiness: { kubernetes: { pageSize: 5 } },
        }),
        mockServices.logger.mock(),
      );
      expect(sources.map(s => s.id)).toEqual(['cluster:fake']);
      const snapshot = await sources[0].read({});
      expect(
        snapshot.objects.filter(o => o.object.kind === 'Deployment'),
      ).toHaveLength(10);
      // Every list is paged as configured; `/version` is no list.
      const lists = server.requests.filter(r => r.path !== '/version');
      expect(lists.length).toBeGreaterThan(0);
      expect(lists.every(r => r.query.limit === '5')).toBe(true);
    });

    it('reads a cluster from a kubeconfig file', async () => {
      const file = writeFile(
        'fake.yaml',
        server.kubeconfig({ name: 'from-file' }),
      );
      const sources = createClusterSources(
        new ConfigReader({
          readiness: { kubernetes: { kubeconfig: [{ path: file }] } },
        }),
        mockServices.logger.mock(),
      );
      expect(sources.map(s => s.id)).toEqual(['cluster:from-file']);
      const snapshot = await sources[0].read({});
      expect(snapshot.objects.every(o => o.cluster === 'from-file')).toBe(true);
    });
  });
});

/** A kubeconfig with contexts `prod` (current) and `staging`. */
function twoContexts(server?: FakeKubeApiServer): string {
  const url = server?.url ?? 'https://127.0.0.1:6443';
  const caData = server?.caData ?? CA_DATA;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: prod',
    `  cluster: { server: "${url}", certificate-authority-data: "${caData}" }`,
    '- name: staging',
    `  cluster: { server: "${url}", certificate-authority-data: "${caData}" }`,
    'users:',
    '- name: prod-user',
    '  user: { token: prod-token }',
    '- name: staging-user',
    '  user: { token: staging-token }',
    'contexts:',
    '- name: prod',
    '  context: { cluster: prod, user: prod-user }',
    '- name: staging',
    '  context: { cluster: staging, user: staging-user }',
    'current-context: prod',
    '',
  ].join('\n');
}
