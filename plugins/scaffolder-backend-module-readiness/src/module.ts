import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { parseReadinessConfig } from '@prodready/backstage-plugin-readiness-common';
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
      },
      async init({ scaffolderActions, templating, config, catalog }) {
        // The same block the readiness backend reads; keys that are not the
        // engine's (schedule, sources, ...) are ignored. Invalid settings
        // stop the backend with a message naming the key.
        const readiness = parseReadinessConfig(config.getOptional('readiness'));

        scaffolderActions.addActions(
          createReadinessCheckAction({ config: readiness, catalog }),
        );
        templating.addTemplateGlobals([isoDateInDaysTemplateGlobal]);
      },
    });
  },
});
