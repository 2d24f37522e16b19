/**
 * The demo's two fake clusters (modules/demoClusters), as examples/README.md
 * describes them: both servers start and serve the cluster kinds over
 * HTTPS; scored with app-config's readiness settings, prod-eu passes every
 * platform check and staging fails exactly what it lacks on purpose.
 */
import {
  clusterSnapshotFromObjects,
  evaluatePlatform,
  KubeObject,
  parseReadinessConfig,
  PLATFORM_CHECK_DEFINITIONS,
  PLATFORM_SNAPSHOT_KINDS,
  PlatformReport,
} from '@prodready/backstage-plugin-readiness-common';
import type { FakeKubeApiServer } from '@prodready/fake-kube-apiserver';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import yaml from 'yaml';
import {
  DemoClusterServers,
  startDemoClusters,
} from './modules/demoClusters/servers';

const ROOT = path.resolve(__dirname, '../../..');
const appConfig = yaml.parse(
  fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
);

/** GET over HTTPS, trusting only the server's own CA, with its token. */
function get(
  server: FakeKubeApiServer,
  urlPath: string,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      `${server.url}${urlPath}`,
      {
        ca: server.caPem,
        // A new connection each time: a closed server must refuse it.
        agent: false,
        headers: { authorization: `Bearer ${server.token}` },
      },
      response => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', chunk => {
          text += chunk;
        });
        response.on('end', () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: JSON.parse(text),
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
  });
}

/** The workload kinds workloads-ready needs, beside the snapshot kinds. */
const WORKLOAD_KINDS = [
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets' },
  {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
  },
  {
    group: 'policy',
    version: 'v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
  },
  {
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
  },
];

/**
 * Reads a cluster as the backend does, one list per kind: a kind the server
 * does not serve (404) has no objects.
 */
async function readCluster(server: FakeKubeApiServer): Promise<KubeObject[]> {
  const objects: KubeObject[] = [];
  for (const kind of [...PLATFORM_SNAPSHOT_KINDS, ...WORKLOAD_KINDS]) {
    const apiVersion = kind.group
      ? `${kind.group}/${kind.version}`
      : kind.version;
    const prefix = kind.group ? `/apis/${apiVersion}` : '/api/v1';
    const { status, body } = await get(server, `${prefix}/${kind.plural}`);
    if (status === 404) continue;
    expect(status).toBe(200);
    for (const item of body.items) {
      objects.push({ apiVersion, kind: kind.kind, ...item });
    }
  }
  return objects;
}

async function score(server: FakeKubeApiServer, name: string) {
  const { body: version } = await get(server, '/version');
  const snapshot = clusterSnapshotFromObjects(name, await readCluster(server), {
    serverVersion: version,
  });
  return evaluatePlatform({
    snapshot,
    config: parseReadinessConfig(appConfig.readiness, {
      keyPrefix: 'readiness',
    }),
  });
}

function statuses(report: PlatformReport): Record<string, string> {
  return Object.fromEntries(
    report.cluster.results.map(result => [result.check, result.status]),
  );
}

describe('the demo clusters', () => {
  let running: DemoClusterServers;
  const server = (name: string) =>
    running.servers.find(({ cluster }) => cluster.name === name)!.server;

  beforeAll(async () => {
    running = await startDemoClusters();
  });
  afterAll(async () => {
    await running?.close();
  });

  it('start one HTTPS server each, with its own CA and token, for the readiness plugin', () => {
    expect(running.connections.map(c => c.name)).toEqual([
      'prod-eu',
      'staging',
    ]);
    const [prodEu, staging] = running.connections;
    expect(prodEu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(prodEu.url).not.toBe(staging.url);
    expect(prodEu.caData).not.toBe(staging.caData);
    expect(prodEu.token).toBe(server('prod-eu').token);
  });

  it('serve the cluster kinds, the version, and the custom resources of what each installs', async () => {
    const prodEu = server('prod-eu');
    expect((await get(prodEu, '/version')).body.gitVersion).toBe(
      'v1.36.4-eks-3f1a9c2',
    );
    const nodes = (await get(prodEu, '/api/v1/nodes')).body.items;
    expect(
      new Set(
        nodes.map((n: any) => n.metadata.labels['topology.kubernetes.io/zone']),
      ).size,
    ).toBe(3);
    const crds = (
      await get(
        prodEu,
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      )
    ).body.items.map((crd: any) => crd.metadata.name);
    expect(crds).toEqual(
      expect.arrayContaining([
        'certificates.cert-manager.io',
        'schedules.velero.io',
        'clusterpolicies.kyverno.io',
        'applications.argoproj.io',
      ]),
    );
    const schedules = (await get(prodEu, '/apis/velero.io/v1/schedules')).body
      .items;
    expect(schedules).toHaveLength(2);
    // Backups are fresh whenever the demo starts.
    for (const schedule of schedules) {
      const age = Date.now() - Date.parse(schedule.status.lastBackup);
      expect(age).toBeLessThan(6 * 3_600_000);
    }

    // Staging has no Velero: its custom resources are not served.
    const staging = server('staging');
    expect((await get(staging, '/apis/velero.io/v1/schedules')).status).toBe(
      404,
    );
    expect((await get(staging, '/version')).body.gitVersion).toBe(
      'v1.37.1-eks-8c0d2e1',
    );
    const storageClasses = (
      await get(staging, '/apis/storage.k8s.io/v1/storageclasses')
    ).body.items;
    expect(storageClasses.map((s: any) => s.metadata.name)).toEqual([
      'efs',
      'gp3',
    ]);
  });

  it('prod-eu passes every platform check', async () => {
    const report = await score(server('prod-eu'), 'prod-eu');
    expect(statuses(report)).toEqual(
      Object.fromEntries(PLATFORM_CHECK_DEFINITIONS.map(d => [d.id, 'pass'])),
    );
    expect(report.summary).toMatchObject({ score: 100, level: 'gold' });
  });

  it('staging fails what examples/README.md says it lacks, and nothing else', async () => {
    const report = await score(server('staging'), 'staging');
    const failing = Object.entries(statuses(report))
      .filter(([, status]) => status !== 'pass')
      .map(([check, status]) => `${check}: ${status}`);
    expect(failing).toEqual([
      'cluster-logging: fail',
      'default-deny-ingress: fail',
      'rbac-least-privilege: fail',
      'backup-system: fail',
      'backups-recent: skip',
      'restores-tested: fail',
    ]);
    expect(report.summary.level).toBe('bronze');
    const readme = fs.readFileSync(
      path.join(ROOT, 'examples/README.md'),
      'utf8',
    );
    for (const check of [
      'cluster-logging',
      'default-deny-ingress',
      'rbac-least-privilege',
      'backup-system',
      'restores-tested',
    ]) {
      expect(readme).toContain(`\`${check}\``);
    }
  });

  it('stop serving once closed', async () => {
    const demo = await startDemoClusters();
    const prodEu = demo.servers[0].server;
    expect((await get(prodEu, '/version')).status).toBe(200);
    await demo.close();
    await expect(get(prodEu, '/version')).rejects.toThrow(/ECONNREFUSED/);
  });
});
