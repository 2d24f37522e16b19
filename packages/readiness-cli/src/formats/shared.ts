import {
  CheckResult,
  CheckStatus,
  emptyStatusCounts,
  Finding,
  ObjectRef,
  ReadinessLevel,
  Severity,
} from '@prodready/backstage-plugin-readiness-common';
import { definitionOf, isCustomCheck } from './customChecks';
import type { FormatContext } from './types';

/** A workload, another object with results of its own, the entity, or a cluster. */
export interface Subject {
  type: 'workload' | 'object' | 'entity' | 'cluster';
  /** `Deployment shop/web`, `Entity component:default/web` or `Cluster prod-eu`. */
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

/** `Deployment shop/web`; `Namespace shop` for a cluster-scoped object. */
export function objectTitle(ref: ObjectRef): string {
  return ref.namespace
    ? `${ref.kind} ${ref.namespace}/${ref.name}`
    : `${ref.kind} ${ref.name}`;
}

/** Every workload, object and the entity of a report, in report order. */
export function subjectsOf(context: FormatContext): Subject[] {
  const { report } = context;
  const subjects: Subject[] = [];
  if (context.cluster) {
    // A platform report scores the cluster as one subject.
    subjects.push({
      type: 'cluster',
      title: `Cluster ${context.cluster.name}`,
      file: context.cluster.file,
      score: report.summary.score,
      level: report.summary.level,
      results: context.cluster.results,
    });
  }
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

/**
 * Link to a check's documentation: its entry in the check reference for a
 * built-in check; a custom check's own `docsUrl`, or none (the reference
 * does not know it).
 */
export function docsLink(
  context: FormatContext,
  checkId: string,
): string | undefined {
  const definition = definitionOf(context, checkId);
  if (isCustomCheck(definition)) {
    return definition.docsUrl;
  }
  return `${context.docsUrl}#${definition?.docsAnchor ?? checkId}`;
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

/**
 * The exemption of an exempt result in words: `reason (until 2026-12-31)`,
 * or `reason (exemptions[3], until 2026-12-31)` for a config entry.
 */
export function describeExemption(result: CheckResult): string | undefined {
  if (!result.exemption) return undefined;
  const { reason, until, configKey } = result.exemption;
  const notes = [configKey, until && `until ${until}`].filter(Boolean);
  return notes.length > 0 ? `${reason} (${notes.join(', ')})` : reason;
}

/** Where a finding points: its own object's file, at the field's line. */
export function findingLocation(
  context: FormatContext,
  subject: Subject,
  finding: Finding | undefined,
): { file?: string; line?: number } {
  if (!finding) {
    return { file: subject.file, line: subject.line };
  }
  const related = finding.object;
  if (related) {
    const file = related.file ?? subject.file;
    const line =
      context.fieldLineOf?.(related, finding.path) ?? context.lineOf(related);
    return { file, line };
  }
  if (!subject.ref) {
    return { file: subject.file, line: subject.line };
  }
  return {
    file: subject.file,
    line: context.fieldLineOf?.(subject.ref, finding.path) ?? subject.line,
  };
}

/** `deploy/pdb.yaml:4` when a finding is located elsewhere than its subject. */
export function findingLocationNote(
  context: FormatContext,
  subject: Subject,
  finding: Finding,
): string | undefined {
  if (!finding.object) return undefined;
  const location = findingLocation(context, subject, finding);
  const where = locationOf(location);
  return where
    ? `${objectTitle(finding.object)} at ${where}`
    : objectTitle(finding.object);
}

/** The severity whose failures hold a report at each level below gold. */
const BLOCKING_SEVERITY: Record<ReadinessLevel, Severity | undefined> = {
  none: 'critical',
  bronze: 'high',
  silver: 'medium',
  gold: undefined,
};

/**
 * What caused the report's level, in words:
 * `readiness-probe (critical) fails in Deployment shop/loadgen and 3 more`.
 * Undefined at gold.
 */
export function describeLevelCause(context: FormatContext): string | undefined {
  const severity = BLOCKING_SEVERITY[context.report.summary.level];
  if (!severity) return undefined;
  let first: { check: string; status: CheckStatus; title: string } | undefined;
  let more = 0;
  for (const subject of subjectsOf(context)) {
    for (const result of subject.results) {
      if (
        result.severity !== severity ||
        (result.status !== 'fail' && result.status !== 'error')
      ) {
        continue;
      }
      if (first) {
        more++;
      } else {
        first = {
          check: result.check,
          status: result.status,
          title: subject.title,
        };
      }
    }
  }
  if (!first) return undefined;
  const verb =
    first.status === 'fail' ? 'fails in' : 'could not be evaluated in';
  return `${first.check} (${severity}) ${verb} ${first.title}${
    more > 0 ? ` and ${more} more` : ''
  }`;
}
