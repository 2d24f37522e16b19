/**
 * The failing results of a stored scorecard, flattened for AI clients and
 * automation: one line per check and subject (workload, object or entity),
 * with the engine's message, instead of the full report of every result.
 */
import {
  CheckCatalogue,
  CheckResult,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';

export interface FailingResult {
  check: string;
  title: string;
  severity: string;
  status: 'fail' | 'error';
  /** What failed it: `Deployment shop/payments`, or `entity`. */
  subject: string;
  message: string;
}

function isFailing(
  result: CheckResult,
): result is CheckResult & { status: 'fail' | 'error' } {
  return result.status === 'fail' || result.status === 'error';
}

/** Every failing (or erroring) result of the report, entity results first. */
export function failingResults(
  report: ReadinessReport,
  catalogue: CheckCatalogue,
): FailingResult[] {
  const subjects: Array<{ subject: string; results: CheckResult[] }> = [
    ...(report.entity
      ? [{ subject: 'entity', results: report.entity.results }]
      : []),
    ...[...report.workloads, ...report.objects].map(object => ({
      subject: `${object.kind} ${object.namespace}/${object.name}`,
      results: object.results,
    })),
  ];
  return subjects.flatMap(({ subject, results }) =>
    results.filter(isFailing).map(result => ({
      check: result.check,
      title: catalogue.get(result.check)?.title ?? result.check,
      severity: result.severity,
      status: result.status,
      subject,
      message: result.message,
    })),
  );
}
