/**
 * A benchmark backend: the real readiness plugin, catalog backend and
 * scheduler in `startTestBackend`, with the benchmark's logger, entity
 * provider, clusters and database.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { Knex } from 'knex';
import { readinessPlugin } from '../../src/plugin';
import {
  BenchEntityProvider,
  permissionFeatures,
  providerModule,
} from './catalog';
import { BenchCluster } from './clusters';
import { BenchDatabase } from './database';
import { BenchLogger, LogSink } from './logs';
// The readiness plugin needs these alpha services; createBackend adds them,
// startTestBackend does not.
import {
  actionsRegistryServiceFactory,
  metricsServiceFactory,
} from '@backstage/backend-defaults/alpha';

export const AUTHORIZATION = mockCredentials.user.header();
export const TASK_ID = 'readiness-evaluate';

export interface BenchBackend {
  baseUrl: string;
  /** A request with a user's credentials. */
  call(route: string, init?: RequestInit): Promise<Response>;
  /** The readiness plugin's own database client. */
  readinessDatabase: Knex;
  stop(): Promise<void>;
}

/**
 * A readiness module that hands over the plugin's database client (the
 * database service gives a plugin and its modules the same one).
 */
function databaseHandover() {
  let handOver: (knex: Knex) => void = () => {};
  const client = new Promise<Knex>(resolve => {
    handOver = resolve;
  });
  const module = createBackendModule({
    pluginId: 'readiness',
    moduleId: 'bench-database',
    register(env) {
      env.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          handOver(await database.getClient());
        },
      });
    },
  });
  return { module, client };
}

export async function startBenchBackend(options: {
  sink: LogSink;
  database: BenchDatabase;
  provider: BenchEntityProvider;
  clusters: BenchCluster[];
  permissionBackend: boolean;
}): Promise<BenchBackend> {
  const { database, clusters, permissionBackend } = options;
  const handover = databaseHandover();
  const backend = await startTestBackend({
    features: [
      readinessPlugin,
      metricsServiceFactory,
      actionsRegistryServiceFactory,
      handover.module,
      catalogPlugin,
      providerModule(options.provider),
      schedulerServiceFactory,
      ...(permissionBackend ? permissionFeatures() : []),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => new BenchLogger(options.sink),
      }),
      mockServices.rootConfig.factory({
        data: {
          ...(database.config
            ? { backend: { database: database.config } }
            : {}),
          ...(permissionBackend ? { permission: { enabled: true } } : {}),
          // Entities are processed once on arrival; no reprocessing during
          // the measurements.
          catalog: { processingInterval: { minutes: 30 } },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: clusters.map(({ name, server }) => ({
                  name,
                  url: server.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: server.token,
                  caData: server.caData,
                })),
              },
            ],
          },
          readiness: {
            // Runs only when triggered. An initialDelay would also hold
            // back triggers: the real scheduler's worker sleeps through it.
            schedule: {
              frequency: { trigger: 'manual' },
              timeout: { minutes: 30 },
            },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://127.0.0.1:${backend.server.port()}`;
  return {
    baseUrl,
    call: (route, init = {}) =>
      fetch(`${baseUrl}${route}`, {
        ...init,
        headers: { authorization: AUTHORIZATION },
      }),
    readinessDatabase: await handover.client,
    stop: () => backend.stop(),
  };
}
