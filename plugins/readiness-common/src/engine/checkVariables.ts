/**
 * The variables custom checks see, as the custom checks contract lists them.
 * Built only when custom checks run, and lazily: a workload's `related`
 * objects are gathered on first read (most rules never read them), and the
 * manifests are handed over as read, without converting them.
 */
import type { Entity } from '@backstage/catalog-model';
import { CheckVariables, RelatedObjects } from '../customChecks/types';
import { referencedConfigMapNames } from '../model/configMapRefs';
import { knownKindOf } from '../model/kinds';
import {
  ingressBackendServiceNames,
  RelatedObject,
  RelationIndex,
} from '../model/relationIndex';
import { WorkloadRelations } from '../model/workloadRelations';
import { ContainerRef, Workload } from '../model/workloads';
import { KubeObject, SourcedObject } from '../types';
import { asRecord } from '../util/guards';

function key(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

const objectsOf = (items: readonly RelatedObject[]): KubeObject[] =>
  items.map(item => item.object);

/**
 * What the variables of one evaluation share: the entity, the time, and
 * lookups over the input built on first use.
 */
export class VariableSources {
  readonly entity: Entity | null;
  private namespaces?: Map<string, KubeObject>;
  private ingressesByService?: Map<string, RelatedObject[]>;
  private configMapsByName?: Map<string, RelatedObject>;

  constructor(
    private readonly objects: readonly SourcedObject[],
    readonly index: RelationIndex,
    entity: Entity | undefined,
    readonly now: Date,
  ) {
    this.entity = entity ?? null;
  }

  /** The Namespace object when it is among the inputs, else one with its name. */
  namespaceObject(name: string): KubeObject {
    if (!this.namespaces) {
      this.namespaces = new Map();
      for (const source of this.objects) {
        const object = asRecord(source?.object) as KubeObject | undefined;
        if (!object || knownKindOf(object) !== 'Namespace') continue;
        const own = asRecord(object.metadata)?.name;
        if (typeof own === 'string' && !this.namespaces.has(own)) {
          this.namespaces.set(own, object);
        }
      }
    }
    let found = this.namespaces.get(name);
    if (!found) {
      // Shared by every object of the namespace.
      found = { metadata: { name } };
      this.namespaces.set(name, found);
    }
    return found;
  }

  /** Ingresses of the input that send traffic to the named Service. */
  ingressesRoutingTo(namespace: string, service: string): RelatedObject[] {
    if (!this.ingressesByService) {
      this.ingressesByService = new Map();
      for (const ingress of this.index.ingresses) {
        for (const name of new Set(
          ingressBackendServiceNames(ingress.object),
        )) {
          const entry = key(ingress.namespace, name);
          const list = this.ingressesByService.get(entry);
          if (list) list.push(ingress);
          else this.ingressesByService.set(entry, [ingress]);
        }
      }
    }
    return this.ingressesByService.get(key(namespace, service)) ?? [];
  }

  /** A ConfigMap of the input by namespace and name. */
  configMap(namespace: string, name: string): RelatedObject | undefined {
    if (!this.configMapsByName) {
      this.configMapsByName = new Map();
      for (const configMap of this.index.configMaps) {
        const entry = key(configMap.namespace, configMap.name);
        if (!this.configMapsByName.has(entry)) {
          this.configMapsByName.set(entry, configMap);
        }
      }
    }
    return this.configMapsByName.get(key(namespace, name));
  }

  /** The variables of an object-scope check on one object. */
  forObject(item: RelatedObject): CheckVariables {
    return {
      object: item.object,
      namespaceObject: this.namespaceObject(item.namespace),
      entity: this.entity,
      now: this.now,
    };
  }

  /** The variables of an entity-scope check. */
  forEntity(): CheckVariables {
    return { entity: this.entity, now: this.now };
  }
}

function serviceAccountName(podSpec: Record<string, any>): string {
  const name = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  return typeof name === 'string' && name ? name : 'default';
}

/** Everything the engine relates to one workload, as lists of objects. */
function relatedObjects(
  workload: Workload,
  relations: WorkloadRelations,
  sources: VariableSources,
): RelatedObjects {
  const index = sources.index;
  const services = relations.services;
  const ingresses = new Set<KubeObject>();
  const serviceMonitors = new Set<KubeObject>();
  for (const service of services) {
    for (const ingress of sources.ingressesRoutingTo(
      service.namespace,
      service.name,
    )) {
      ingresses.add(ingress.object);
    }
    for (const monitor of index.serviceMonitorsSelecting(service)) {
      serviceMonitors.add(monitor.object);
    }
  }
  const configMaps: KubeObject[] = [];
  for (const name of referencedConfigMapNames(workload)) {
    const found = sources.configMap(workload.namespace, name);
    if (found) configMaps.push(found.object);
  }
  return {
    services: objectsOf(services),
    pdbs: objectsOf(relations.pdbs),
    hpas: relations.autoscalers.map(autoscaler => autoscaler.object.object),
    networkPolicies: objectsOf(relations.networkPolicies),
    ingresses: [...ingresses],
    serviceMonitors: [...serviceMonitors],
    podMonitors: objectsOf(index.podMonitorsFor(workload)),
    configMaps,
    serviceAccount:
      index.serviceAccount(
        workload.namespace,
        serviceAccountName(workload.podSpec),
      )?.object ?? null,
  };
}

/** The variables of a container-scope check on one container. */
export interface ContainerSubject {
  ref: ContainerRef;
  variables: CheckVariables;
}

/**
 * One workload as custom checks see it: the variables of workload-scope
 * checks, shared by all of them, and those of container-scope checks, one
 * set per container. Plain objects (with a getter for `related`, gathered
 * on first read): CEL reads them on every variable reference.
 */
export class WorkloadSubject {
  /**
   * Set when a check read the pod template of a workload whose template
   * could not be found (see `Workload.templateError`): that check's
   * verdict is then an error, whatever the rule made of the empty template.
   */
  templateRead = false;
  readonly variables: CheckVariables;
  private cachedContainers?: ContainerSubject[];
  private cachedRelated?: RelatedObjects;

  constructor(
    readonly workload: Workload,
    private readonly relations: WorkloadRelations,
    private readonly sources: VariableSources,
  ) {
    this.variables = workload.templateError
      ? this.trackingVariables()
      : this.variablesWith(undefined);
  }

  /** The objects related to the workload, gathered once. */
  related(): RelatedObjects {
    this.cachedRelated ??= relatedObjects(
      this.workload,
      this.relations,
      this.sources,
    );
    return this.cachedRelated;
  }

  /**
   * One set of variables per container: `containers`, then
   * `initContainers` (native sidecars included). Ephemeral containers are
   * left out: they are debugging sessions added to running pods, not part
   * of what is deployed.
   */
  get containers(): readonly ContainerSubject[] {
    if (!this.cachedContainers) {
      this.cachedContainers = [];
      for (const ref of this.workload.allContainers) {
        if (ref.field === 'ephemeralContainers') continue;
        this.cachedContainers.push({
          ref,
          variables: this.variablesWith(ref.spec),
        });
      }
    }
    return this.cachedContainers;
  }

  private variablesWith(
    container: Record<string, any> | undefined,
  ): CheckVariables {
    const { workload, sources } = this;
    const related = () => this.related();
    return {
      object: workload.object,
      podTemplate: workload.podTemplate,
      podSpec: workload.podSpec,
      container,
      get related() {
        return related();
      },
      namespaceObject: sources.namespaceObject(workload.namespace),
      entity: sources.entity,
      now: sources.now,
    };
  }

  /** Variables that record whether the (missing) pod template was read. */
  private trackingVariables(): CheckVariables {
    const plain = this.variablesWith(undefined);
    const read = <T>(value: T): T => {
      this.templateRead = true;
      return value;
    };
    return {
      object: plain.object,
      get podTemplate() {
        return read(plain.podTemplate);
      },
      get podSpec() {
        return read(plain.podSpec);
      },
      get related() {
        return plain.related;
      },
      namespaceObject: plain.namespaceObject,
      entity: plain.entity,
      now: plain.now,
    };
  }
}
