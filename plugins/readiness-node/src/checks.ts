import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ReadinessCheck } from '@prodready/backstage-plugin-readiness-common';

/**
 * Lets backend modules add checks written in TypeScript to the readiness
 * plugin, next to the built-in checks and the custom checks of
 * `readiness.customChecks`.
 *
 * A check added here is validated with the configuration at start-up: an id
 * that is not lower-kebab-case, or that a built-in or another custom check
 * already has, stops the backend with a message naming the check. Its
 * results then go where every other result goes: scorecards, the overview's
 * failing checks, `GET /checks`, severity overrides, `enabled: false` and
 * exemptions.
 *
 * `POST /evaluate` runs on worker threads, which cannot receive code, so
 * checks added here are not run there; its report says so in `warnings`.
 *
 * @public
 */
export interface ReadinessChecksExtensionPoint {
  /**
   * Adds checks; build their definitions with `customCheckDefinition` from
   * `@prodready/backstage-plugin-readiness-common`.
   */
  addChecks(...checks: ReadinessCheck[]): void;
}

/**
 * Extension point for checks written in TypeScript.
 *
 * @public
 */
export const readinessChecksExtensionPoint =
  createExtensionPoint<ReadinessChecksExtensionPoint>({
    id: 'readiness.checks',
  });
