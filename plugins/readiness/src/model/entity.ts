import type { Entity } from '@backstage/catalog-model';
import {
  isClusterEntity,
  KUBERNETES_MAPPING_ANNOTATIONS,
} from '@prodready/backstage-plugin-readiness-common';

/** True when an annotation maps the entity to Kubernetes workloads. */
export function hasWorkloadMapping(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return KUBERNETES_MAPPING_ANNOTATIONS.some(name =>
    Boolean(annotations[name]),
  );
}

/**
 * Whether the readiness tab and card apply to the entity: the backend scores
 * every Component (its operations checks need no workloads), any entity
 * mapped to Kubernetes workloads, and the platform of every cluster, shown
 * on the cluster's `Resource` of type `kubernetes-cluster`.
 *
 * @public
 */
export function isReadinessAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' ||
    hasWorkloadMapping(entity) ||
    isClusterEntity(entity)
  );
}
