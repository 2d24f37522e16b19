/**
 * The manifest reader of readiness-common, in one place for the CLI.
 */
export {
  ManifestError,
  parseDocuments,
  parseManifests,
} from '@prodready/backstage-plugin-readiness-common';
export type {
  ManifestNote,
  SourcedObjectWithLine,
} from '@prodready/backstage-plugin-readiness-common';
