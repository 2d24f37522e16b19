import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readinessSourcesExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import { applyDatabaseMigrations } from './database/migrations';
import { createRouter } from './router';
import { WorkloadSourceRegistry } from './sources/WorkloadSourceRegistry';

/**
 * The readiness backend plugin: scores catalog entities' Kubernetes
 * workloads against the readiness checks and serves the scorecards.
 *
 * @public
 */
export const readinessPlugin = createBackendPlugin({
  pluginId: 'readiness',
  register(env) {
    const sources = new WorkloadSourceRegistry();
    env.registerExtensionPoint(readinessSourcesExtensionPoint, {
      addWorkloadSource(...added) {
        added.forEach(source => sources.add(source));
      },
    });

    env.registerInit({
      deps: {
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ database, httpAuth, httpRouter, logger }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }

        const sourceIds = sources.list().map(source => source.id);
        logger.info(
          `Readiness workload sources: ${sourceIds.join(', ') || 'none yet'}`,
        );

        httpRouter.use(await createRouter({ httpAuth }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
