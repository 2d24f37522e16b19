/**
 * Platform readiness end to end: the plugin reads two fake clusters over
 * HTTPS in its cycle, scores them, and serves each platform scorecard to
 * those who may see it; a cluster that fails keeps its scorecard, stale.
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KUBERNETES_RELEASES } from '@prodready/backstage-plugin-readiness-common';
import {
  FakeKubeApiServer,
  startFakeKubeApiServer,
  syntheticClusterObjects,
  syntheticPlatformObjects,
} from '@prodready/fake-kube-apiserver';
import http from 'node:http';
import request from 'supertest';
import { specCheckedServer } from './__testUtils__/specCheckedServer';
import { readinessPlugin } from './plugin';
import { alphaServiceFactories } from './__testUtils__/alphaServices';

jest.setTimeout(120_000);

const TRIGGER =
  '/api/readiness/.backstage/scheduler/v1/tasks/readiness-evaluate/trigger';

/** The catalog entity of cluster prod-eu, named differently, annotated. */
const PROD_EU_ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'production-eu',
    title: 'Production EU',
    annotations: { 'backstage.io/kubernetes-cluster': 'prod-eu' },
  },
  spec: { type: 'kubernetes-cluster', owner: 'team-platform' },
};

/** The newest minor release out today: a current cluster runs it. */
const CURRENT_MINOR = KUBERNETES_RELEASES.filter(
  release => Date.parse(release.released) <= Date.now(),
).at(-1)!.minor;

const maintainer = mockCredentials.user.header('user:default/maintainer');
const operator = mockCredentials.user.header('user:default/operator');
const outsider = mockCredentials.user.header('user:default/outsider');

/**
 * maintainer: may read entities and their readiness, not clusters without
 * one; operator: only `readiness.platform.read`; outsider: nothing.
 */
function decide(
  permission: string,
  credentials: BackstageCredentials,
): AuthorizeResult {
  const principal = credentials.principal as { userEntityRef?: string };
  const user = principal.userEntityRef;
  if (user === undefined) return AuthorizeResult.ALLOW;
  if (user === 'user:default/maintainer') {
    return permission === 'readiness.platform.read'
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW;
  }
  if (user === 'user:default/operator') {
    return permission === 'readiness.platform.read'
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  }
  return AuthorizeResult.DENY;
}

const testPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    const answer = async (
      requests: Array<{ permission: { name: string } }>,
      options?: { credentials: BackstageCredentials },
    ) =>
      requests.map(item => ({
        result: decide(item.permission.name, options!.credentials),
      }));
    return {
      authorize: answer,
      authorizeConditional: answer,
    } as unknown as PermissionsService;
  },
});

function clusterConfig(name: string, server: FakeKubeApiServer) {
  return {
    name,
    url: server.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: server.token,
    caData: server.caData,
  };
}

