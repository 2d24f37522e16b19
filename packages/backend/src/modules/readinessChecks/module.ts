import { createBackendModule } from '@backstage/backend-plugin-api';
import { readinessChecksExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import { memoryBurstRatioCheck } from './memoryBurstRatio';

/**
 * The demo portal's own readiness check, written in TypeScript: an example
 * of a module adding checks that CEL rules in `readiness.customChecks`
 * cannot express easily.
 */
export const readinessModuleDemoChecks = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'demo-checks',
  register({ registerInit }) {
    registerInit({
      deps: { checks: readinessChecksExtensionPoint },
      async init({ checks }) {
        checks.addChecks(memoryBurstRatioCheck);
      },
    });
  },
});
