import { createBackendModule } from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
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
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { alphaServiceFactories } from './__testUtils__/alphaServices';
import { authKeepingActor } from './__testUtils__/authKeepingActor';
import { specCheckedServer } from './__testUtils__/specCheckedServer';
import { readinessPlugin } from './plugin';
import {
  catalogEntitiesModule,
  serviceComponent,
} from './__testUtils__/catalogEntities';
import { entityDeploymentYaml } from './__testUtils__/entityDeployment';

jest.setTimeout(60_000);

/** A freight service of team-a with these labels. */
const component = (name: string, labels: Record<string, string>) =>
  serviceComponent(name, { labels, system: 'freight' });

const ENTITIES = [
  component('shipments', { visibility: 'public' }),
  component('payments', {}),
];

// The viewer may read everything but not manage campaigns; the outsider may
// read only entities labelled `visibility`; everyone else may do anything.
const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'campaign-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const who = user?.info.userEntityRef;
            const name = req.permission.name;
            if (
              name === 'readiness.campaign.manage' &&
              who !== 'user:default/lead'
            ) {
              return { result: AuthorizeResult.DENY };
            }
            if (
              who === 'user:default/outsider' &&
              name === 'catalog.entity.read'
            ) {
              return createCatalogConditionalDecision(
                req.permission as any,
                catalogConditions.hasLabel({ label: 'visibility' }),
              );
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const lead = mockCredentials.user.header('user:default/lead');
const viewer = mockCredentials.user.header('user:default/viewer');
const outsider = mockCredentials.user.header('user:default/outsider');

const CONFIGURED = {
  id: 'two-replicas',
  title: 'Every freight service runs two replicas',
  checks: ['replicas'],
  target: { systems: ['freight'], kinds: ['Component'] },
  startDate: '2026-01-01',
  dueDate: '2099-12-31',
};

const API_MADE = {
  id: 'probes',
  title: 'Readiness probes everywhere',
  checks: ['readiness-probe', 'replicas'],
  target: { owners: ['group:default/team-a'] },
  startDate: '2026-01-01',
  dueDate: '2099-12-31',
};

describe('campaign API', () => {
  let checked: http.Server;
  let manifests: string;

  beforeAll(async () => {
    manifests = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-campaigns-'));
    fs.writeFileSync(
      path.join(manifests, 'shop.yaml'),
      [
        entityDeploymentYaml('shipments', 3),
        entityDeploymentYaml('payments', 1),
      ].join('---\n'),
    );
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        catalogPlugin,
        catalogEntitiesModule('campaign-entities', ENTITIES),
        permissionPlugin,
        testPolicy,
        permissionsServiceFactory,
        schedulerServiceFactory,
        authKeepingActor,
        ...alphaServiceFactories,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: { processingInterval: { seconds: 1 } },
            readiness: {
              sources: [{ type: 'directory', name: 'test', path: manifests }],
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 1 },
              },
              campaigns: [CONFIGURED],
            },
          },
        }),
      ],
    });
    checked = await specCheckedServer(backend.server);

    // Each refresh scores an entity and records the campaigns' progress.
    for (const name of ['payments', 'shipments']) {
      for (let attempt = 0; ; attempt++) {
        const response = await request(backend.server)
          .post(`/api/readiness/entities/component/default/${name}/refresh`)
          .set('Authorization', lead);
        if (response.status === 200) break;
        if (attempt > 100) throw new Error(JSON.stringify(response.body));
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
  });

  afterAll(() => fs.rmSync(manifests, { recursive: true, force: true }));

  it('refuses every campaign route without credentials', async () => {
    for (const [method, route] of [
      ['get', '/campaigns'],
      ['get', '/campaigns/two-replicas'],
      ['put', '/campaigns/probes'],
      ['delete', '/campaigns/probes'],
      ['get', '/entities/component/default/payments/campaigns'],
    ] as const) {
      const sent = request(checked)
        [method](route)
        .set('Authorization', 'Bearer mock-none-token');
      const response = await (method === 'put' ? sent.send(API_MADE) : sent);
      expect([method, route, response.status]).toEqual([method, route, 401]);
    }
  });

  it('lists the configured campaign with its progress, per owner and over time', async () => {
    const list = await request(checked)
      .get('/campaigns')
      .set('Authorization', viewer);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        ...CONFIGURED,
        target: { systems: ['system:default/freight'], kinds: ['Component'] },
        origin: 'config',
        status: 'running',
        progress: { inScope: 2, passing: 1, failing: 1, exempt: 0 },
      },
    ]);

    const detail = await request(checked)
      .get('/campaigns/two-replicas')
      .set('Authorization', viewer);
    expect(detail.status).toBe(200);
    expect(detail.body.owners).toEqual([
      {
        owner: 'group:default/team-a',
        inScope: 2,
        passing: 1,
        failing: 1,
        exempt: 0,
      },
    ]);
    expect(detail.body.burndown).toEqual([
      {
        day: new Date().toISOString().slice(0, 10),
        inScope: 2,
        passing: 1,
        failing: 1,
        exempt: 0,
      },
    ]);

    const missing = await request(checked)
      .get('/campaigns/no-such-campaign')
      .set('Authorization', viewer);
    expect(missing.status).toBe(404);
  });

  it('counts only the entities the caller may see', async () => {
    const list = await request(checked)
      .get('/campaigns')
      .set('Authorization', outsider);
    expect(list.body.items[0].progress).toEqual({
      inScope: 1,
      passing: 1,
      failing: 0,
      exempt: 0,
    });
    // The campaign's status is its own, not the caller's slice of it.
    expect(list.body.items[0].status).toBe('running');
  });

  it('shows an entity the running campaigns it fails, to those who may see it', async () => {
    const payments = await request(checked)
      .get('/entities/component/default/payments/campaigns')
      .set('Authorization', viewer);
    expect(payments.status).toBe(200);
    expect(payments.body.items).toEqual([
      {
        campaign: expect.objectContaining({ id: 'two-replicas' }),
        failingChecks: ['replicas'],
      },
    ]);
    const shipments = await request(checked)
      .get('/entities/component/default/shipments/campaigns')
      .set('Authorization', viewer);
    expect(shipments.body.items).toEqual([]);

    const hidden = await request(checked)
      .get('/entities/component/default/payments/campaigns')
      .set('Authorization', outsider);
    expect(hidden.status).toBe(404);
  });

  it('lets only holders of readiness.campaign.manage create and delete campaigns', async () => {
    const denied = await request(checked)
      .put('/campaigns/probes')
      .set('Authorization', viewer)
      .send(API_MADE);
    expect(denied.status).toBe(403);
    const deniedDelete = await request(checked)
      .delete('/campaigns/two-replicas')
      .set('Authorization', viewer);
    expect(deniedDelete.status).toBe(403);

    const saved = await request(checked)
      .put('/campaigns/probes')
      .set('Authorization', lead)
      .send(API_MADE);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      id: 'probes',
      origin: 'api',
      status: 'running',
      progress: { inScope: 2, failing: expect.any(Number) },
    });
    const payments = await request(checked)
      .get('/entities/component/default/payments/campaigns')
      .set('Authorization', viewer);
    expect(
      payments.body.items.map((item: any) => [
        item.campaign.id,
        item.failingChecks,
      ]),
    ).toEqual([
      ['two-replicas', ['replicas']],
      ['probes', ['readiness-probe', 'replicas']],
    ]);

    const deleted = await request(checked)
      .delete('/campaigns/probes')
      .set('Authorization', lead);
    expect(deleted.status).toBe(204);
    const again = await request(checked)
      .delete('/campaigns/probes')
      .set('Authorization', lead);
    expect(again.status).toBe(404);
  });

  it('keeps configured campaigns read-only and answers invalid bodies with 400', async () => {
    const overwrite = await request(checked)
      .put('/campaigns/two-replicas')
      .set('Authorization', lead)
      .send({ ...CONFIGURED, title: 'Changed' });
    expect(overwrite.status).toBe(409);
    const remove = await request(checked)
      .delete('/campaigns/two-replicas')
      .set('Authorization', lead);
    expect(remove.status).toBe(409);

    const unknownCheck = await request(checked)
      .put('/campaigns/probes')
      .set('Authorization', lead)
      .send({ ...API_MADE, checks: ['readiness-prob'] });
    expect(unknownCheck.status).toBe(400);
    expect(unknownCheck.body.error.message).toContain(
      'checks has unknown check id "readiness-prob"',
    );

    const otherId = await request(checked)
      .put('/campaigns/probes')
      .set('Authorization', lead)
      .send({ ...API_MADE, id: 'other' });
    expect(otherId.status).toBe(400);

    const noTitle = await request(checked)
      .put('/campaigns/probes')
      .set('Authorization', lead)
      .send({ ...API_MADE, title: undefined });
    expect(noTitle.status).toBe(400);
  });
});
