/**
 * Readiness scorecards for Backstage: the frontend plugin for the legacy
 * frontend system. The new frontend system's plugin is the default export
 * of `@prodready/backstage-plugin-readiness/alpha`.
 *
 * This entry has no default export on purpose: app package discovery
 * (`app.packages: all`) loads the default export of both entries, and only
 * the `/alpha` one is a new-system plugin.
 *
 * @packageDocumentation
 */
export {
  readinessPlugin,
  ReadinessPage,
  EntityReadinessContent,
  EntityReadinessCard,
} from './plugin';
export {
  UniqueEntityNamePickerFieldExtension,
  UniqueRepoUrlPickerFieldExtension,
} from './fieldExtensions';
export { isReadinessAvailable } from './model/entity';
export * from './api';
