import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
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
import { campaignCheckIds } from './campaigns/campaignDefinition';
import { CampaignNotifier } from './campaigns/CampaignNotifier';
import { Campaigns } from './campaigns/Campaigns';
import { readBackendConfig } from './config/backendConfig';
import { CampaignStore } from './database/CampaignStore';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { NotificationLog } from './notifications/NotificationLog';
import { ReadinessNotifier } from './notifications/ReadinessNotifier';
import { PlatformEvaluator } from './evaluation/PlatformEvaluator';
import { ReadinessEvaluator } from './evaluation/ReadinessEvaluator';
import { createGithubPublishTargetChecker } from './publishTargets/githubPublishTarget';
import { PublishTargetCheckers } from './publishTargets/PublishTargetCheckers';
import { SourceSnapshots } from './evaluation/SourceSnapshots';
import { registerReadinessActions } from './actions/registerReadinessActions';
import { ReadinessMetrics } from './metrics/ReadinessMetrics';
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

/** How old the metric gauges' aggregates may get on a replica that did not run the latest cycle. */
const METRICS_MAX_AGE_MS = 60_000;

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
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        metrics: metricsServiceRef,
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
        // Migrated by the store above.
        const knex = await database.getClient();
        const campaignStore = new CampaignStore(knex);
        const campaigns = new Campaigns({
          store: campaignStore,
          configured: settings.campaigns,
          checkIds: campaignCheckIds(settings.engine.catalogue),
        });

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

        // One log of what was sent, for owner and campaign notifications.
        const notificationLog = new NotificationLog(knex);
        const notifier = settings.notifications.enabled
          ? new ReadinessNotifier({
              notifications: deps.notifications,
              log: notificationLog,
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
          campaigns,
          notifier,
        });

        deps.permissionsRegistry.addPermissions(readinessPermissions);

        const clusters = new Map(
          sources.list().map(source => [source.id, source.cluster]),
        );
        const metrics = new ReadinessMetrics({
          metrics: deps.metrics,
          store,
          clusterOf: sourceId => clusters.get(sourceId),
          maxAgeMs: METRICS_MAX_AGE_MS,
        });
        // Campaign progress over every entity: the metric has no caller to scope it to.
        metrics.setCampaigns({
          listProgress: () => campaigns.summaries({ type: 'all' }),
        });
        const campaignNotifier = new CampaignNotifier({
          campaigns,
          store: campaignStore,
          log: notificationLog,
          notifications: deps.notifications,
          logger,
          enabled: settings.notifications.enabled,
        });

        await scheduler.scheduleTask({
          id: 'readiness-evaluate',
          ...settings.schedule,
          // Once per cycle across replicas, whatever the schedule says.
          scope: 'global',
          fn: async signal => {
            const started = performance.now();
            const summary = await evaluator.runCycle({ signal });
            await metrics
              .recordCycle(summary, performance.now() - started)
              .catch(error =>
                logger.warn(
                  `Readiness could not update its metrics after the cycle: ${error}`,
                ),
              );
            // After the cycle has recorded campaign progress; from here
            // only, so a refresh never sends a notification.
            await campaignNotifier.run(new Date());
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
        registerReadinessActions({
          registry: deps.actionsRegistry,
          store,
          access,
          catalogue: settings.engine.catalogue,
          evaluate: { pool, maxBytes: settings.evaluateMaxBytes },
        });
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
            campaigns,
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
