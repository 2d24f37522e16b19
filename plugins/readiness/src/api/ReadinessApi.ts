import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';

/**
 * Client for the readiness backend.
 *
 * @public
 */
export interface ReadinessApi {
  /** The catalogue of readiness checks the backend evaluates. */
  getChecks(): Promise<CheckDefinition[]>;
}

/** @public */
export const readinessApiRef = createApiRef<ReadinessApi>().with({
  id: 'plugin.readiness.api',
  pluginId: 'readiness',
});
