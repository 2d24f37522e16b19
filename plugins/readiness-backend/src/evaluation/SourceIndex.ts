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

const labelKey = (key: string, value: string) => `${key}\u0000${value}`;

/** The objects of one successful read of one source. */
export class SourceIndex {
  /** Cluster the source stands for, when it names one. */
  readonly cluster?: string;
  readonly objectCount: number;
  private readonly workloads: IndexedWorkload[] = [];
  private readonly workloadsByLabel = new Map<string, IndexedWorkload[]>();
  private readonly relatedByNamespace = new Map<string, SourcedObject[]>();
  // Velero Schedules live in Velero's namespace but cover others.
  private readonly schedules: SourcedObject[] = [];

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
      if (workloadKindOf(object)) {
        this.addWorkload({
          source: tagged,
          namespace,
          labels: labelsOf(object.metadata?.labels),
          podLabels: podTemplateLabels(object),
        });
      } else if (isVeleroSchedule(object)) {
        this.schedules.push(tagged);
      } else {
        const list = this.relatedByNamespace.get(namespace) ?? [];
        list.push(tagged);
        this.relatedByNamespace.set(namespace, list);
      }
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
   * What the checks consult for workloads in these namespaces: Services,
   * PDBs, HPAs, NetworkPolicies, ConfigMaps, ... and every Velero Schedule.
   */
  relatedObjects(namespaces: Iterable<string>): SourcedObject[] {
    const related: SourcedObject[] = [...this.schedules];
    for (const namespace of namespaces) {
      related.push(...(this.relatedByNamespace.get(namespace) ?? []));
    }
    return related;
  }
}
