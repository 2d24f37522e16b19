import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_KUBERNETES_CLUSTER } from '../annotations';

/** The `spec.type` of the catalog `Resource` that stands for a cluster. @public */
export const CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/**
 * Whether the entity stands for a Kubernetes cluster: a `Resource` of type
 * `kubernetes-cluster`, whose Readiness tab shows platform readiness.
 *
 * @public
 */
export function isClusterEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === CLUSTER_RESOURCE_TYPE
  );
}

/**
 * The name of the cluster a cluster entity stands for: its
 * `backstage.io/kubernetes-cluster` annotation, else its name. Undefined for
 * other entities.
 *
 * @public
 */
export function clusterNameOfEntity(entity: Entity): string | undefined {
  if (!isClusterEntity(entity)) return undefined;
  const annotated =
    entity.metadata.annotations?.[ANNOTATION_KUBERNETES_CLUSTER]?.trim();
  return annotated || entity.metadata.name;
}
