/**
 * A scaffolder module with the `readiness:check` action, the
 * `publish:local` and `catalog:register:local` actions for development
 * portals, and the `isoDateInDays` template global.
 *
 * @packageDocumentation
 */

export { scaffolderModuleReadiness as default } from './module';
export { createReadinessCheckAction } from './actions/readinessCheck';
export type { ReadinessCheckActionOptions } from './actions/readinessCheck';
export { createPublishLocalAction } from './actions/publishLocal';
export { createRegisterLocalAction } from './actions/registerLocal';
export { isoDateInDays } from './templating/isoDateInDays';
