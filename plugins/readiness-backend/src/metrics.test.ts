/**
 * The plugin's OpenTelemetry metrics, read as an exporter reads them: a
 * meter provider with an in-memory reader is the global one before the
 * backend starts, so Backstage's metrics service records into it.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readinessSourcesExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import { metrics } from '@opentelemetry/api';
import {
  DataPoint,
  Histogram,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { alphaServiceFactories } from './__testUtils__/alphaServices';
import { readinessPlugin } from './plugin';
import { entityDeploymentYaml } from './__testUtils__/entityDeployment';
import { serviceComponent } from './__testUtils__/catalogEntities';

jest.setTimeout(60_000);

/** A reader that exports only when the test collects. */
class CollectingReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

const reader = new CollectingReader();
const provider = new MeterProvider({ readers: [reader] });
metrics.setGlobalMeterProvider(provider);

/** The data points of each metric of the readiness plugin's meter. */
async function readinessMetrics(): Promise<
  Map<string, DataPoint<number | Histogram>[]>
> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  const scope = resourceMetrics.scopeMetrics.find(
    s => s.scope.name === 'backstage-plugin-readiness',
  );
  return new Map(
    (scope?.metrics ?? []).map(metric => [
      metric.descriptor.name,
      metric.dataPoints as DataPoint<number | Histogram>[],
    ]),
  );
}

/** A service of team-a, with more annotations when given. */
const component = (name: string, annotations: Record<string, string> = {}) =>
  serviceComponent(name, { annotations });

/** A cluster that cannot be reached: each cycle's read of it fails. */
const unreachableCluster = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'unreachable-cluster',
  register(env) {
    env.registerInit({
      deps: { sources: readinessSourcesExtensionPoint },
      async init({ sources }) {
        sources.addWorkloadSource({
          id: 'cluster:staging',
          cluster: 'staging',
          read: async () => {
            throw new Error('connect ECONNREFUSED');
          },
        });
      },
    });
  },
});

const user = mockCredentials.user.header('user:default/maintainer');

describe('readiness metrics', () => {
  let server: any;
  let manifests: string;
  let repository: string;

  beforeAll(async () => {
    manifests = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-metrics-'));
    fs.writeFileSync(
      path.join(manifests, 'shop.yaml'),
      [
        entityDeploymentYaml('shipments', 3),
        entityDeploymentYaml('payments', 1),
      ].join('---\n'),
    );
    // Git says 2 replicas of shipments, the cluster runs 3: it drifts.
    repository = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-git-'));
    fs.mkdirSync(path.join(repository, 'deploy'));
    fs.writeFileSync(
      path.join(repository, 'deploy', 'shop.yaml'),
      entityDeploymentYaml('shipments', 2),
    );
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        ...alphaServiceFactories,
        unreachableCluster,
        schedulerServiceFactory,
        catalogServiceMock.factory({
          entities: [
            component('shipments', {
              'backstage.io/managed-by-location': `file:${path.join(
                repository,
                'catalog-info.yaml',
              )}`,
              'prodready.dev/manifests': './deploy',
            }),
            component('payments'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            readiness: {
              sources: [{ type: 'directory', name: 'test', path: manifests }],
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
  });

  afterAll(async () => {
    fs.rmSync(manifests, { recursive: true, force: true });
    fs.rmSync(repository, { recursive: true, force: true });
    await provider.shutdown();
  });

  it('reports the scorecards, the cycle and the failed source after a cycle', async () => {
    const trigger = await request(server)
      .post(
        '/api/readiness/.backstage/scheduler/v1/tasks/readiness-evaluate/trigger',
      )
      .set('Authorization', user);
    expect(trigger.status).toBeLessThan(300);

    let read = await readinessMetrics();
    for (let i = 0; !read.has('readiness.cycle.duration') && i < 100; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      read = await readinessMetrics();
    }

    const [cycle] = read.get('readiness.cycle.duration')!;
    expect((cycle.value as Histogram).count).toBe(1);
    expect((cycle.value as Histogram).sum).toBeGreaterThan(0);
    const phases = read
      .get('readiness.cycle.phase.duration')!
      .map(point => point.attributes.phase)
      .sort();
    expect(phases).toEqual([
      'catalog',
      'platform',
      'scoring',
      'sources',
      'write',
    ]);

    expect(
      read.get('readiness.source.errors')!.map(p => [p.attributes, p.value]),
    ).toEqual([[{ source: 'cluster:staging', cluster: 'staging' }, 1]]);

    // The gauges agree with what the overview routes answer.
    const groups = await request(server)
      .get('/api/readiness/overview/groups')
      .set('Authorization', user);
    const [team] = groups.body.items;
    expect(team.owner).toBe('group:default/team-a');
    expect(team.entities).toBe(2);
    const entities = read.get('readiness.entities')!;
    for (const level of ['gold', 'silver', 'bronze', 'none']) {
      const point = entities.find(
        p => p.attributes.level === level && p.attributes.owner === team.owner,
      );
      expect([level, point?.value]).toEqual([level, team.levels[level]]);
    }
    const [share] = read.get('readiness.production_ready')!;
    expect(share.value).toBeCloseTo(team.productionReadyShare);

    const checks = await request(server)
      .get('/api/readiness/overview/checks')
      .set('Authorization', user);
    const failing = new Map(
      read
        .get('readiness.check.failing_entities')!
        .map(p => [p.attributes.check, p.value]),
    );
    expect(failing.get('replicas')).toBe(1);
    for (const item of checks.body.items) {
      expect([item.check, failing.get(item.check)]).toEqual([
        item.check,
        item.failingEntities,
      ]);
    }

    const drifting = await request(server)
      .get('/api/readiness/overview?drift=true')
      .set('Authorization', user);
    expect(drifting.body.total).toBe(1);
    expect(
      read.get('readiness.drift.entities')!.map(point => point.value),
    ).toEqual([1]);
  });
});
