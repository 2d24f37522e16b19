/**
 * Which catalog entities the plugin scores: the configured kinds, and any
 * entity mapped to Kubernetes workloads. The cycle asks the catalog with
 * the filter; a refresh checks one entity with the predicate. Both read
 * the same list, so they cannot drift apart.
 */
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_MANIFESTS,
} from '@prodready/backstage-plugin-readiness-common';

/** Annotations that make an entity scored whatever its kind. */
export const SCORED_ANNOTATIONS: readonly string[] = [
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_MANIFESTS,
];

/** The catalog filter for every scored entity. */
export function scoredEntitiesFilter(kinds: string[]): EntityFilterQuery {
  return [
    { kind: kinds },
    ...SCORED_ANNOTATIONS.map(name => ({
      [`metadata.annotations.${name}`]: CATALOG_FILTER_EXISTS,
    })),
  ];
}

/** Whether the filter above selects this entity (kinds compare as the catalog does, ignoring case). */
export function isScoredEntity(entity: Entity, kinds: string[]): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kinds.some(k => k.toLocaleLowerCase('en-US') === kind)) return true;
  const annotations = entity.metadata.annotations ?? {};
  return SCORED_ANNOTATIONS.some(name => name in annotations);
}

/** Why an entity is not scored, for the refresh's 404. */
export function notScoredReason(entityRef: string, kinds: string[]): string {
  return (
    `${entityRef} is not an entity the readiness plugin scores: its kind is not ` +
    `one of readiness.entityKinds (${
      kinds.join(', ') || 'none'
    }) and it has none ` +
    `of the annotations ${SCORED_ANNOTATIONS.join(', ')}`
  );
}
