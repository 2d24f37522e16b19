export { parseDocuments, parseManifests } from './parseManifests';
export { fieldLineOf } from './fieldLines';
export { isCatalogEntity } from './catalogEntity';
export {
  isKustomization,
  KUSTOMIZATION_FILE_NAMES,
  readKustomization,
} from './kustomization';
export type { KustomizationFiles } from './kustomization';
export { ManifestError, UnrenderedTemplateError } from './ManifestError';
export type { ManifestErrorKind, TemplateDocument } from './ManifestError';
export { DEFAULT_MANIFEST_LIMITS } from './types';
export type {
  ManifestFormat,
  ManifestLimits,
  ManifestNote,
  ManifestNoteReason,
  ParseManifestsOptions,
  ParsedDocument,
  ParsedDocuments,
  ParsedManifests,
  SourcedObjectWithLine,
} from './types';
