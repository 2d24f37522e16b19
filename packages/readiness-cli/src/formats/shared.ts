import {
  CheckResult,
  CheckStatus,
  emptyStatusCounts,
  getCheckDefinition,
  ObjectRef,
  ReadinessLevel,
  Severity,
} from '@prodready/backstage-plugin-readiness-common';
import type { FormatContext } from './types';

/** A workload, another object with results of its own, or the entity. */
export interface Subject {
  type: 'workload' | 'object' | 'entity';
  /** `Deployment shop/web` or `Entity component:default/web`. */
  title: string;
  /** The object's kind, namespace and name (absent for the entity). */
  ref?: ObjectRef;
  file?: string;
  line?: number;
  score?: number;
  level?: ReadinessLevel;
  results: CheckResult[];
}

const STATUS_RANK: Record<CheckStatus, number> = {
  fail: 0,
  error: 1,
  exempt: 2,
  skip: 3,
  pass: 4,
};

const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/** `Deployment shop/web`. */
export function objectTitle(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** Every workload, object and the entity of a report, in report order. */
export function subjectsOf(context: FormatContext): Subject[] {
  const { report } = context;
  const subjects: Subject[] = [];
  for (const workload of report.workloads) {
    subjects.push({
      type: 'workload',
      title: objectTitle(workload),
      ref: workload,
      file: workload.file,
      line: context.lineOf(workload),
      score: workload.score,
      level: workload.level,
      results: workload.results,
    });
  }
  for (const object of report.objects) {
    subjects.push({
      type: 'object',
      title: objectTitle(object),
      ref: object,
      file: object.file,
      line: context.lineOf(object),
      results: object.results,
    });
  }
  if (report.entity) {
    subjects.push({
      type: 'entity',
      title: `Entity ${report.entity.ref}`,
      file: context.entitySource?.file,
      line: context.entitySource?.line,
      results: report.entity.results,
    });
  }
  return subjects;
}

/** Failing first, then errors, exemptions, skips and passes; worst severity first. */
export function sortResults(results: readonly CheckResult[]): CheckResult[] {
  return [...results].sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
}

/** Compares severities, worst first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** Results that need attention: failed, errored or exempted. */
export function isNotable(result: CheckResult): boolean {
  return (
    result.status === 'fail' ||
    result.status === 'error' ||
    result.status === 'exempt'
  );
}

/** Counts of a subject's results by status. */
export function countStatuses(
  results: readonly CheckResult[],
): Record<CheckStatus, number> {
  const counts = emptyStatusCounts();
  for (const result of results) {
    counts[result.status]++;
  }
  return counts;
}

/** `12 passed, 2 failed, 3 skipped` (zero counts left out). */
export function describeCounts(counts: Record<CheckStatus, number>): string {
  const parts: string[] = [];
  const add = (n: number, word: string) => {
    if (n > 0) parts.push(`${n} ${word}`);
  };
  add(counts.pass, 'passed');
  add(counts.fail, 'failed');
  add(counts.error, counts.error === 1 ? 'error' : 'errors');
  add(counts.exempt, 'exempt');
  add(counts.skip, 'skipped');
  return parts.length > 0 ? parts.join(', ') : 'no results';
}

/** Link to a check's reference documentation. */
export function docsLink(context: FormatContext, checkId: string): string {
  const anchor = getCheckDefinition(checkId)?.docsAnchor ?? checkId;
  return `${context.docsUrl}#${anchor}`;
}

/** `deploy/web.yaml:12`, `deploy/web.yaml` or undefined. */
export function locationOf(subject: {
  file?: string;
  line?: number;
}): string | undefined {
  if (!subject.file) return undefined;
  return subject.line === undefined
    ? subject.file
    : `${subject.file}:${subject.line}`;
}

/** The exemption of an exempt result in words: `reason (until 2026-12-31)`. */
export function describeExemption(result: CheckResult): string | undefined {
  if (!result.exemption) return undefined;
  const { reason, until } = result.exemption;
  return until ? `${reason} (until ${until})` : reason;
}
