/**
 * A scaffolder module with the `readiness:check` action and the
 * `isoDateInDays` template global.
 *
 * @packageDocumentation
 */

export { scaffolderModuleReadiness as default } from './module';
export { createReadinessCheckAction } from './actions/readinessCheck';
export type { ReadinessCheckActionOptions } from './actions/readinessCheck';
export { isoDateInDays } from './templating/isoDateInDays';
