import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readinessPublishTargetsExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import { readLocalPublishDirectory } from './localPublishDirectory';
import { createLocalPublishTargetChecker } from './localPublishTarget';

/**
 * Lets the readiness plugin's form check answer for `publishTo: local`:
 * the demo owns `publish:local`, so it says which names are taken.
 */
export const readinessModuleDemoLocalPublishTarget = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'demo-local-publish-target',
  register({ registerInit }) {
    registerInit({
      deps: {
        publishTargets: readinessPublishTargetsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ publishTargets, config }) {
        publishTargets.addPublishTargetChecker(
          createLocalPublishTargetChecker({
            directory: readLocalPublishDirectory(config),
          }),
        );
      },
    });
  },
});
