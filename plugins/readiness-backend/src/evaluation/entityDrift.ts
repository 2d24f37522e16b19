/**
 * Drift of one entity: its manifests in Git compared with what each
 * workload source runs of them. Each source is compared on its own, so a
 * workload that drifted in one cluster is told apart from its copies in the
 * others; a source that runs none of the entity's workloads is left out (the
 * entity is not deployed there, which is not drift).
 */
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  DEFAULT_NAMESPACE,
  detectDrift,
  SourcedObject,
  WorkloadDrift,
} from '@prodready/backstage-plugin-readiness-common';

/** What one source runs of the entity: its workloads and the objects related to them. */
export interface LiveObjects {
  /** The source's cluster, or the source's id when it names none. */
  name: string;
  objects: SourcedObject[];
}

/**
 * Where the entity's manifests that name no namespace are applied: the
 * namespace of its `backstage.io/kubernetes-namespace` annotation, which is
 * also where its workloads are looked for in the sources, else `default`,
 * where `kubectl apply` without `-n` puts them. A manifest without a
 * namespace is paired with the only live workload of its kind and name in
 * any case, so an entity without the annotation is compared too.
 */
export function gitDefaultNamespace(entity: Entity): string {
  const value = entity.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE];
  return typeof value === 'string' && value.trim()
    ? value.trim()
    : DEFAULT_NAMESPACE;
}

/**
 * The drift between the entity's Git objects and each source that runs its
 * workloads, every entry naming its source; undefined when no source runs
 * any (nothing was compared).
 */
export function entityDrift(
  entity: Entity,
  gitObjects: readonly SourcedObject[],
  live: readonly LiveObjects[],
): WorkloadDrift[] | undefined {
  if (live.length === 0) return undefined;
  const namespace = gitDefaultNamespace(entity);
  return live.flatMap(source =>
    detectDrift(gitObjects, source.objects, {
      gitDefaultNamespace: namespace,
    }).map(drift => ({ ...drift, cluster: source.name })),
  );
}
