/**
 * The alpha services the plugin depends on (metrics, actions registry),
 * which `startTestBackend` does not provide by default, as `createBackend`
 * does: the real ones from backend-defaults.
 */
import {
  actionsRegistryServiceFactory,
  metricsServiceFactory,
} from '@backstage/backend-defaults/alpha';

export const alphaServiceFactories = [
  metricsServiceFactory,
  actionsRegistryServiceFactory,
];
