import {
  CheckResult,
  ReadinessReport,
  SEVERITY_WEIGHTS,
} from '@prodready/backstage-plugin-readiness-common';

const MAX_FINDINGS_PER_CHECK = 3;

interface Failure {
  subject: string;
  result: CheckResult;
}

/**
 * A readable list of the failing checks (and those that could not be
 * evaluated), most severe first, for the log of a
 * scaffolder run that missed the gate. Only names and paths: reports never
 * carry secret values.
 */
export function summariseFailures(report: ReadinessReport): string {
  const failures: Failure[] = [];
  const collect = (subject: string, results: CheckResult[]) => {
    for (const result of results) {
      // An error (a custom check's rule that could not be evaluated)
      // lowers the level like a failure, so it is listed too.
      if (result.status === 'fail' || result.status === 'error') {
        failures.push({ subject, result });
      }
    }
  };
  for (const workload of report.workloads) {
    collect(
      `${workload.kind} ${workload.namespace}/${workload.name}`,
      workload.results,
    );
  }
  for (const object of report.objects) {
    collect(
      `${object.kind} ${object.namespace}/${object.name}`,
      object.results,
    );
  }
  if (report.entity) {
    collect(report.entity.ref, report.entity.results);
  }

  failures.sort(
    (a, b) =>
      SEVERITY_WEIGHTS[b.result.severity] - SEVERITY_WEIGHTS[a.result.severity],
  );
  const lines = [`Failing checks (${failures.length}):`];
  for (const { subject, result } of failures) {
    const label =
      result.status === 'error'
        ? `${result.severity}, could not be evaluated`
        : result.severity;
    lines.push(
      `  - [${label}] ${result.check} on ${subject}: ${result.message}`,
    );
    const findings = result.findings ?? [];
    for (const finding of findings.slice(0, MAX_FINDINGS_PER_CHECK)) {
      lines.push(`      at ${finding.path}: ${finding.message}`);
    }
    if (findings.length > MAX_FINDINGS_PER_CHECK) {
      lines.push(
        `      and ${findings.length - MAX_FINDINGS_PER_CHECK} more findings`,
      );
    }
  }
  return lines.join('\n');
}
