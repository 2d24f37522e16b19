/**
 * Which objects belong to the catalog entity being evaluated: its ref, its
 * Kubernetes label selector (as the Backstage Kubernetes plugin builds it),
 * and the Ingresses and ConfigMaps whose results count for it.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  LABEL_KUBERNETES_ID,
} from '../annotations';
import { referencedConfigMapNames } from '../model/configMapRefs';
import {
  ingressBackendServiceNames,
  RelatedObject,
  RelationIndex,
} from '../model/relationIndex';
import { KubeObject } from '../types';
import {
  CompiledSelector,
  parseLabelSelectorString,
  selectorMatches,
} from '../model/selectors';
import { WorkloadRelations } from '../model/workloadRelations';
import { asRecord, isSetString } from '../util/guards';
import { parseEntityRef, stringifyEntityRef } from './entityRef';

/** The entity's ref, e.g. `component:default/web`; never throws. */
export function entityRefOf(entity: Entity): string {
  try {
    return stringifyEntityRef(entity);
  } catch {
    const metadata = asRecord(entity?.metadata);
    const kind = typeof entity?.kind === 'string' ? entity.kind : 'unknown';
    const namespace =
      typeof metadata?.namespace === 'string' ? metadata.namespace : 'default';
    const name = typeof metadata?.name === 'string' ? metadata.name : '';
    return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
  }
}

/**
 * Normalises refs written in config so `Component:web` and
 * `component:default/web` compare equal. Missing kind and namespace default
 * to the entity's own.
 */
export function refNormalizer(entity: Entity): (ref: string) => string {
  const own = entityRefOf(entity);
  const defaultKind =
    typeof entity?.kind === 'string' ? entity.kind : undefined;
  const namespace = asRecord(entity?.metadata)?.namespace;
  const defaultNamespace =
    typeof namespace === 'string' ? namespace : 'default';
  return ref => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, { defaultKind, defaultNamespace }),
      ).toLocaleLowerCase('en-US');
    } catch {
      return ref === own ? own : ref.toLocaleLowerCase('en-US');
    }
  };
}

/**
 * The entity's label selector: `backstage.io/kubernetes-label-selector`, else
 * `backstage.io/kubernetes-id=<id>`. Undefined when neither is usable.
 *
 * @public
 */
export function entityLabelSelector(
  annotations: Record<string, unknown>,
): CompiledSelector | undefined {
  const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
  if (isSetString(selector)) {
    return parseLabelSelectorString(selector as string);
  }
  const id = annotations[ANNOTATION_KUBERNETES_ID];
  if (isSetString(id)) {
    return {
      equals: [[LABEL_KUBERNETES_ID, (id as string).trim()]],
      requirements: [],
      matchesNothing: false,
    };
  }
  return undefined;
}

function key(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

/**
 * Ingresses whose TLS counts for this evaluation.
 *
 * Without an entity (the CLI) every Ingress in the input is checked: the
 * user handed us these files to be checked, and an Ingress without TLS is a
 * finding whether or not its Service happens to be among the inputs.
 *
 * With an entity, an Ingress belongs to it when its labels match the
 * entity's selector (in the entity's namespace, if it names one) or when it
 * routes to a Service that selects one of the entity's pods.
 */
export function ingressesInScope(
  index: RelationIndex,
  relations: readonly WorkloadRelations[],
  annotations: Record<string, unknown> | undefined,
): RelatedObject[] {
  if (!annotations || index.ingresses.length === 0) return index.ingresses;
  const selector = entityLabelSelector(annotations);
  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
  const routedServices = new Set<string>();
  for (const relation of relations) {
    for (const service of relation.services) {
      routedServices.add(key(service.namespace, service.name));
    }
  }
  return index.ingresses.filter(ingress => {
    const inNamespace =
      !isSetString(namespace) || ingress.namespace === namespace;
    if (inNamespace && selector && selectorMatches(selector, ingress.labels)) {
      return true;
    }
    return ingressBackendServiceNames(ingress.object).some(name =>
      routedServices.has(key(ingress.namespace, name)),
    );
  });
}

/**
 * ConfigMaps whose content is checked for secrets: all of them (CLI), or
 * only those the workloads' pod templates reference (backend).
 */
export function configMapsInScope(
  index: RelationIndex,
  relations: readonly WorkloadRelations[],
  scope: 'all' | 'referenced',
): RelatedObject[] {
  if (scope === 'all' || index.configMaps.length === 0) return index.configMaps;
  const referenced = new Set<string>();
  for (const relation of relations) {
    const { namespace } = relation.workload;
    for (const name of referencedConfigMapNames(relation.workload)) {
      referenced.add(key(namespace, name));
    }
  }
  return index.configMaps.filter(configMap =>
    referenced.has(key(configMap.namespace, configMap.name)),
  );
}

/** Objects the engine relates to any of the workloads (their Services, PDBs, ...). */
function objectsRelatedTo(
  relations: readonly WorkloadRelations[],
  index: RelationIndex,
): Set<KubeObject> {
  const related = new Set<KubeObject>();
  const add = (items: readonly RelatedObject[]) => {
    for (const item of items) related.add(item.object);
  };
  for (const relation of relations) {
    const { workload } = relation;
    add(relation.services);
    add(relation.pdbs);
    add(relation.networkPolicies);
    add(relation.autoscalers.map(autoscaler => autoscaler.object));
    add(index.podMonitorsFor(workload));
    for (const service of relation.services) {
      add(index.serviceMonitorsSelecting(service));
    }
    const podSpec = workload.podSpec;
    const account = podSpec.serviceAccountName ?? podSpec.serviceAccount;
    const found = index.serviceAccount(
      workload.namespace,
      typeof account === 'string' && account ? account : 'default',
    );
    if (found) related.add(found.object);
  }
  return related;
}

/**
 * The objects custom object checks run on, of the kinds the index
 * collected (Ingresses and ConfigMaps are scoped by
 * {@link ingressesInScope} and {@link configMapsInScope}).
 *
 * Without an entity (the CLI), every one in the input: the user handed
 * these files over to be checked. With an entity, an object belongs to it
 * when the engine relates it to one of the entity's workloads (a Service
 * that selects its pods, its PDB, HPA, NetworkPolicy, monitors or
 * ServiceAccount), or when its labels match the entity's selector (in the
 * entity's namespace, if it names one), as for Ingresses: the other
 * Services of a shared namespace belong to other teams.
 */
export function objectsInScope(
  index: RelationIndex,
  relations: readonly WorkloadRelations[],
  annotations: Record<string, unknown> | undefined,
): RelatedObject[] {
  if (!annotations || index.collected.length === 0) return index.collected;
  const selector = entityLabelSelector(annotations);
  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
  const related = objectsRelatedTo(relations, index);
  return index.collected.filter(item => {
    const inNamespace = !isSetString(namespace) || item.namespace === namespace;
    return (
      (inNamespace && selector && selectorMatches(selector, item.labels)) ||
      related.has(item.object)
    );
  });
}
