/**
 * Drift between Git and the cluster through the HTTP API, with the real
 * catalog and permission backends, on SQLite and on PostgreSQL: entities
 * whose manifests sit in Git next to their catalog file, and a directory
 * source standing for the cluster `prod-eu`. Every request and response is
 * checked against the OpenAPI spec.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { alphaServiceFactories } from './__testUtils__/alphaServices';
import { authKeepingActor } from './__testUtils__/authKeepingActor';
import { specCheckedServer } from './__testUtils__/specCheckedServer';
import {
  configuredPostgresId,
  disconnectEveryone,
  sharedPostgresConnection,
} from './__testUtils__/twoReplicas';
import { readinessPlugin } from './plugin';
import { catalogEntitiesModule } from './__testUtils__/catalogEntities';
import { entityDeploymentYaml } from './__testUtils__/entityDeployment';

jest.setTimeout(120_000);

const postgresId = configuredPostgresId();
// At file level, so that dropping its database waits for the backends to stop.
const databases = TestDatabases.create({ ids: postgresId ? [postgresId] : [] });

const maintainer = mockCredentials.user.header('user:default/maintainer');
// May read only entities labelled `visibility`.
const outsider = mockCredentials.user.header('user:default/outsider');

/** The replicas of each entity's Deployment in Git and in the cluster. */
const DEPLOYED: Record<string, { git?: number; live: number }> = {
  shipments: { git: 3, live: 1 },
  billing: { git: 2, live: 4 },
  payments: { git: 2, live: 2 },
  // No manifests in Git: nothing to compare.
  orders: { live: 2 },
};

