/**
 * The variables custom checks see, as the custom checks contract lists them.
 * Built only when custom checks run, and lazily: a workload's `related`
 * objects are gathered on first read (most rules never read them), and the
 * manifests are handed over as read, without converting them.
 */
import type { Entity } from '@backstage/catalog-model';
import { CheckVariables, RelatedObjects } from '../customChecks/types';
import { referencedConfigMapNames } from '../model/configMapRefs';
import {
  ingressBackendServiceNames,
  RelatedObject,
  RelationIndex,
} from '../model/relationIndex';
import { WorkloadRelations } from '../model/workloadRelations';
import { ContainerRef, declaredNamespace, Workload } from '../model/workloads';
import { KubeObject } from '../types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function namespacedKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

/** What an empty relation reads as: one list for all, which no check may change. */
const NO_OBJECTS: KubeObject[] = Object.freeze([]) as unknown as KubeObject[];

const objectsOf = (items: readonly RelatedObject[]): KubeObject[] =>
  items.length === 0 ? NO_OBJECTS : items.map(item => item.object);

/**
 * The object with the namespace it was evaluated in. Manifests often leave
 * `metadata.namespace` to `kubectl apply -n`, and the engine reads them in
 * the default namespace (or the CLI's `--namespace`); rules such as
 * `object.metadata.namespace != 'sandbox'` must see that namespace, as they
 * would in the cluster, rather than fail on a missing key. Objects that
 * name their namespace are handed over as read, without a copy.
 */
function withEvaluatedNamespace(
  object: KubeObject,
  namespace: string,
): KubeObject {
  if (declaredNamespace(object) !== undefined) return object;
  return { ...object, metadata: { ...object.metadata, namespace } };
}

/**
 * What the variables of one evaluation share: the entity, the time, and
 * lookups over the input built on first use.
 */
export class VariableSources {
  readonly entity: Entity | null;
  private fallbackNamespaces?: Map<string, KubeObject>;
  private ingressesByService?: Map<string, RelatedObject[]>;
  private configMapsByName?: Map<string, RelatedObject>;
  private objectVariables?: Mutable<CheckVariables>;
  /** The namespace of the object `forObject` was last called with. */
  private objectNamespace = '';

  constructor(
    readonly index: RelationIndex,
    entity: Entity | undefined,
    readonly now: Date,
  ) {
    this.entity = entity ?? null;
  }