describe('platform readiness in the backend', () => {
  let prodEu: FakeKubeApiServer;
  let lab: FakeKubeApiServer;
  let server: http.Server;
  let checked: http.Server;

  async function runCycle() {
    const before = Date.now();
    const trigger = await request(server)
      .post(TRIGGER)
      .set('Authorization', maintainer);
    expect(trigger.status).toBeLessThan(300);
    // Done once both clusters' scorecards are newer than the trigger or
    // marked stale since.
    for (let attempt = 0; attempt < 200; attempt++) {
      const response = await request(server)
        .get('/api/readiness/platform/clusters')
        .set('Authorization', maintainer);
      const row = response.body.clusters?.find(
        (c: any) => c.cluster === 'prod-eu',
      );
      // Scored in this cycle, or marked stale by it.
      const scored =
        row && (row.stale || Date.parse(row.evaluatedAt) >= before);
      const sources = await request(server)
        .get('/api/readiness/sources')
        .set('Authorization', maintainer);
      const read = (sources.body.items ?? []).filter(
        (item: any) => Date.parse(item.lastRunAt) >= before - 1000,
      );
      // The platform side follows the source runs within the cycle: wait
      // for prod-eu's scorecard, then a moment for the other cluster's.
      if (scored && read.length === 2) {
        await new Promise(resolve => setTimeout(resolve, 300));
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('the cycle did not end');
  }

  beforeAll(async () => {
    prodEu = await startFakeKubeApiServer({
      crds: ['schedules.velero.io', 'backups.velero.io', 'restores.velero.io'],
      version: `v${CURRENT_MINOR}.2`,
      objects: [
        ...syntheticClusterObjects({ workloads: 12, namespaces: 3 }),
        ...syntheticPlatformObjects({ namespaces: 3, crds: 5, nodes: 3 }),
      ],
    });
    lab = await startFakeKubeApiServer({
      version: 'v1.27.9',
      objects: syntheticClusterObjects({ workloads: 2, namespaces: 1 }),
    });
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        ...alphaServiceFactories,
        catalogServiceMock.factory({ entities: [PROD_EU_ENTITY] }),
        testPermissions,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    clusterConfig('prod-eu', prodEu),
                    clusterConfig('lab', lab),
                  ],
                },
              ],
            },
            readiness: {
              kubernetes: { retries: 0 },
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 1 },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    checked = await specCheckedServer(backend.server);
    await runCycle();
  });

  afterAll(async () => {
    await prodEu.close();
    await lab.close();
  });

  it('refuses the platform routes without credentials', async () => {
    for (const route of [
      '/platform/clusters',
      '/platform/clusters/prod-eu',
      '/platform/clusters/prod-eu/history',
    ]) {
      const response = await request(checked)
        .get(route)
        .set('Authorization', 'Bearer mock-none-token');
      expect([route, response.status]).toEqual([route, 401]);
    }
  });

  it("serves a cluster's scorecard, linked to its catalog entity, to those who may read the entity", async () => {
    const response = await request(checked)
      .get('/platform/clusters/prod-eu')
      .set('Authorization', maintainer);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      cluster: 'prod-eu',
      entityRef: 'resource:default/production-eu',
      title: 'Production EU',
      stale: false,
      report: { cluster: { name: 'prod-eu' } },
    });
    const results = new Map<string, any>(
      response.body.report.cluster.results.map((r: any) => [r.check, r]),
    );
    expect(results.get('default-storage-class').status).toBe('pass');
    expect(results.get('kubernetes-version').status).toBe('pass');
    // Velero is installed, but no Schedule exists.
    expect(results.get('backup-system').status).toBe('fail');

    // The same through the cluster's history.
    const history = await request(checked)
      .get('/platform/clusters/prod-eu/history?days=7')
      .set('Authorization', maintainer);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ score: response.body.score }),
    ]);
  });

  it('shows a cluster without an entity only with readiness.platform.read', async () => {
    const forMaintainer = await request(checked)
      .get('/platform/clusters/lab')
      .set('Authorization', maintainer);
    expect(forMaintainer.status).toBe(404);
    expect(forMaintainer.body.error.message).toContain(
      'No platform scorecard for cluster lab',
    );
    const forOperator = await request(checked)
      .get('/platform/clusters/lab')
      .set('Authorization', operator);
    expect(forOperator.status).toBe(200);
    expect(forOperator.body.entityRef).toBeUndefined();
    // /version says 1.27: long out of support.
    const version = forOperator.body.report.cluster.results.find(
      (r: any) => r.check === 'kubernetes-version',
    );
    expect(version.status).toBe('fail');

    const prodForOperator = await request(checked)
      .get('/platform/clusters/prod-eu')
      .set('Authorization', operator);
    expect(prodForOperator.status).toBe(404);
    const historyForOperator = await request(checked)
      .get('/platform/clusters/prod-eu/history')
      .set('Authorization', operator);
    expect(historyForOperator.status).toBe(404);
  });

  it('lists only the visible clusters in the overview, with the platform checks', async () => {
    const names = async (auth: string) => {
      const response = await request(checked)
        .get('/platform/clusters')
        .set('Authorization', auth);
      expect(response.status).toBe(200);
      return response.body;
    };
    const forMaintainer = await names(maintainer);
    expect(forMaintainer.clusters.map((c: any) => c.cluster)).toEqual([
      'prod-eu',
    ]);
    expect(forMaintainer.clusters[0]).toMatchObject({
      entityRef: 'resource:default/production-eu',
      statuses: expect.objectContaining({ 'default-storage-class': 'pass' }),
      trend: [expect.objectContaining({ score: expect.any(Number) })],
    });
    expect(forMaintainer.checks.every((c: any) => c.target === 'cluster')).toBe(
      true,
    );
    expect(forMaintainer.checks.map((c: any) => c.id)).toContain(
      'backup-system',
    );
    expect((await names(operator)).clusters.map((c: any) => c.cluster)).toEqual(
      ['lab'],
    );
    expect((await names(outsider)).clusters).toEqual([]);

    const checks = await request(checked)
      .get('/checks')
      .set('Authorization', outsider);
    expect(
      checks.body.items.filter((c: any) => c.target === 'cluster').length,
    ).toBe(forMaintainer.checks.length);
  });

  it('keeps the last scorecard of a cluster that fails, marked stale with the reason', async () => {
    const before = await request(checked)
      .get('/platform/clusters/prod-eu')
      .set('Authorization', maintainer);
    const fault = prodEu.injectFault({
      path: /.*/,
      status: 503,
      times: Infinity,
    });
    try {
      await runCycle();
      const after = await request(checked)
        .get('/platform/clusters/prod-eu')
        .set('Authorization', maintainer);
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({
        stale: true,
        staleReason: expect.stringMatching(
          /^Cluster prod-eu could not be read at .*HTTP 503.*last successful read/,
        ),
        score: before.body.score,
        evaluatedAt: before.body.evaluatedAt,
        report: before.body.report,
      });
      // The other cluster was scored anew.
      const labScorecard = await request(checked)
        .get('/platform/clusters/lab')
        .set('Authorization', operator);
      expect(labScorecard.body.stale).toBe(false);
    } finally {
      fault.remove();
    }
  });
});
