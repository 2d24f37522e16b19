/**
 * Drift: where a workload running in a cluster differs from its manifests
 * in Git, in the fields readiness depends on.
 */

/** One field that differs. @public */
export interface DriftDifference {
  /**
   * What differs, e.g. `replicas`, `hpa.maxReplicas`,
   * `containers[web].resources.limits.memory`, `containers[web].image`,
   * `podDisruptionBudget`, `networkPolicy`.
   */
  field: string;
  /** The value in Git, as text; absent when Git does not set it. */
  git?: string;
  /** The value in the cluster, as text; absent when it is not set there. */
  live?: string;
  /** One sentence, e.g. "live Deployment web runs 1 replica, Git says 3". */
  message: string;
}

/** A workload whose Git and live versions differ. @public */
export interface WorkloadDrift {
  kind: string;
  namespace: string;
  name: string;
  /** The cluster the live version was read from, when known. */
  cluster?: string;
  /**
   * `changed`: in both, with differences; `only-in-git`: not running in the
   * cluster; `only-live`: running but not in Git.
   */
  state: 'changed' | 'only-in-git' | 'only-live';
  differences: DriftDifference[];
}

/**
 * One drifting workload in one cluster, as text: what the backend compares
 * to tell newly drifting workloads and the UI keys its list by.
 *
 * @public
 */
export function workloadDriftKey(drift: WorkloadDrift): string {
  return `${drift.cluster ?? ''}|${drift.kind}/${drift.namespace}/${
    drift.name
  }`;
}
