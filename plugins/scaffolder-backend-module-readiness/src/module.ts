import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { parseReadinessConfig } from '@prodready/backstage-plugin-readiness-common';
import { readLocalPublishDirectory } from './actions/localPublishDirectory';
import { createPublishLocalAction } from './actions/publishLocal';
import { createReadinessCheckAction } from './actions/readinessCheck';
import { createRegisterLocalAction } from './actions/registerLocal';
import { isoDateInDaysTemplateGlobal } from './templating/isoDateInDays';

/**
 * Adds the readiness actions to the scaffolder: `readiness:check`, held to
 * the portal's `readiness` configuration, and `publish:local` with
 * `catalog:register:local` for development portals; and the
 * `isoDateInDays` template global.
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
        const directory = readLocalPublishDirectory(config);

        scaffolderActions.addActions(
          createReadinessCheckAction({ config: readiness, catalog }),
          createPublishLocalAction({ directory }),
          createRegisterLocalAction({ directory, catalog }),
        );
        templating.addTemplateGlobals([isoDateInDaysTemplateGlobal]);
      },
    });
  },
});
