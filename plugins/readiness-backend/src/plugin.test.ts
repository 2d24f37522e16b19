import { createBackendModule } from '@backstage/backend-plugin-api';
import { readinessSourcesExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { readinessPlugin } from './plugin';

describe('readinessPlugin', () => {
  async function startBackend() {
    const { server } = await startTestBackend({
      features: [readinessPlugin, mockServices.database.factory()],
    });
    return server;
  }

  it('answers health probes without credentials', async () => {
    const server = await startBackend();
    const response = await request(server)
      .get('/api/readiness/health')
      .set('Authorization', 'Bearer mock-none-token');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('refuses the check catalogue without credentials', async () => {
    const server = await startBackend();
    const response = await request(server)
      .get('/api/readiness/checks')
      .set('Authorization', 'Bearer mock-none-token');
    expect(response.status).toBe(401);
  });

  it('serves the check catalogue to signed-in users', async () => {
    const server = await startBackend();
    const response = await request(server).get('/api/readiness/checks');
    expect(response.status).toBe(200);
    const ids = response.body.items.map((check: { id: string }) => check.id);
    expect(ids).toEqual(
      expect.arrayContaining(['readiness-probe', 'run-as-non-root', 'owner']),
    );
  });
});

describe('readiness workload sources extension point', () => {
  function moduleAddingSources(...ids: string[]) {
    return createBackendModule({
      pluginId: 'readiness',
      moduleId: `test-sources-${ids.length}`,
      register(env) {
        env.registerInit({
          deps: { sources: readinessSourcesExtensionPoint },
          async init({ sources }) {
            sources.addWorkloadSource(
              ...ids.map(id => ({ id, read: async () => ({ objects: [] }) })),
            );
          },
        });
      },
    });
  }

  it('accepts sources from modules', async () => {
    await expect(
      startTestBackend({
        features: [
          readinessPlugin,
          moduleAddingSources('cluster:prod-eu', 'cluster:prod-us'),
          mockServices.database.factory(),
        ],
      }),
    ).resolves.toBeDefined();
  });

  it('refuses to start when two sources share an id', async () => {
    await expect(
      startTestBackend({
        features: [
          readinessPlugin,
          moduleAddingSources('cluster:prod-eu', 'cluster:prod-eu'),
          mockServices.database.factory(),
        ],
      }),
    ).rejects.toThrow(
      "Readiness workload source 'cluster:prod-eu' is added twice",
    );
  });
});
