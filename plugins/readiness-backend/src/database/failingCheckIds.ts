import type { ReadinessReport } from '@prodready/backstage-plugin-readiness-common';

/** The ids of the checks a report fails anywhere, sorted. */
export function failingCheckIds(report: ReadinessReport): string[] {
  const failing = new Set<string>();
  const collect = (results: ReadonlyArray<{ check: string; status: string }>) =>
    results.forEach(result => {
      if (result.status === 'fail') failing.add(result.check);
    });
  report.workloads.forEach(workload => collect(workload.results));
  report.objects.forEach(object => collect(object.results));
  if (report.entity) collect(report.entity.results);
  return [...failing].sort();
}
