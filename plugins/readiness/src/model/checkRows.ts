/**
 * Turns a readiness report (results per workload, per object and for the
 * entity) into one row per check, which is how people read it: "is my
 * service missing readiness probes, and where?".
 */
import type {
  CheckDefinition,
  CheckResult,
  CheckStatus,
  ReadinessReport,
  Severity,
} from '@prodready/backstage-plugin-readiness-common';
import { categoryRank } from './categories';

/** What a result was evaluated on: a Kubernetes object or the catalog entity. */
export interface ResultTarget {
  kind: string;
  name: string;
  namespace?: string;
  cluster?: string;
  /** True for the catalog entity itself (operations checks). */
  isEntity: boolean;
}

/** One check's result on one target. */
export interface CheckOccurrence {
  target: ResultTarget;
  result: CheckResult;
}

/** One check across every target of the report. */
export interface CheckRow {
  id: string;
  title: string;
  /** A built-in category, a custom check's own, or `other` when unknown. */
  category: string;
  /** Effective severity (config overrides included), else the default. */
  severity: Severity;
  /** The check's verdict over all targets: failing anywhere means failing. */
  status: CheckStatus;
  /** What the result with that verdict says. */
  message: string;
  definition?: CheckDefinition;
  occurrences: CheckOccurrence[];
}

/** A category with its rows and how many of its checks pass. */
export interface CategoryGroup {
  category: string;
  rows: CheckRow[];
  passing: number;
  failing: number;
  /** Checks that applied at all (not skipped everywhere). */
  evaluated: number;
}

/** Worst first: what needs attention comes before what is fine. */
const STATUS_RANK: Record<CheckStatus, number> = {
  fail: 0,
  error: 1,
  exempt: 2,
  pass: 3,
  skip: 4,
};

const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/** Orders statuses worst first. */
export function compareStatus(a: CheckStatus, b: CheckStatus): number {
  return STATUS_RANK[a] - STATUS_RANK[b];
}

/** The verdict over several results: the worst of them. */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>(
    (worst, status) =>
      STATUS_RANK[status] < STATUS_RANK[worst] ? status : worst,
    'skip',
  );
}

/** Failing first, then by severity, then by title. */
export function compareRows(a: CheckRow, b: CheckRow): number {
  return (
    compareStatus(a.status, b.status) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.title.localeCompare(b.title)
  );
}

function* occurrencesOf(report: ReadinessReport): Generator<CheckOccurrence> {
  for (const object of [...report.workloads, ...report.objects]) {
    const target: ResultTarget = {
      kind: object.kind,
      name: object.name,
      namespace: object.namespace,
      cluster: object.cluster,
      isEntity: false,
    };
    for (const result of object.results) yield { target, result };
  }
  if (report.entity) {
    const target: ResultTarget = {
      kind: 'Entity',
      name: report.entity.ref,
      isEntity: true,
    };
    for (const result of report.entity.results) yield { target, result };
  }
}

/**
 * One row per check of the report, failing checks first. Checks the
 * definitions do not know (a newer backend) are still shown, by id.
 */
export function buildCheckRows(
  report: ReadinessReport,
  definitions: readonly CheckDefinition[],
): CheckRow[] {
  const byCheck = new Map<string, CheckOccurrence[]>();
  for (const occurrence of occurrencesOf(report)) {
    const list = byCheck.get(occurrence.result.check);
    if (list) list.push(occurrence);
    else byCheck.set(occurrence.result.check, [occurrence]);
  }
  const definitionsById = new Map(definitions.map(d => [d.id, d]));

  return [...byCheck]
    .map(([id, occurrences]) => {
      const definition = definitionsById.get(id);
      const status = worstStatus(occurrences.map(o => o.result.status));
      const representative =
        occurrences.find(o => o.result.status === status) ?? occurrences[0];
      return {
        id,
        title: definition?.title ?? id,
        category: definition?.category ?? 'other',
        severity: representative.result.severity,
        status,
        message: representative.result.message,
        definition,
        occurrences,
      };
    })
    .sort(compareRows);
}

/**
 * Rows grouped by category: categories with failing checks first, then in
 * `order` (see `categoryOrder`, which places custom checks' categories),
 * each with its failing checks first.
 */
export function groupByCategory(
  rows: readonly CheckRow[],
  order?: readonly string[],
): CategoryGroup[] {
  const groups = new Map<string, CheckRow[]>();
  for (const row of rows) {
    const list = groups.get(row.category);
    if (list) list.push(row);
    else groups.set(row.category, [row]);
  }
  return [...groups]
    .map(([category, categoryRows]) => ({
      category,
      rows: [...categoryRows].sort(compareRows),
      passing: categoryRows.filter(row => row.status === 'pass').length,
      failing: categoryRows.filter(row => row.status === 'fail').length,
      evaluated: categoryRows.filter(row => row.status !== 'skip').length,
    }))
    .sort(
      (a, b) =>
        Number(b.failing > 0) - Number(a.failing > 0) ||
        categoryRank(a.category, order) - categoryRank(b.category, order),
    );
}

/** The failing checks that matter most, for a short list. */
export function topFailingRows(
  rows: readonly CheckRow[],
  count: number,
): CheckRow[] {
  return rows
    .filter(row => row.status === 'fail')
    .sort(compareRows)
    .slice(0, count);
}

/** How to name a target in a sentence, e.g. `Deployment shop/web`. */
export function describeTarget(target: ResultTarget): string {
  if (target.isEntity) return 'Catalog entity';
  const name = target.namespace
    ? `${target.namespace}/${target.name}`
    : target.name;
  return `${target.kind} ${name}`;
}
