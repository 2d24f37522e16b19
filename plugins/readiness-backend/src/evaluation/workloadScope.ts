/**
 * The part of the workload sources one entity needs, as a scoped read
 * takes it: the entity's label selector in the API server's syntax, and
 * its namespace when it names one.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  CompiledSelector,
  entityLabelSelector,
} from '@prodready/backstage-plugin-readiness-common';
import { WorkloadScope } from '@prodready/backstage-plugin-readiness-node';

/**
 * The selector as a `labelSelector` query parameter, or undefined when it
 * can match nothing (an `in` without values), so there is nothing to read.
 */
export function labelSelectorText(
  selector: CompiledSelector,
): string | undefined {
  if (selector.matchesNothing) return undefined;
  const terms = selector.equals.map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values } of selector.requirements) {
    if (operator === 'Exists') terms.push(key);
    else if (operator === 'DoesNotExist') terms.push(`!${key}`);
    else if (operator === 'In') {
      if (values.length === 0) return undefined;
      terms.push(`${key} in (${values.join(',')})`);
    } else if (values.length > 0) {
      // `notin` without values excludes nothing: the term is left out.
      terms.push(`${key} notin (${values.join(',')})`);
    }
  }
  return terms.join(',');
}

/** What a refresh of this entity reads; undefined when it maps to no workloads. */
export function workloadScopeOf(entity: Entity): WorkloadScope | undefined {
  const selector = entityLabelSelector(entity.metadata.annotations ?? {});
  const labelSelector = selector ? labelSelectorText(selector) : undefined;
  if (labelSelector === undefined) return undefined;
  const namespace =
    entity.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE]?.trim();
  const scope: WorkloadScope = {
    entityRef: stringifyEntityRef(entity),
    labelSelector,
  };
  if (namespace) scope.namespace = namespace;
  return scope;
}
