import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readLocalPublishDirectory } from './localPublishDirectory';
import { createPublishLocalAction } from './publishLocal';
import { createRegisterLocalAction } from './registerLocal';

/**
 * The demo portal's `publish:local` and `catalog:register:local` actions,
 * so the golden-path template runs without a Git host. They are not part of
 * the published readiness module, and refuse to run unless
 * `scaffolder.localPublish.directory` is set.
 */
export const scaffolderModuleDemoActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'demo-local-publish',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolderActions, config, catalog }) {
        const directory = readLocalPublishDirectory(config);
        scaffolderActions.addActions(
          createPublishLocalAction({ directory }),
          createRegisterLocalAction({ directory, catalog }),
        );
      },
    });
  },
});
