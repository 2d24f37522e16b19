import type { ReadinessReport } from '@prodready/backstage-plugin-readiness-common';

/** The ids of the report's checks that have a result of this status, sorted. */
function checkIdsWithStatus(report: ReadinessReport, status: string): string[] {
  const found = new Set<string>();
  const collect = (results: ReadonlyArray<{ check: string; status: string }>) =>
    results.forEach(result => {
      if (result.status === status) found.add(result.check);
    });
  report.workloads.forEach(workload => collect(workload.results));
  report.objects.forEach(object => collect(object.results));
  if (report.entity) collect(report.entity.results);
  return [...found].sort();
}

/** The ids of the checks a report fails anywhere, sorted. */
export function failingCheckIds(report: ReadinessReport): string[] {
  return checkIdsWithStatus(report, 'fail');
}

/**
 * Checks the entity is exempt from somewhere and fails nowhere: a check
 * failing on one workload and exempt on another still fails.
 */
export function exemptCheckIds(report: ReadinessReport): string[] {
  const failing = new Set(failingCheckIds(report));
  return checkIdsWithStatus(report, 'exempt').filter(id => !failing.has(id));
}
