import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  readinessPermissions,
  ReadinessCheck,
} from '@prodready/backstage-plugin-readiness-common';
import {
  assertValidClusterConnection,
  PublishTargetChecker,
  ReadinessClusterConnection,
  readinessChecksExtensionPoint,
  readinessClustersExtensionPoint,
  readinessPublishTargetsExtensionPoint,
  readinessSourcesExtensionPoint,
} from '@prodready/backstage-plugin-readiness-node';
import { readBackendConfig } from './config/backendConfig';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { NotificationLog } from './notifications/NotificationLog';
import { ReadinessNotifier } from './notifications/ReadinessNotifier';
import { PlatformEvaluator } from './evaluation/PlatformEvaluator';
import { ReadinessEvaluator } from './evaluation/ReadinessEvaluator';
import { createGithubPublishTargetChecker } from './publishTargets/githubPublishTarget';
import { PublishTargetCheckers } from './publishTargets/PublishTargetCheckers';
import { SourceSnapshots } from './evaluation/SourceSnapshots';
import { createRouter } from './router';
import { EntityAccess } from './service/EntityAccess';
import { PlatformAccess } from './service/PlatformAccess';
import { EvaluatePool } from './service/EvaluatePool';
import {
  ClusterWorkloadSource,
  createClusterSources,
  readClusterReadOptions,
} from './sources/cluster';
import { moduleClusterTargets } from './sources/cluster/moduleClusters';
import { DirectorySource } from './sources/DirectorySource';
import { EntityManifestsReader } from './sources/EntityManifestsReader';
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
    // Checkers are kept until init, where the logger is known.
    const addedCheckers: PublishTargetChecker[] = [];
    env.registerExtensionPoint(readinessPublishTargetsExtensionPoint, {
      addPublishTargetChecker(...added) {
        addedCheckers.push(...added);
      },
    });
    // Clusters known only at start-up (the demo's fake clusters).
    const moduleClusters: ReadinessClusterConnection[] = [];
    env.registerExtensionPoint(readinessClustersExtensionPoint, {
      addClusters(...added) {
        added.forEach(cluster => assertValidClusterConnection(cluster));
        moduleClusters.push(...added);
      },
    });
    // Modules add their checks before this plugin's init runs, which
    // validates them with the configuration, once.
    const moduleChecks: ReadinessCheck[] = [];
    env.registerExtensionPoint(readinessChecksExtensionPoint, {
      addChecks(...added) {
        moduleChecks.push(...added);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        // Used only when readiness.notifications.enabled is set; its default
        // factory posts to the notifications backend when it sends.
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { config, database, httpRouter, logger, scheduler } = deps;
        // Throws, stopping start-up, when a custom check is invalid; the
        // message names its key and, for CEL, the position.
        const settings = readBackendConfig(config, { checks: moduleChecks });

        const store = await DatabaseReadinessStore.create({ database });

        for (const cluster of createClusterSources(config, logger)) {
          sources.add(cluster);
        }
        for (const target of moduleClusterTargets(moduleClusters)) {
          sources.add(
            new ClusterWorkloadSource({
              ...readClusterReadOptions(config),
              target,
              logger: logger.child({ cluster: target.name }),
              // Module clusters are scored as platforms too, as configured ones are.
              platform: true,
            }),
          );
        }
        for (const directory of settings.directorySources) {
          sources.add(
            new DirectorySource(directory, settings.maxManifestBytes),
          );
        }
        const integrations = ScmIntegrations.fromConfig(config);
        const publishTargets = new PublishTargetCheckers({ logger });
        publishTargets.add(
          createGithubPublishTargetChecker({
            integrations,
            credentials:
              DefaultGithubCredentialsProvider.fromIntegrations(integrations),
            logger,
          }),
        );
        addedCheckers.forEach(checker => publishTargets.add(checker));

        const sourceIds = sources.list().map(source => source.id);
        logger.info(
          `Readiness workload sources: ${sourceIds.join(', ') || 'none'}`,
        );

        const notifier = settings.notifications.enabled
          ? new ReadinessNotifier({
              notifications: deps.notifications,
              log: new NotificationLog(await database.getClient()),
              logger,
              settings: settings.notifications,
              gate: settings.engine.gate,
            })
          : undefined;

        const evaluator = new ReadinessEvaluator({
          catalog: deps.catalog,
          auth: deps.auth,
          store,
          logger,
          config: settings,
          snapshots: new SourceSnapshots(sources.list()),
          manifests: new EntityManifestsReader({
            urlReader: deps.urlReader,
            integrations,
            maxFileBytes: settings.maxManifestBytes,
          }),
          platform: new PlatformEvaluator({
            catalog: deps.catalog,
            auth: deps.auth,
            store,
            logger,
            config: settings.engine,
          }),
          notifier,
        });

        deps.permissionsRegistry.addPermissions(readinessPermissions);

        await scheduler.scheduleTask({
          id: 'readiness-evaluate',
          ...settings.schedule,
          // Once per cycle across replicas, whatever the schedule says.
          scope: 'global',
          fn: async signal => {
            await evaluator.runCycle({ signal });
          },
        });

        // POST /evaluate parses and scores on worker threads, so a large
        // body never holds up the event loop.
        const pool = new EvaluatePool({
          workers: settings.evaluate.workers,
          maxQueued: settings.evaluate.maxQueued,
          timeoutMs: settings.evaluate.timeoutMs,
          maxMemoryMb: settings.evaluate.maxWorkerMemoryMb,
          engine: settings.engine,
          logger,
        });
        deps.lifecycle.addShutdownHook(() => pool.close());

        const access = new EntityAccess(deps.catalog, deps.permissions);
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            store,
            access,
            platformAccess: new PlatformAccess(access, deps.permissions),
            evaluator,
            publishTargets,
            catalogue: settings.engine.catalogue,
            evaluate: {
              pool,
              maxBodyBytes: settings.evaluateMaxBytes,
              fullReportMaxBytes: settings.evaluate.fullReportMaxBytes,
            },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
