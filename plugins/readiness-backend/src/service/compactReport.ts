/**
 * Shorter forms of a readiness report for `POST /evaluate`. A full report
 * repeats every check's result, with its message, for every workload: a
 * 5 MB input gives a report of about 190 MB, most of it passing and skipped
 * results nobody reads.
 *
 * - `compact` (the default) keeps what a caller acts on in full: the
 *   summary, each workload's score, level and counts, and every result that
 *   is not `pass` or `skip`; passing and skipped checks are listed by id.
 * - `summary` keeps the summary and, per workload, its score, level, counts
 *   and the ids of the checks it fails: the gate's verdict and where to look.
 * - `full` is the CLI's report as it is.
 */
import {
  CheckResult,
  emptyStatusCounts,
  ObjectRef,
  ReadinessReport,
  ReportSummary,
  Scored,
  StatusCounts,
} from '@prodready/backstage-plugin-readiness-common';

/** How much of the report `POST /evaluate` returns. */
export type ReportDetail = 'summary' | 'compact' | 'full';

export const REPORT_DETAILS: readonly ReportDetail[] = [
  'summary',
  'compact',
  'full',
];

/** The results of one subject, with passing and skipped checks as ids. */
export interface CompactResults {
  /** How many results of each status the subject has. */
  counts: StatusCounts;
  /** Results with status `fail`, `error` or `exempt`, in full. */
  results: CheckResult[];
  /** Ids of the checks that passed. */
  passed: string[];
  /** Ids of the checks that did not apply. */
  skipped: string[];
}

/** A report whose subjects carry `R` in place of their results. */
export interface ShortReport<D extends ReportDetail, R> {
  detail: D;
  summary: ReportSummary;
  workloads: Array<ObjectRef & Scored & R>;
  objects: Array<ObjectRef & R>;
  entity?: { ref: string } & R;
  evaluatedAt: string;
  warnings?: string[];
}

export type CompactReport = ShortReport<'compact', CompactResults>;

/** The results of one subject in the summary: counts and ids. */
export interface SummaryResults {
  counts: StatusCounts;
  /** Ids of the checks with status `fail` or `error`. */
  failing: string[];
  /** Ids of the checks with status `exempt`. */
  exempt: string[];
}

export type SummaryReport = ShortReport<'summary', SummaryResults>;

function summaryResults(results: CheckResult[]): SummaryResults {
  const counts = emptyStatusCounts();
  const failing: string[] = [];
  const exempt: string[] = [];
  for (const result of results) {
    counts[result.status]++;
    if (result.status === 'fail' || result.status === 'error') {
      failing.push(result.check);
    } else if (result.status === 'exempt') {
      exempt.push(result.check);
    }
  }
  return { counts, failing, exempt };
}

function compactResults(results: CheckResult[]): CompactResults {
  const counts = emptyStatusCounts();
  const kept: CheckResult[] = [];
  const passed: string[] = [];
  const skipped: string[] = [];
  for (const result of results) {
    counts[result.status]++;
    if (result.status === 'pass') passed.push(result.check);
    else if (result.status === 'skip') skipped.push(result.check);
    else kept.push(result);
  }
  return { counts, results: kept, passed, skipped };
}

/** Every field but `results`, in the report's own order. */
function withoutResults<T extends { results: CheckResult[] }>(
  subject: T,
): Omit<T, 'results'> {
  const { results: _results, ...rest } = subject;
  return rest;
}

function shortened<D extends ReportDetail, R>(
  report: ReadinessReport,
  detail: D,
  results: (results: CheckResult[]) => R,
): ShortReport<D, R> {
  const short: ShortReport<D, R> = {
    detail,
    summary: report.summary,
    workloads: report.workloads.map(workload => ({
      ...withoutResults(workload),
      ...results(workload.results),
    })),
    objects: report.objects.map(object => ({
      ...withoutResults(object),
      ...results(object.results),
    })),
    evaluatedAt: report.evaluatedAt,
  };
  if (report.entity) {
    short.entity = {
      ref: report.entity.ref,
      ...results(report.entity.results),
    };
  }
  if (report.warnings?.length) short.warnings = report.warnings;
  return short;
}

export function compactReport(report: ReadinessReport): CompactReport {
  return shortened(report, 'compact', compactResults);
}

export function summaryReport(report: ReadinessReport): SummaryReport {
  return shortened(report, 'summary', summaryResults);
}

/** The report at the level of detail asked for. */
export function reportAt(
  report: ReadinessReport,
  detail: ReportDetail,
): ReadinessReport | CompactReport | SummaryReport {
  if (detail === 'full') return report;
  return detail === 'summary' ? summaryReport(report) : compactReport(report);
}
