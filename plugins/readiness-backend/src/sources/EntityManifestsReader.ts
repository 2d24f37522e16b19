/**
 * Reads the manifests an entity keeps in Git (`prodready.dev/manifests`), so
 * they are scored before they are ever applied. A URL is read with
 * Backstage's URL reader; a relative location is resolved against the
 * location the entity itself was read from.
 */
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import {
  resolveSafeChildPath,
  UrlReaderService,
  UrlReaderServiceReadTreeResponseFile,
} from '@backstage/backend-plugin-api';
import { InputError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  ANNOTATION_MANIFESTS,
  parseManifests,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import { isDirectory, readTextFile } from '@prodready/readiness-manifest-files';
import path from 'node:path';
import { isKustomizationFile, selectManifestFiles } from './kustomize';
import { localManifestFiles } from './localManifests';

/** Where an entity's manifests are, once resolved. */
export type ManifestsLocation =
  | { type: 'url'; target: string }
  | { type: 'file'; target: string };

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The manifests location of an entity, or undefined without the annotation. */
export function resolveManifestsLocation(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): ManifestsLocation | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const value = annotations[ANNOTATION_MANIFESTS]?.trim();
  if (!value) return undefined;
  if (/^https?:\/\//i.test(value)) return { type: 'url', target: value };

  const location = annotations[ANNOTATION_LOCATION] ?? '';
  const separator = location.indexOf(':');
  const locationType = location.slice(0, separator);
  const locationTarget = location.slice(separator + 1);
  if (locationType === 'url') {
    return {
      type: 'url',
      target: integrations.resolveUrl({ url: value, base: locationTarget }),
    };
  }
  if (locationType === 'file') {
    // Stay inside the folder of the entity file: a catalog file must not
    // make the backend read arbitrary files on its host.
    const folder = path.dirname(locationTarget);
    try {
      return { type: 'file', target: resolveSafeChildPath(folder, value) };
    } catch {
      throw new InputError(
        `${ANNOTATION_MANIFESTS} '${value}' points outside ${folder}, the folder of the entity file`,
      );
    }
  }
  throw new InputError(
    `Cannot resolve ${ANNOTATION_MANIFESTS} '${value}': it is relative, and the entity's ` +
      `location '${
        location || 'unknown'
      }' is neither a url nor a file location; use a full URL`,
  );
}

interface CachedTree {
  etag: string;
  objects: SourcedObject[];
  warnings: string[];
}

/** What was read for an entity. */
export interface EntityManifestsRead {
  sourceId: string;
  objects: SourcedObject[];
  /** Files a kustomization names that were not read, and why. */
  warnings: string[];
}

/** Reads and parses entities' manifests, remembering trees by ETag. */
export class EntityManifestsReader {
  private readonly trees = new Map<string, CachedTree>();

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      maxFileBytes: number;
    },
  ) {}

  /** Source id under which an entity's manifests are reported. */
  static sourceIdOf(location: ManifestsLocation): string {
    return `manifests:${location.target}`;
  }

  /**
   * The entity's manifests, or undefined when it has no manifests
   * annotation. Throws with a message naming the location and the file.
   */
  async read(entity: Entity): Promise<EntityManifestsRead | undefined> {
    const location = resolveManifestsLocation(
      entity,
      this.options.integrations,
    );
    if (!location) return undefined;
    const sourceId = EntityManifestsReader.sourceIdOf(location);
    const { objects, warnings } =
      location.type === 'file'
        ? await this.readFiles(location.target)
        : await this.readUrl(location.target);
    return {
      sourceId,
      objects: objects.map(object => ({ ...object, source: sourceId })),
      warnings,
    };
  }

  private async readFiles(
    target: string,
  ): Promise<Omit<EntityManifestsRead, 'sourceId'>> {
    if (!isDirectory(target)) {
      const text = readTextFile(target, this.options.maxFileBytes);
      return { objects: this.parse(text, path.basename(target)), warnings: [] };
    }
    const { files, warnings } = await localManifestFiles(
      target,
      this.options.maxFileBytes,
    );
    const objects = files.flatMap(file =>
      this.parse(
        readTextFile(file, this.options.maxFileBytes),
        path.relative(target, file),
      ),
    );
    return { objects, warnings };
  }

  private async readUrl(
    target: string,
  ): Promise<Omit<EntityManifestsRead, 'sourceId'>> {
    const { urlReader } = this.options;
    if (MANIFEST_FILE.test(new URL(target).pathname)) {
      const response = await urlReader.readUrl(target);
      const text = (await response.buffer()).toString('utf8');
      return {
        objects: this.parse(
          text,
          path.posix.basename(new URL(target).pathname),
        ),
        warnings: [],
      };
    }

    const cached = this.trees.get(target);
    try {
      const tree = await urlReader.readTree(target, {
        etag: cached?.etag,
        filter: file => MANIFEST_FILE.test(file) || isKustomizationFile(file),
      });
      const files = new Map(
        (await tree.files()).map(file => [file.path, file]),
      );
      const paths = [...files.keys()].sort((a, b) => a.localeCompare(b));
      const selection = await selectManifestFiles(
        paths,
        async file => this.treeFileText(files.get(file)!),
        target,
      );
      const objects: SourcedObject[] = [];
      for (const file of selection.files) {
        objects.push(
          ...this.parse(await this.treeFileText(files.get(file)!), file),
        );
      }
      const read = { objects, warnings: selection.warnings };
      this.trees.set(target, { etag: tree.etag, ...read });
      return read;
    } catch (error) {
      if (cached && (error as Error)?.name === NotModifiedError.name) {
        return { objects: cached.objects, warnings: cached.warnings };
      }
      throw error;
    }
  }

  private async treeFileText(
    file: UrlReaderServiceReadTreeResponseFile,
  ): Promise<string> {
    const content = await file.content();
    if (content.length > this.options.maxFileBytes) {
      throw new InputError(
        `${file.path}: file is too large (${content.length} bytes, limit ${this.options.maxFileBytes})`,
      );
    }
    return content.toString('utf8');
  }

  private parse(text: string, file: string): SourcedObject[] {
    return parseManifests(text, { file }).objects;
  }
}
