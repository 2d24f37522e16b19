/**
 * The Acme Freight examples the demo portal serves (examples/), read as the
 * backend reads them, for the tests that hold the demo to what
 * examples/README.md says of it.
 */
import {
  EvaluationInput,
  isCatalogEntity,
  parseManifests,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import fs from 'node:fs';
import path from 'node:path';

/** A catalog entity, as the engine takes it. */
type Entity = NonNullable<EvaluationInput['entity']>;

export const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/**
 * Every object of the YAML files under a folder of examples/, as a
 * directory source or an entity's manifests folder reads them (without
 * kustomization files). File names are relative to examples/, or to the
 * folder itself as a directory source names them.
 */
export function readExamples(
  folder: string,
  options: { filesRelativeTo?: 'examples' | 'folder' } = {},
): SourcedObject[] {
  const directory = path.join(EXAMPLES, folder);
  const base = options.filesRelativeTo === 'folder' ? directory : EXAMPLES;
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .filter(entry => entry.name !== 'kustomization.yaml')
    .flatMap(entry => {
      const file = path.join(entry.parentPath, entry.name);
      return parseManifests(fs.readFileSync(file, 'utf8'), {
        file: path.relative(base, file),
      }).objects;
    });
}

let entities: Entity[] | undefined;

/** The catalog entities of examples/components, read once. */
export function exampleEntities(): Entity[] {
  entities ??= readExamples('components')
    .filter(isCatalogEntity)
    .map(source => source.object as unknown as Entity);
  return entities;
}

/** The catalog entity of examples/components with this name. */
export function exampleEntity(name: string): Entity {
  const found = exampleEntities().find(entity => entity.metadata.name === name);
  if (!found) throw new Error(`examples/components has no ${name}`);
  return found;
}
