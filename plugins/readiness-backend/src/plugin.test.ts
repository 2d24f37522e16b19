import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { readinessSourcesExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import request from 'supertest';
import { specCheckedServer } from './__testUtils__/specCheckedServer';
import { readinessPlugin } from './plugin';
import { alphaServiceFactories } from './__testUtils__/alphaServices';
import { authKeepingActor } from './__testUtils__/authKeepingActor';
import {
  catalogEntitiesModule,
  serviceComponent,
  TEAM_A,
} from './__testUtils__/catalogEntities';
import { entityDeploymentYaml } from './__testUtils__/entityDeployment';

jest.setTimeout(60_000);

/** A service of team-a with these labels and title. */
const component = (
  name: string,
  labels: Record<string, string> = {},
  title?: string,
) => serviceComponent(name, { labels, title });

const ENTITIES = [
  TEAM_A,
  component('shipments', { visibility: 'public' }, 'Shipment Service'),
  component('payments'),
];

// The outsider may read only entities labelled `visibility`; the auditor may
// read every entity, but the readiness of only those labelled `visibility`,
// through a conditional decision the catalog resolves.
const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const who = user?.info.userEntityRef;
            const name = req.permission.name;
            const onlyLabelled = () =>
              createCatalogConditionalDecision(
                req.permission as any,
                catalogConditions.hasLabel({ label: 'visibility' }),
              );
            if (who === 'user:default/outsider') {
              if (name === 'catalog.entity.read') return onlyLabelled();
              if (
                name === 'readiness.entity.refresh' ||
                name === 'readiness.sources.read'
              ) {
                return { result: AuthorizeResult.DENY };
              }
            }
            if (who === 'user:default/auditor') {
              if (name === 'readiness.entity.read') return onlyLabelled();
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const outsider = mockCredentials.user.header('user:default/outsider');
const auditor = mockCredentials.user.header('user:default/auditor');
const maintainer = mockCredentials.user.header('user:default/maintainer');

describe('readiness backend with the catalog and permissions', () => {
  let server: any;
  // The same backend, with every request and response checked against the spec.
  let checked: http.Server;
  let manifests: string;

  beforeAll(async () => {
    manifests = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-plugin-'));
    fs.writeFileSync(
      path.join(manifests, 'shop.yaml'),
      [
        entityDeploymentYaml('shipments', 3, { readinessProbe: true }),
        entityDeploymentYaml('payments', 1, { readinessProbe: true }),
      ].join('---\n'),
    );
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        ...alphaServiceFactories,
        catalogPlugin,
        catalogEntitiesModule('test-entities', ENTITIES),
        permissionPlugin,
        testPolicy,
        permissionsServiceFactory,
        schedulerServiceFactory,
        authKeepingActor,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: { processingInterval: { seconds: 1 } },
            readiness: {
              sources: [{ type: 'directory', name: 'test', path: manifests }],
              // Cycles run when a test triggers one.
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

    // Wait for the catalog to hold the entities, then score them.
    for (let attempt = 0; ; attempt++) {
      const response = await request(server)
        .post('/api/readiness/entities/component/default/payments/refresh')
        .set('Authorization', maintainer);
      if (response.status === 200) break;
      if (attempt > 100) throw new Error(JSON.stringify(response.body));
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    const shipments = await request(server)
      .post('/api/readiness/entities/component/default/shipments/refresh')
      .set('Authorization', maintainer);
    if (shipments.status !== 200) throw new Error(shipments.text);
  });

  afterAll(() => fs.rmSync(manifests, { recursive: true, force: true }));

  it('answers health probes without credentials', async () => {
    const response = await request(checked)
      .get('/health')
      .set('Authorization', 'Bearer mock-none-token');
    expect(response.status).toBe(200);
  });

  it('refuses every other route without credentials', async () => {
    for (const route of [
      '/checks',
      '/entities/component/default/shipments',
      '/overview',
      '/overview/groups',
      '/overview/history',
      '/overview/checks',
    ]) {
      const response = await request(checked)
        .get(route)
        .set('Authorization', 'Bearer mock-none-token');
      expect([route, response.status]).toEqual([route, 401]);
    }
  });

  it('serves the scorecard computed from the directory source', async () => {
    const response = await request(checked)
      .get('/entities/component/default/shipments')
      .set('Authorization', maintainer);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      entityRef: 'component:default/shipments',
      owner: 'group:default/team-a',
      stale: false,
    });
    const [workload] = response.body.report.workloads;
    expect(workload).toMatchObject({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'shipments',
      file: 'shop.yaml',
      source: 'directory:test',
    });
    const replicas = (name: string, body: any) =>
      body.report.workloads[0].results.find((r: any) => r.check === name)
        ?.status;
    expect(replicas('replicas', response.body)).toBe('pass');
    const owner = response.body.report.entity.results.find(
      (r: any) => r.check === 'owner',
    );
    expect(owner.status).toBe('pass');

    const payments = await request(checked)
      .get('/entities/component/default/payments')
      .set('Authorization', maintainer);
    expect(replicas('replicas', payments.body)).toBe('fail');
  });

  it('sends the scorecard compressed, with a tag a browser revalidates against', async () => {
    const route = '/entities/component/default/shipments';
    const compressed = await request(checked)
      .get(route)
      .set('Authorization', maintainer)
      .set('Accept-Encoding', 'gzip');
    expect(compressed.status).toBe(200);
    expect(compressed.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-type': expect.stringMatching(/^application\/json/),
      'cache-control': 'private, no-cache',
      vary: expect.stringContaining('Accept-Encoding'),
    });
    const etag = compressed.headers.etag;
    expect(etag).toMatch(/^"[\w-]{22}"$/);

    const plain = await request(checked)
      .get(route)
      .set('Authorization', maintainer)
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe(etag);
    expect(plain.body).toEqual(compressed.body);

    const revalidated = await request(checked)
      .get(route)
      .set('Authorization', maintainer)
      .set('If-None-Match', etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');

    // The tag never stands in for the permission check.
    const outsiders = await request(checked)
      .get('/entities/component/default/payments')
      .set('Authorization', outsider)
      .set('If-None-Match', etag);
    expect(outsiders.status).toBe(404);
  });

  it('hides scorecards and rows of entities the catalog hides from a user', async () => {
    const hidden = await request(checked)
      .get('/entities/component/default/payments')
      .set('Authorization', outsider);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toContain(
      'No readiness scorecard for component:default/payments',
    );
    const history = await request(checked)
      .get('/entities/component/default/payments/history')
      .set('Authorization', outsider);
    expect(history.status).toBe(404);

    const visible = await request(checked)
      .get('/entities/component/default/shipments')
      .set('Authorization', outsider);
    expect(visible.status).toBe(200);

    const overview = await request(checked)
      .get('/overview')
      .set('Authorization', outsider);
    expect(overview.body.items.map((row: any) => row.entityRef)).toEqual([
      'component:default/shipments',
    ]);
    expect(overview.body.total).toBe(1);

    const groups = await request(checked)
      .get('/overview/groups')
      .set('Authorization', outsider);
    expect(groups.body.items).toEqual([
      expect.objectContaining({ owner: 'group:default/team-a', entities: 1 }),
    ]);
  });

  it('applies conditional readiness.entity.read decisions', async () => {
    const hidden = await request(checked)
      .get('/entities/component/default/payments')
      .set('Authorization', auditor);
    expect(hidden.status).toBe(404);
    const overview = await request(checked)
      .get('/overview')
      .set('Authorization', auditor);
    expect(overview.body.items.map((row: any) => row.entityRef)).toEqual([
      'component:default/shipments',
    ]);
  });

  it('refuses a refresh without readiness.entity.refresh', async () => {
    const response = await request(checked)
      .post('/entities/component/default/shipments/refresh')
      .set('Authorization', outsider);
    expect(response.status).toBe(403);
  });

  it('answers a refresh within the interval with 429 and Retry-After', async () => {
    const response = await request(server)
      .post('/api/readiness/entities/component/default/shipments/refresh')
      .set('Authorization', maintainer);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(response.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message: expect.stringMatching(
        /^component:default\/shipments was evaluated at .*once every 30 seconds \(readiness\.refresh\.minIntervalSeconds\)\. Try again in \d+ seconds?\.$/,
      ),
    });
    expect(response.body.error.message).toContain(`in ${retryAfter} second`);
  });

  it('answers 404 to a refresh of an entity it does not score, creating no scorecard', async () => {
    const group = await request(server)
      .post('/api/readiness/entities/group/default/team-a/refresh')
      .set('Authorization', maintainer);
    expect(group.status).toBe(404);
    expect(group.body.error.message).toMatch(
      /^group:default\/team-a is not an entity the readiness plugin scores/,
    );
    const scorecard = await request(server)
      .get('/api/readiness/entities/group/default/team-a')
      .set('Authorization', maintainer);
    expect(scorecard.status).toBe(404);

    const missing = await request(server)
      .post('/api/readiness/entities/component/default/nowhere/refresh')
      .set('Authorization', maintainer);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No entity component:default/nowhere in the catalog',
    );
  });

  it('pages, filters and sorts the overview', async () => {
    const all = await request(checked)
      .get('/overview?sort=score&order=asc&limit=1')
      .set('Authorization', maintainer);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(all.body.items[0].entityRef).toBe('component:default/payments');

    const second = await request(checked)
      .get('/overview?sort=score&order=asc&limit=1&offset=1')
      .set('Authorization', maintainer);
    expect(second.body.items[0].entityRef).toBe('component:default/shipments');

    const searched = await request(checked)
      .get('/overview?q=SHIP')
      .set('Authorization', maintainer);
    expect(searched.body.total).toBe(1);

    const invalid = await request(checked)
      .get('/overview?level=platinum')
      .set('Authorization', maintainer);
    expect(invalid.status).toBe(400);
  });

  it('counts failing checks and keeps the daily trend', async () => {
    const checks = await request(checked)
      .get('/overview/checks')
      .set('Authorization', maintainer);
    const replicas = checks.body.items.find(
      (item: any) => item.check === 'replicas',
    );
    expect(replicas).toMatchObject({ failingEntities: 1, severity: 'high' });

    const trend = await request(checked)
      .get('/overview/history?days=7')
      .set('Authorization', maintainer);
    expect(trend.body.items).toHaveLength(1);
    expect(trend.body.items[0].entities).toBe(2);
  });

  it('shows source health to those allowed to read it', async () => {
    const trigger = await request(server)
      .post(
        '/api/readiness/.backstage/scheduler/v1/tasks/readiness-evaluate/trigger',
      )
      .set('Authorization', maintainer);
    expect(trigger.status).toBeLessThan(300);
    let items: any[] = [];
    for (let attempt = 0; items.length === 0 && attempt < 100; attempt++) {
      const response = await request(checked)
        .get('/sources')
        .set('Authorization', maintainer);
      expect(response.status).toBe(200);
      items = response.body.items;
      if (items.length === 0) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }
    expect(items).toEqual([
      expect.objectContaining({
        source: 'directory:test',
        healthy: true,
        objectCount: 2,
        errors: [],
      }),
    ]);

    const refused = await request(checked)
      .get('/sources')
      .set('Authorization', outsider);
    expect(refused.status).toBe(403);
  });

  it('finds text with a space, sent as the browser and the client encode it', async () => {
    for (const query of [
      'q=Shipment+Service',
      'q=shipment%20service',
      'owner=group:default/team-a&q=Shipment+Service',
    ]) {
      const response = await request(checked)
        .get(`/overview?${query}`)
        .set('Authorization', maintainer);
      expect([query, response.status]).toEqual([query, 200]);
      expect(response.body.items.map((row: any) => row.entityRef)).toEqual([
        'component:default/shipments',
      ]);
    }
  });

  it.each([
    ['/overview/history?days=Infinity', 'days'],
    ['/overview/history?days=0', 'days'],
    ['/entities/component/default/shipments/history?days=Infinity', 'days'],
    ['/overview?limit=Infinity', 'limit'],
    ['/overview?limit=1001', 'limit'],
    ['/overview?limit=2.5', 'limit'],
    ['/overview?offset=-1', 'offset'],
    ['/overview?offset=Infinity', 'offset'],
  ])('answers %s with 400 naming %s', async (route, name) => {
    const response = await request(checked)
      .get(route)
      .set('Authorization', maintainer);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'InputError' });
    expect(response.body.error.message).toContain(name);
    expect(response.body.error.stack).toBeUndefined();
  });

  it('caps the rows of a page at the limit the spec gives', async () => {
    const response = await request(checked)
      .get('/overview?limit=1000&offset=0')
      .set('Authorization', maintainer);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ limit: 1000, offset: 0, total: 2 });
  });

  it.each(['compact', 'summary', 'full'])(
    'evaluates a JSON body at detail %s as the spec says',
    async detail => {
      const response = await request(checked)
        .post(`/evaluate?detail=${detail}`)
        .set('Authorization', maintainer)
        .send({
          manifests: entityDeploymentYaml('web', 1, { readinessProbe: true }),
        });
      expect(response.status).toBe(200);
      expect(response.body.workloads[0].name).toBe('web');
    },
  );

  it('evaluates manifests sent in the body', async () => {
    const response = await request(server)
      .post('/api/readiness/evaluate')
      .set('Authorization', maintainer)
      .set('Content-Type', 'application/yaml')
      .send(entityDeploymentYaml('web', 1, { readinessProbe: true }));
    expect(response.status).toBe(200);
    expect(response.body.workloads[0].name).toBe('web');

    const broken = await request(server)
      .post('/api/readiness/evaluate')
      .set('Authorization', maintainer)
      .set('Content-Type', 'application/yaml')
      .send('kind: Deployment\nmetadata: [unclosed');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^request body:2: invalid YAML/);
  });
});

describe('readiness workload sources extension point', () => {
  function moduleAddingSources(...ids: string[]) {
    return createBackendModule({
      pluginId: 'readiness',
      moduleId: `test-sources-${ids.length}`,
      register(env) {
        env.registerInit({
          deps: {
            sources: readinessSourcesExtensionPoint,
            logger: coreServices.logger,
          },
          async init({ sources }) {
            sources.addWorkloadSource(
              ...ids.map(id => ({ id, read: async () => ({ objects: [] }) })),
            );
          },
        });
      },
    });
  }

  it('refuses to start when two sources share an id', async () => {
    await expect(
      startTestBackend({
        features: [
          readinessPlugin,
          ...alphaServiceFactories,
          moduleAddingSources('cluster:prod-eu', 'cluster:prod-eu'),
        ],
      }),
    ).rejects.toThrow(
      "Readiness workload source 'cluster:prod-eu' is added twice",
    );
  });
});
