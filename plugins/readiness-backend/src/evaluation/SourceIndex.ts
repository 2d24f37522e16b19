/**
 * One source's objects, indexed once per read so that finding an entity's
 * workloads costs a map lookup rather than a scan of the cluster.
 */
import {
  CompiledSelector,
  DEFAULT_NAMESPACE,
  KubeObject,
  objectNamespace,
  selectorMatches,
  SourcedObject,
  workloadKindOf,
} from '@prodready/backstage-plugin-readiness-common';

interface IndexedWorkload {
  source: SourcedObject;
  namespace: string;
  labels: Record<string, string>;
  podLabels: Record<string, string>;
}

function labelsOf(value: unknown): Record<string, string> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, string>)
    : {};
}

function podTemplateLabels(object: KubeObject): Record<string, string> {
  const spec = object.spec ?? {};
  const template =
    object.kind === 'CronJob'
      ? spec.jobTemplate?.spec?.template
      : spec.template;
  if (object.kind === 'Pod') return labelsOf(object.metadata?.labels);
  return labelsOf(template?.metadata?.labels);
}

function isVeleroSchedule(object: KubeObject): boolean {
  return (
    object.kind === 'Schedule' &&
    typeof object.apiVersion === 'string' &&
    object.apiVersion.startsWith('velero.io/')
  );
}

/** A Namespace object: cluster-scoped, filed under its own name. */
function namespaceName(object: KubeObject): string | undefined {
  const name = object.metadata?.name;
  return object.kind === 'Namespace' &&
    object.apiVersion === 'v1' &&
    typeof name === 'string' &&
    name
    ? name
    : undefined;
}

const labelKey = (key: string, value: string) => `${key}\u0000${value}`;

/** The objects of one successful read of one source. */
export class SourceIndex {
  /** Cluster the source stands for, when it names one. */
  readonly cluster?: string;
  readonly objectCount: number;
  private readonly workloads: IndexedWorkload[] = [];
  private readonly workloadsByLabel = new Map<string, IndexedWorkload[]>();
  private readonly relatedByNamespace = new Map<string, SourcedObject[]>();
  // Velero Schedules live in Velero's namespace but cover others: by the
  // namespaces they name, or all of them (no list, or `*`).
  private readonly schedulesByNamespace = new Map<string, SourcedObject[]>();
  private readonly schedulesForAll: SourcedObject[] = [];
  // Namespaces by their own name: custom checks read the labels of their
  // workload's Namespace (`namespaceObject`).
  private readonly namespaces = new Map<string, SourcedObject>();

  constructor(
    readonly sourceId: string,
    objects: readonly SourcedObject[],
    cluster?: string,
  ) {
    this.cluster = cluster;
    this.objectCount = objects.length;
    for (const sourced of objects) {
      const object = sourced?.object;
      if (!object || typeof object !== 'object') continue;
      const tagged: SourcedObject = { ...sourced, source: sourceId };
      if (cluster && !tagged.cluster) tagged.cluster = cluster;
      const namespace = objectNamespace(object, DEFAULT_NAMESPACE);
      const ownName = namespaceName(object);
      if (ownName !== undefined) {
        this.namespaces.set(ownName, tagged);
      } else if (workloadKindOf(object)) {
        this.addWorkload({
          source: tagged,
          namespace,
          labels: labelsOf(object.metadata?.labels),
          podLabels: podTemplateLabels(object),
        });
      } else if (isVeleroSchedule(object)) {
        this.addSchedule(tagged);
      } else {
        const list = this.relatedByNamespace.get(namespace) ?? [];
        list.push(tagged);
        this.relatedByNamespace.set(namespace, list);
      }
    }
  }

  private addSchedule(schedule: SourcedObject) {
    // Velero keeps the backup spec under spec.template; hand-written
    // manifests sometimes put it directly under spec.
    const spec = schedule.object.spec ?? {};
    const included =
      spec.template?.includedNamespaces ?? spec.includedNamespaces;
    if (
      !Array.isArray(included) ||
      included.length === 0 ||
      included.includes('*')
    ) {
      this.schedulesForAll.push(schedule);
      return;
    }
    for (const namespace of new Set(included.map(String))) {
      const list = this.schedulesByNamespace.get(namespace) ?? [];
      list.push(schedule);
      this.schedulesByNamespace.set(namespace, list);
    }
  }

  private addWorkload(workload: IndexedWorkload) {
    this.workloads.push(workload);
    const keys = new Set<string>();
    for (const labels of [workload.labels, workload.podLabels]) {
      for (const [key, value] of Object.entries(labels)) {
        keys.add(labelKey(key, String(value)));
      }
    }
    for (const key of keys) {
      const list = this.workloadsByLabel.get(key) ?? [];
      list.push(workload);
      this.workloadsByLabel.set(key, list);
    }
  }

  /**
   * Workloads whose own labels or pod template labels match the selector,
   * optionally in one namespace. Starts from the smallest list of an
   * equality requirement, so `kubernetes-id` lookups touch only their hits.
   */
  workloadsMatching(
    selector: CompiledSelector,
    namespace?: string,
  ): SourcedObject[] {
    if (selector.matchesNothing) return [];
    let candidates: IndexedWorkload[] = this.workloads;
    for (const [key, value] of selector.equals) {
      const hits = this.workloadsByLabel.get(labelKey(key, value)) ?? [];
      if (hits.length < candidates.length) candidates = hits;
    }
    return candidates
      .filter(
        workload =>
          (!namespace || workload.namespace === namespace) &&
          (selectorMatches(selector, workload.labels) ||
            selectorMatches(selector, workload.podLabels)),
      )
      .map(workload => workload.source);
  }

  /**
   * What the checks consult for workloads in these namespaces: the
   * Namespaces themselves, Services, PDBs, HPAs, NetworkPolicies,
   * ConfigMaps, ... and the Velero Schedules that may cover them (the
   * engine applies their exclusions).
   */
  relatedObjects(namespaces: Iterable<string>): SourcedObject[] {
    const related: SourcedObject[] = [...this.schedulesForAll];
    const schedules = new Set<SourcedObject>();
    for (const namespace of namespaces) {
      const own = this.namespaces.get(namespace);
      if (own) related.push(own);
      related.push(...(this.relatedByNamespace.get(namespace) ?? []));
      this.schedulesByNamespace.get(namespace)?.forEach(s => schedules.add(s));
    }
    related.push(...schedules);
    return related;
  }
}
