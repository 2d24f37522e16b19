import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readinessClustersExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import { startDemoClusters } from './servers';

/**
 * The demo's two clusters, `prod-eu` and `staging`: fake Kubernetes API
 * servers started with the backend (random ports, a CA generated at start)
 * and handed to the readiness plugin through
 * readinessClustersExtensionPoint, so that platform readiness shows without
 * a real cluster. Stopped when the backend shuts down.
 */
export const readinessModuleDemoClusters = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'demo-clusters',
  register({ registerInit }) {
    registerInit({
      deps: {
        clusters: readinessClustersExtensionPoint,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ clusters, lifecycle, logger }) {
        const running = await startDemoClusters();
        lifecycle.addShutdownHook(() => running.close());
        clusters.addClusters(...running.connections);
        logger.info(
          `Demo clusters: ${running.servers
            .map(({ cluster, server }) => `${cluster.name} at ${server.url}`)
            .join(', ')}`,
        );
      },
    });
  },
});
