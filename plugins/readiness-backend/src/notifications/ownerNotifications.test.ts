/**
 * The plugin in a backend with the real catalog and the real notifications
 * backend: a level drop reaches the members of the owning group, once.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { alphaServiceFactories } from '../__testUtils__/alphaServices';
import { readinessPlugin } from '../plugin';
import { catalogEntitiesModule } from '../__testUtils__/catalogEntities';

jest.setTimeout(60_000);

const LOCATION = 'url:https://git.example/acme/catalog/blob/main/all.yaml';
const annotations = {
  'backstage.io/managed-by-location': LOCATION,
  'backstage.io/managed-by-origin-location': LOCATION,
};

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', annotations },
    spec: { type: 'team', children: [], members: ['alice'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', annotations },
    spec: { memberOf: ['team-a'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'bob', annotations },
    spec: { memberOf: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shipments',
      annotations: {
        ...annotations,
        'backstage.io/kubernetes-id': 'shipments',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];

/** Three replicas with a readiness probe, or one without (a drop). */
function deployment(healthy: boolean): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shipments, namespace: shop }
spec:
  replicas: ${healthy ? 3 : 1}
  selector: { matchLabels: { app: shipments } }
  template:
    metadata:
      labels: { app: shipments, backstage.io/kubernetes-id: shipments }
    spec:
      securityContext: { runAsNonRoot: ${healthy} }
      containers:
        - name: app
          image: registry.example/shipments:1.0.0${
            healthy
              ? `
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }`
              : ''
          }
`;
}

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

describe('owner notifications through the notifications backend', () => {
  let server: any;
  let manifests: string;

  const refresh = () =>
    request(server)
      .post('/api/readiness/entities/component/default/shipments/refresh')
      .set('Authorization', alice);
  const notificationsOf = async (user: string) => {
    const response = await request(server)
      .get('/api/notifications')
      .set('Authorization', user);
    expect(response.status).toBe(200);
    return response.body.notifications as Array<{
      origin: string;
      payload: Record<string, string>;
    }>;
  };

  beforeAll(async () => {
    manifests = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-owners-'));
    fs.writeFileSync(path.join(manifests, 'shop.yaml'), deployment(true));
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        catalogPlugin,
        catalogEntitiesModule('notification-test-entities', ENTITIES),
        notificationsPlugin,
        schedulerServiceFactory,
        ...alphaServiceFactories,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            catalog: { processingInterval: { seconds: 1 } },
            readiness: {
              sources: [{ type: 'directory', name: 'test', path: manifests }],
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 1 },
              },
              gate: 'none',
              refresh: { minIntervalSeconds: 0 },
              notifications: { enabled: true },
            },
          },
        }),
      ],
    });
    server = backend.server;

    // The first evaluation, once the catalog holds the entities.
    for (let attempt = 0; ; attempt++) {
      const response = await refresh();
      if (response.status === 200) break;
      if (attempt > 100) throw new Error(JSON.stringify(response.body));
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    // ... and with the group's membership resolved, which the notifications
    // backend reads.
    for (let attempt = 0; ; attempt++) {
      const group = await request(server)
        .get('/api/catalog/entities/by-name/group/default/team-a')
        .set('Authorization', alice);
      if (
        group.body?.relations?.some(
          (relation: { type: string }) => relation.type === 'hasMember',
        )
      ) {
        break;
      }
      if (attempt > 100) throw new Error('team-a never got its members');
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterAll(() => fs.rmSync(manifests, { recursive: true, force: true }));

  it('tells the members of the owning group of a drop, once', async () => {
    expect(await notificationsOf(alice)).toEqual([]);

    fs.writeFileSync(path.join(manifests, 'shop.yaml'), deployment(false));
    expect((await refresh()).status).toBe(200);
    const [notification, ...more] = await notificationsOf(alice);
    expect(more).toEqual([]);
    expect(notification).toMatchObject({
      origin: 'plugin:readiness',
      payload: {
        title: expect.stringMatching(/^shipments dropped from \w+ to none$/),
        description: expect.stringContaining('readiness-probe'),
        link: '/catalog/default/component/shipments/readiness',
        severity: 'normal',
        topic: 'readiness-level',
      },
    });

    // Evaluated again, unchanged: nothing new.
    expect((await refresh()).status).toBe(200);
    expect(await notificationsOf(alice)).toHaveLength(1);
    // Someone outside the group hears nothing.
    expect(await notificationsOf(bob)).toEqual([]);
  });
});
