/**
 * Drift as the scorecards table keeps it: the list as JSON text (spliced
 * into the scorecard's JSON as it is) and the number of its entries, both
 * NULL when nothing was compared.
 */
import {
  type WorkloadDrift,
  workloadDriftKey,
} from '@prodready/backstage-plugin-readiness-common';

export interface DriftColumns {
  drift: string | null;
  drift_count: number | null;
}

export function driftColumns(
  drift: readonly WorkloadDrift[] | undefined,
): DriftColumns {
  return {
    drift: drift ? JSON.stringify(drift) : null,
    drift_count: drift ? drift.length : null,
  };
}

/** The drift keys of a stored drift column; none when it is NULL. */
export function storedDriftKeys(column: unknown): string[] {
  if (typeof column !== 'string' || !column) return [];
  return (JSON.parse(column) as WorkloadDrift[]).map(workloadDriftKey);
}
