import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import {
  parseReadinessConfig,
  ReadinessConfig,
  ReadinessConfigError,
} from '@prodready/backstage-plugin-readiness-common';
import { createReadinessCheckAction } from './actions/readinessCheck';
import { isoDateInDaysTemplateGlobal } from './templating/isoDateInDays';

/**
 * Adds the `readiness:check` action to the scaffolder, held to the portal's
 * `readiness` configuration, and the `isoDateInDays` template global.
 *
 * @public
 */
export const scaffolderModuleReadiness = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'readiness',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        templating: scaffolderTemplatingExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
      },
      async init({ scaffolderActions, templating, config, catalog, logger }) {
        // The same block the readiness backend reads, custom checks
        // included; keys that are not the engine's (schedule, sources, ...)
        // are ignored. Checks that backend modules add to the readiness
        // plugin are not reachable here: extension points belong to one
        // plugin, and this module extends the scaffolder.
        let readiness: ReadinessConfig | undefined;
        let problem: ReadinessConfigError | undefined;
        try {
          readiness = parseReadinessConfig(config.getOptional('readiness'), {
            keyPrefix: 'readiness',
          });
        } catch (error) {
          if (!(error instanceof ReadinessConfigError)) throw error;
          // Each readiness:check step fails with it, naming the key; other
          // actions and templates keep working.
          problem = error;
          logger.error(
            `readiness:check steps will fail until the configuration is fixed: ${error.message}`,
          );
        }

        scaffolderActions.addActions(
          createReadinessCheckAction({
            config: () => {
              if (problem) throw problem;
              return readiness!;
            },
            catalog,
          }),
        );
        templating.addTemplateGlobals([isoDateInDaysTemplateGlobal]);
      },
    });
  },
});
