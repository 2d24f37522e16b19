/**
 * A scaffolder module with the `readiness:check` action.
 *
 * @packageDocumentation
 */

export { scaffolderModuleReadiness as default } from './module';
export { createReadinessCheckAction } from './actions/readinessCheck';