  /** The Namespace object when it is among the inputs, else one with its name. */
  namespaceObject(name: string): KubeObject {
    let found = this.index.namespaces.get(name);
    if (!found) {
      this.fallbackNamespaces ??= new Map();
      found = this.fallbackNamespaces.get(name);
      if (!found) {
        // Shared by every object of the namespace.
        found = { metadata: { name } };
        this.fallbackNamespaces.set(name, found);
      }
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
          const entry = namespacedKey(ingress.namespace, name);
          const list = this.ingressesByService.get(entry);
          if (list) list.push(ingress);
          else this.ingressesByService.set(entry, [ingress]);
        }
      }
    }
    return this.ingressesByService.get(namespacedKey(namespace, service)) ?? [];
  }

  /** A ConfigMap of the input by namespace and name. */
  configMap(namespace: string, name: string): RelatedObject | undefined {
    if (!this.configMapsByName) {
      this.configMapsByName = new Map();
      for (const configMap of this.index.configMaps) {
        const entry = namespacedKey(configMap.namespace, configMap.name);
        if (!this.configMapsByName.has(entry)) {
          this.configMapsByName.set(entry, configMap);
        }
      }
    }
    return this.configMapsByName.get(namespacedKey(namespace, name));
  }

  /**
   * The variables of an object-scope check on one object. The same object
   * is reused for the next one: a check reads its variables during the call.
   * `namespaceObject` is looked up only when a rule reads it.
   */
  forObject(item: RelatedObject): CheckVariables {
    if (!this.objectVariables) {
      const namespaceOfObject = () =>
        this.namespaceObject(this.objectNamespace);
      this.objectVariables = {
        object: undefined,
        get namespaceObject() {
          return namespaceOfObject();
        },
        entity: this.entity,
        now: this.now,
      };
    }
    this.objectNamespace = item.namespace;
    const variables = this.objectVariables;
    // Read from the index rather than the object: see RelatedObject.
    variables.object = item.declaresNamespace
      ? item.object
      : withEvaluatedNamespace(item.object, item.namespace);
    return variables;
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

/** Ingresses that route to any of the workload's Services. */
function ingressesOf(
  relations: WorkloadRelations,
  sources: VariableSources,
): KubeObject[] {
  const found = new Set<KubeObject>();
  for (const service of relations.services) {
    for (const ingress of sources.ingressesRoutingTo(
      service.namespace,
      service.name,
    )) {
      found.add(ingress.object);
    }
  }
  return [...found];
}

/** ServiceMonitors that select any of the workload's Services. */
function serviceMonitorsOf(
  relations: WorkloadRelations,
  index: RelationIndex,
): KubeObject[] {
  const found = new Set<KubeObject>();
  for (const service of relations.services) {
    for (const monitor of index.serviceMonitorsSelecting(service)) {
      found.add(monitor.object);
    }
  }
  return [...found];
}

/** ConfigMaps of the input that the pod template references. */
function configMapsOf(
  workload: Workload,
  sources: VariableSources,
): KubeObject[] {
  const found: KubeObject[] = [];
  for (const name of referencedConfigMapNames(workload)) {
    const configMap = sources.configMap(workload.namespace, name);
    if (configMap) found.push(configMap.object);
  }
  return found;
}

type RelatedReader<K extends keyof RelatedObjects> = (
  workload: Workload,
  relations: WorkloadRelations,
  sources: VariableSources,
) => RelatedObjects[K];

/** How each entry of `related` is gathered; each only when a check reads it. */
const RELATED_READERS: { [K in keyof RelatedObjects]: RelatedReader<K> } = {
  services: (_workload, relations) => objectsOf(relations.services),
  pdbs: (_workload, relations) => objectsOf(relations.pdbs),
  hpas: (_workload, relations) =>
    relations.autoscalers.map(autoscaler => autoscaler.object.object),
  networkPolicies: (_workload, relations) =>
    objectsOf(relations.networkPolicies),
  ingresses: (_workload, relations, sources) => ingressesOf(relations, sources),
  serviceMonitors: (_workload, relations, sources) =>
    serviceMonitorsOf(relations, sources.index),
  podMonitors: (workload, _relations, sources) =>
    objectsOf(sources.index.podMonitorsFor(workload)),
  configMaps: (workload, _relations, sources) =>
    configMapsOf(workload, sources),
  serviceAccount: (workload, _relations, sources) =>
    sources.index.serviceAccount(
      workload.namespace,
      serviceAccountName(workload.podSpec),
    )?.object ?? null,
};

const RELATED_KEYS = Object.keys(RELATED_READERS) as Array<
  keyof RelatedObjects
>;

/**
 * The workload custom checks are judging, and its variables: one object for
 * workload-scope checks and one for container-scope checks (whose
 * `container` changes per container), both reused from workload to
 * workload. Evaluating thousands of workloads this way allocates nothing
 * but the verdicts; a check reads its variables during the call only.
 */
export class WorkloadSubject {
  /**
   * Set when a check read the pod template of a workload whose template
   * could not be found (see `Workload.templateError`): that check's
   * verdict is then an error, whatever the rule made of the empty template.
   */
  templateRead = false;
  private workloadValue?: Workload;
  private relations?: WorkloadRelations;
  /**
   * The entries of `related` gathered, by position in RELATED_KEYS: an
   * entry is the current workload's when its stamp is `judged`. Slots
   * rather than a Map, whose `clear()` allocates for every workload.
   */
  private readonly relatedValues: unknown[] = RELATED_KEYS.map(() => null);
  private readonly relatedStamps: number[] = RELATED_KEYS.map(() => -1);
  private judged = 0;
  private readonly plain: Mutable<CheckVariables>;
  private readonly tracking: Mutable<CheckVariables>;
  private readonly perContainer: Mutable<CheckVariables>;

  constructor(private readonly sources: VariableSources) {
    // `related` is one object whose entries are computed for the current
    // workload on first read: most rules read one or two of them, if any.
    const related = {} as RelatedObjects;
    RELATED_KEYS.forEach((key, position) => {
      Object.defineProperty(related, key, {
        enumerable: true,
        get: () => this.relatedEntry(key, position),
      });
    });
    const read = <T>(value: T): T => {
      this.templateRead = true;
      return value;
    };
    // The Namespace is looked up when a rule reads it, not per workload:
    // few rules do.
    const namespaceOfWorkload = () =>
      this.sources.namespaceObject(this.workload.namespace);
    const base = (): Mutable<CheckVariables> => ({
      object: undefined,
      podTemplate: undefined,
      podSpec: undefined,
      container: undefined,
      related,
      get namespaceObject() {
        return namespaceOfWorkload();
      },
      entity: sources.entity,
      now: sources.now,
    });
    this.plain = base();
    this.perContainer = base();
    const plain = this.plain;
    this.tracking = {
      object: undefined,
      get podTemplate() {
        return read(plain.podTemplate);
      },
      get podSpec() {
        return read(plain.podSpec);
      },
      related,
      get namespaceObject() {
        return namespaceOfWorkload();
      },
      entity: sources.entity,
      now: sources.now,
    };
  }

  /** Makes `workload` the subject of the checks that follow. */
  judge(workload: Workload, relations: WorkloadRelations): void {
    this.workloadValue = workload;
    this.relations = relations;
    this.judged++;
    const object = withEvaluatedNamespace(workload.object, workload.namespace);
    this.plain.object = object;
    this.perContainer.object = object;
    this.tracking.object = object;
    // `tracking` reads these from `plain` (its own are getters).
    this.plain.podTemplate = workload.podTemplate;
    this.plain.podSpec = workload.podSpec;
    this.perContainer.podTemplate = workload.podTemplate;
    this.perContainer.podSpec = workload.podSpec;
  }

  get workload(): Workload {
    return this.workloadValue!;
  }

  /** The variables of workload-scope checks. */
  get variables(): CheckVariables {
    return this.workload.templateError ? this.tracking : this.plain;
  }

  /**
   * The containers of the workload; container-scope checks judge
   * `containers` and `initContainers` (native sidecars included) and leave
   * out ephemeral containers, debugging sessions added to running pods.
   */
  get containers(): readonly ContainerRef[] {
    return this.workload.allContainers;
  }

  /** The variables of container-scope checks, on `container`. */
  containerVariables(container: ContainerRef): CheckVariables {
    this.perContainer.container = container.spec;
    return this.perContainer;
  }

  private relatedEntry<K extends keyof RelatedObjects>(
    key: K,
    position: number,
  ): RelatedObjects[K] {
    if (this.relatedStamps[position] === this.judged) {
      return this.relatedValues[position] as RelatedObjects[K];
    }
    const value = RELATED_READERS[key](
      this.workload,
      this.relations!,
      this.sources,
    );
    this.relatedValues[position] = value;
    this.relatedStamps[position] = this.judged;
    return value;
  }
}
