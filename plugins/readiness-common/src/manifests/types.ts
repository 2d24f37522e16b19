import type { SourcedObject } from '../types';

/**
 * Safety limits applied to one manifest text. Manifests come from pull
 * requests and Git repositories, so the reader refuses inputs built to
 * exhaust memory or the stack.
 * @public
 */
export interface ManifestLimits {
  /** Longest accepted text, in characters. Default 32 MiB. */
  maxLength: number;
  /** Most YAML documents in one text. Default 10,000. */
  maxDocuments: number;
  /** Deepest nesting of mappings and sequences. Default 64. */
  maxDepth: number;
  /** Most alias expansions in one YAML document. Default 100. */
  maxAliasCount: number;
}

/** The limits used when a caller gives none. @public */
export const DEFAULT_MANIFEST_LIMITS: Readonly<ManifestLimits> = {
  maxLength: 32 * 1024 * 1024,
  maxDocuments: 10_000,
  maxDepth: 64,
  maxAliasCount: 100,
};

/** Options of {@link parseManifests}. @public */
export interface ParseManifestsOptions {
  /** Name of the file the text was read from, used in objects, notes and errors. */
  file?: string;
  /** Overrides of {@link DEFAULT_MANIFEST_LIMITS}. */
  limits?: Partial<ManifestLimits>;
}

/** A Kubernetes object read from a manifest, with the line it starts on. @public */
export interface SourcedObjectWithLine extends SourcedObject {
  /** 1-based line where the object starts, when known (YAML and JSON text). */
  line?: number;
}

/**
 * What a note says: a document was ignored because it is empty or not a
 * Kubernetes object, or it uses YAML tags Kubernetes does not know (such as
 * CloudFormation's `!Ref`), read as if untagged.
 * @public
 */
export type ManifestNoteReason = 'empty' | 'not-kubernetes' | 'unknown-tag';

/** Says that a document (or a list item) was ignored, or read with a caveat, and why. @public */
export interface ManifestNote {
  file?: string;
  line?: number;
  /** 1-based index of the document in the text. */
  document: number;
  reason: ManifestNoteReason;
  /** Human-readable, starting with the location, e.g. `a.yaml:3: document 2 ignored: ...`. */
  message: string;
}

/** How a text was read: YAML, or JSON (with `JSON.parse`). @public */
export type ManifestFormat = 'yaml' | 'json';

/** The result of {@link parseManifests}. @public */
export interface ParsedManifests {
  objects: SourcedObjectWithLine[];
  notes: ManifestNote[];
  format: ManifestFormat;
}

/** One document of a text read by {@link parseDocuments}. @public */
export interface ParsedDocument {
  /** 1-based position in the text. */
  index: number;
  /** The document as plain data; `null` when empty. */
  value: unknown;
  /** 1-based line where the document's content starts, when known. */
  line?: number;
}

/** The result of {@link parseDocuments}. @public */
export interface ParsedDocuments {
  documents: ParsedDocument[];
  format: ManifestFormat;
}
