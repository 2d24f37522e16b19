/**
 * Words for drift between Git and a cluster, shared by the entity tab, the
 * card and the overview so that they all say the same thing.
 */
import type { WorkloadDrift } from '@prodready/backstage-plugin-readiness-common';

/** A drifting workload's state, as a developer would say it. */
export const DRIFT_STATE_LABELS: Readonly<
  Record<WorkloadDrift['state'], string>
> = {
  changed: 'differs from Git',
  'only-in-git': 'in Git, not running',
  'only-live': 'running, not in Git',
};

/** "1 workload", "2 workloads". */
export function workloadCount(count: number): string {
  return `${count} ${count === 1 ? 'workload' : 'workloads'}`;
}
