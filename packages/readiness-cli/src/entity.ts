import { CliError } from './errors';
import { readTextFile } from '@prodready/readiness-manifest-files';
import {
  parseManifests,
  SourcedObjectWithLine,
  isCatalogEntity,
} from '@prodready/backstage-plugin-readiness-common';

function kindOf(source: SourcedObjectWithLine): string {
  return String(source.object.kind ?? '').toLowerCase();
}

export function isComponent(source: SourcedObjectWithLine): boolean {
  return kindOf(source) === 'component';
}

/** `kind:namespace/name` of an entity, for messages. */
export function entityRefOf(source: SourcedObjectWithLine): string {
  const metadata = source.object.metadata ?? {};
  const namespace =
    typeof metadata.namespace === 'string' && metadata.namespace
      ? metadata.namespace
      : 'default';
  return `${kindOf(source)}:${namespace}/${String(metadata.name ?? '')}`;
}

/** Reads a catalog-info file and picks its entity (the Component if several). */
export function loadEntity(
  file: string,
  maxBytes: number,
): SourcedObjectWithLine {
  const text = readTextFile(file, maxBytes, {
    limitHint: 'see --max-file-size',
  });
  const { objects } = parseManifests(text, {
    file,
    limits: { maxLength: maxBytes },
  });
  const entities = objects.filter(isCatalogEntity);
  if (entities.length === 0) {
    throw new CliError(
      `${file}: no catalog entity found (expected apiVersion: backstage.io/v1alpha1)`,
    );
  }
  // The only entity of the file, or else its Component.
  const entity =
    entities.length === 1 ? entities[0] : entities.find(isComponent);
  if (!entity) {
    throw new CliError(
      `${file}: ${entities.length} entities and none is a Component; keep only the entity to check`,
    );
  }
  const name = entity.object.metadata?.name;
  if (typeof name !== 'string' || !name) {
    throw new CliError(
      `${file}:${entity.line ?? 1}: the entity has no metadata.name`,
    );
  }
  return entity;
}

function locate(source: SourcedObjectWithLine): string {
  return source.line === undefined
    ? String(source.file)
    : `${source.file}:${source.line}`;
}

/**
 * The entity whose checks run: the `--entity` file's, else the one
 * Component among the inputs (with several, `--entity` must choose). Says
 * through `warn` which one was picked from the inputs and which were left
 * out.
 */
export function chooseEntity(
  entityFile: string | undefined,
  found: readonly SourcedObjectWithLine[],
  maxBytes: number,
  warn: (message: string) => void,
): SourcedObjectWithLine | undefined {
  let entity: SourcedObjectWithLine | undefined;
  if (entityFile) {
    entity = loadEntity(entityFile, maxBytes);
  } else {
    const components = found.filter(isComponent);
    if (components.length === 1) {
      entity = components[0];
      warn(
        `${locate(entity)}: evaluating entity ${entityRefOf(
          entity,
        )} (found among the inputs)`,
      );
    } else if (components.length > 1) {
      warn(
        `${components.length} catalog Components among the inputs: no entity-level checks (choose one with --entity)`,
      );
    }
  }
  for (const other of found) {
    if (other !== entity) {
      warn(`${locate(other)}: catalog entity ${entityRefOf(other)} ignored`);
    }
  }
  return entity;
}