function component(name: string, repository: string): Entity {
  const inGit = DEPLOYED[name].git !== undefined;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      labels: name === 'billing' ? {} : { visibility: 'public' },
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          repository,
          'catalog-info.yaml',
        )}`,
        'backstage.io/managed-by-origin-location': `file:${path.join(
          repository,
          'catalog-info.yaml',
        )}`,
        'backstage.io/kubernetes-id': name,
        ...(inGit ? { 'prodready.dev/manifests': `./deploy/${name}` } : {}),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'drift-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            if (
              user?.info.userEntityRef === 'user:default/outsider' &&
              req.permission.name === 'catalog.entity.read'
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

/** The database config of the backend: in-memory SQLite, or a fresh PostgreSQL database. */
async function databaseSetup(databaseId: string) {
  if (databaseId === 'SQLITE_3') return { features: [], config: {} };
  const connection = await sharedPostgresConnection(databases, postgresId);
  return {
    features: [databaseServiceFactory],
    config: {
      backend: {
        database: {
          client: 'pg',
          connection,
          pluginDivisionMode: 'schema',
        },
      },
    },
    connection,
  };
}

const DATABASES = ['SQLITE_3', ...(postgresId ? [postgresId] : [])];

describe.each(DATABASES)(
  'drift between Git and the cluster on %s',
  databaseId => {
    let backend: { server: http.Server; stop(): Promise<void> } | undefined;
    let connection: JsonObject | undefined;
    let checked: http.Server;
    let repository: string;
    let live: string;

    const get = (route: string, user = maintainer) =>
      request(checked).get(route).set('Authorization', user);

    beforeAll(async () => {
      repository = fs.mkdtempSync(
        path.join(os.tmpdir(), 'readiness-drift-git-'),
      );
      live = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-drift-live-'));
      for (const [name, { git, live: replicas }] of Object.entries(DEPLOYED)) {
        if (git !== undefined) {
          fs.mkdirSync(path.join(repository, 'deploy', name), {
            recursive: true,
          });
          fs.writeFileSync(
            path.join(repository, 'deploy', name, 'app.yaml'),
            entityDeploymentYaml(name, git),
          );
        }
        fs.writeFileSync(
          path.join(live, `${name}.yaml`),
          entityDeploymentYaml(name, replicas),
        );
      }
      const entities = Object.keys(DEPLOYED).map(name =>
        component(name, repository),
      );
      const database = await databaseSetup(databaseId);
      connection = database.connection;
      backend = await startTestBackend({
        features: [
          readinessPlugin,
          ...alphaServiceFactories,
          catalogPlugin,
          catalogEntitiesModule('drift-entities', entities),
          permissionPlugin,
          testPolicy,
          permissionsServiceFactory,
          schedulerServiceFactory,
          authKeepingActor,
          ...database.features,
          mockServices.rootConfig.factory({
            data: {
              ...database.config,
              permission: { enabled: true },
              catalog: { processingInterval: { seconds: 1 } },
              readiness: {
                sources: [
                  {
                    type: 'directory',
                    name: 'live',
                    path: live,
                    cluster: 'prod-eu',
                  },
                ],
                schedule: {
                  frequency: { trigger: 'manual' },
                  timeout: { minutes: 1 },
                },
                refresh: { minIntervalSeconds: 0 },
              },
            },
          }),
        ],
      });
      checked = await specCheckedServer(backend.server);

      // Score each entity once the catalog holds it.
      for (const name of Object.keys(DEPLOYED)) {
        for (let attempt = 0; ; attempt++) {
          const response = await request(backend.server)
            .post(`/api/readiness/entities/component/default/${name}/refresh`)
            .set('Authorization', maintainer);
          if (response.status === 200) break;
          if (attempt > 100) throw new Error(JSON.stringify(response.body));
          await new Promise(resolve => setTimeout(resolve, 200));
        }
      }
    });

    afterAll(async () => {
      await backend?.stop();
      if (connection) await disconnectEveryone(connection);
      fs.rmSync(repository, { recursive: true, force: true });
      fs.rmSync(live, { recursive: true, force: true });
    });

    it('serves the drift of a workload on its scorecard', async () => {
      const response = await get('/entities/component/default/shipments');
      expect(response.status).toBe(200);
      expect(response.body.drift).toEqual([
        {
          kind: 'Deployment',
          namespace: 'shop',
          name: 'shipments',
          cluster: 'prod-eu',
          state: 'changed',
          differences: [
            {
              field: 'replicas',
              git: '3',
              live: '1',
              message: 'live Deployment shipments runs 1 replica, Git says 3',
            },
          ],
        },
      ]);

      const agreeing = await get('/entities/component/default/payments');
      expect(agreeing.body.drift).toEqual([]);
      const uncompared = await get('/entities/component/default/orders');
      expect(uncompared.status).toBe(200);
      expect(uncompared.body).not.toHaveProperty('drift');
    });

    it('shows the drift count on each overview row', async () => {
      const response = await get('/overview?sort=title');
      expect(response.status).toBe(200);
      expect(
        response.body.items.map((row: any) => [
          row.entityRef,
          row.driftCount ?? 'absent',
        ]),
      ).toEqual([
        ['component:default/billing', 1],
        ['component:default/orders', 'absent'],
        ['component:default/payments', 0],
        ['component:default/shipments', 1],
      ]);
    });

    it('lists only drifting entities with drift=true, among those the caller may read', async () => {
      const drifting = await get('/overview?drift=true&sort=title');
      expect(drifting.status).toBe(200);
      expect(drifting.body.items.map((row: any) => row.entityRef)).toEqual([
        'component:default/billing',
        'component:default/shipments',
      ]);
      expect(drifting.body.total).toBe(2);

      const outsiders = await get('/overview?drift=true', outsider);
      expect(outsiders.body.items.map((row: any) => row.entityRef)).toEqual([
        'component:default/shipments',
      ]);
      expect(outsiders.body.total).toBe(1);

      const unfiltered = await get('/overview?drift=false');
      expect(unfiltered.body.total).toBe(4);
    });

    it('keeps the drift a refresh finds, and clears it once the cluster follows Git', async () => {
      fs.writeFileSync(
        path.join(live, 'shipments.yaml'),
        entityDeploymentYaml('shipments', 3),
      );
      const refreshed = await request(checked)
        .post('/entities/component/default/shipments/refresh')
        .set('Authorization', maintainer);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.drift).toEqual([]);

      const drifting = await get('/overview?drift=true');
      expect(drifting.body.items.map((row: any) => row.entityRef)).toEqual([
        'component:default/billing',
      ]);
    });
  },
);
