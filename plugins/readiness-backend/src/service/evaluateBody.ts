/**
 * `POST /evaluate`: scores manifests sent in the request, as the CLI does,
 * so tools without the CLI (a bot, a pipeline step) get the same report.
 */
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  evaluateReadiness,
  isCatalogEntity,
  KubeObject,
  ManifestError,
  parseManifests,
  ReadinessConfig,
  ReadinessReport,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';

/** Content types read as YAML (or JSON) text. */
export const YAML_CONTENT_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/plain',
];

function parseText(text: string): SourcedObject[] {
  try {
    return parseManifests(text, { file: 'request body' }).objects;
  } catch (error) {
    if (error instanceof ManifestError) throw new InputError(error.message);
    throw error;
  }
}

function readObjects(body: unknown): {
  objects: SourcedObject[];
  entity?: Entity;
} {
  if (typeof body === 'string') return { objects: parseText(body) };
  const { manifests, entity } = (body ?? {}) as {
    manifests?: unknown;
    entity?: unknown;
  };
  const objects =
    typeof manifests === 'string'
      ? parseText(manifests)
      : (manifests as KubeObject[]).map((object, index) => ({
          object,
          file: `manifests[${index}]`,
        }));
  return { objects, entity: entity as Entity | undefined };
}

export function evaluateRequestBody(
  body: unknown,
  options: { engine: ReadinessConfig; now: Date },
): ReadinessReport {
  const read = readObjects(body);
  // A catalog-info document among the manifests is the entity, as in the CLI.
  const documents = read.objects.filter(source => !isCatalogEntity(source));
  const entity =
    read.entity ??
    (read.objects.find(isCatalogEntity)?.object as Entity | undefined);
  if (documents.length === 0 && !entity) {
    throw new InputError(
      'The request has no Kubernetes objects to evaluate: send YAML or JSON manifests',
    );
  }
  return evaluateReadiness({
    objects: documents,
    entity,
    config: options.engine,
    now: options.now,
  });
}
