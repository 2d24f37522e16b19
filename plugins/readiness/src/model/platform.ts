/**
 * Platform readiness, read the way a platform lead reads it: one row per
 * capability (platform check), grouped by category, and per cluster what
 * is missing.
 */
import type {
  CheckDefinition,
  CheckStatus,
  PlatformClusterRow,
  PlatformOverview,
  PlatformReport,
} from '@prodready/backstage-plugin-readiness-common';
import { type CheckRow, compareRows } from './checkRows';

/**
 * Categories in the order their first check appears: the backend lists
 * platform checks in the order the spec reads them (observability first),
 * which is not the workload catalogue's.
 */
export function categoriesInOrderOf(
  definitions: readonly CheckDefinition[],
): string[] {
  return [...new Set(definitions.map(definition => definition.category))];
}

/**
 * One row per result of a platform report, failing first. Each result is
 * the check's verdict on the whole cluster, so it is the row's only
 * occurrence. Checks the definitions do not know are shown by id.
 */
export function buildPlatformRows(
  report: PlatformReport,
  definitions: readonly CheckDefinition[],
): CheckRow[] {
  const definitionsById = new Map(definitions.map(d => [d.id, d]));
  const target = {
    kind: 'Cluster',
    name: report.cluster.name,
    isEntity: false,
  };
  return report.cluster.results
    .map(result => {
      const definition = definitionsById.get(result.check);
      return {
        id: result.check,
        title: definition?.title ?? result.check,
        category: definition?.category ?? 'other',
        severity: result.severity,
        status: result.status,
        message: result.message,
        definition,
        occurrences: [{ target, result }],
      };
    })
    .sort(compareRows);
}

/** Capabilities a cluster lacks: its failing checks. */
export function missingCapabilities(cluster: PlatformClusterRow): string[] {
  return Object.entries(cluster.statuses)
    .filter(([, status]) => status === 'fail')
    .map(([check]) => check);
}

/** One capability across the clusters, in the order of the columns. */
export interface MatrixRow {
  id: string;
  title: string;
  definition?: CheckDefinition;
  /** Undefined where a cluster has no result for the check (evaluated before it existed). */
  statuses: (CheckStatus | undefined)[];
}

/** The capabilities of one category. */
export interface MatrixGroup {
  category: string;
  rows: MatrixRow[];
}

/**
 * The capabilities × clusters matrix: rows in catalogue order grouped by
 * category, a status per cluster column. A check some cluster has a result
 * for but the catalogue lacks (a newer backend) still gets a row.
 */
export function buildMatrix(overview: PlatformOverview): MatrixGroup[] {
  const known = new Set(overview.checks.map(check => check.id));
  const unknownIds = [
    ...new Set(
      overview.clusters.flatMap(cluster => Object.keys(cluster.statuses)),
    ),
  ].filter(id => !known.has(id));

  const rows: Array<MatrixRow & { category: string }> = [
    ...overview.checks.map(definition => ({
      id: definition.id,
      title: definition.title,
      category: definition.category,
      definition,
    })),
    ...unknownIds.map(id => ({ id, title: id, category: 'other' })),
  ].map(row => ({
    ...row,
    statuses: overview.clusters.map(cluster => cluster.statuses[row.id]),
  }));

  const groups = new Map<string, MatrixRow[]>();
  for (const { category, ...row } of rows) {
    const list = groups.get(category);
    if (list) list.push(row);
    else groups.set(category, [row]);
  }
  return [...groups].map(([category, groupRows]) => ({
    category,
    rows: groupRows,
  }));
}
