import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { readinessModuleDemoLocalPublishTarget } from './localPublishTargetModule';
import { scaffolderModuleDemoActions } from './module';

/**
 * The demo's local publishing: the scaffolder's `publish:local` and
 * `catalog:register:local`, and the readiness form check that a local
 * repository name is still free.
 */
export default createBackendFeatureLoader({
  *loader() {
    yield scaffolderModuleDemoActions;
    yield readinessModuleDemoLocalPublishTarget;
  },
});
