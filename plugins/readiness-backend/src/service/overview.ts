/**
 * The adoption overview, computed from stored summaries the caller may see:
 * filtering, sorting and paging of rows, adoption per owner, and the checks
 * failed most across the organisation.
 */
import {
  CheckFailureCount,
  emptyLevelCounts,
  getCheckDefinition,
  LEVELS_ASCENDING,
  OverviewPage,
  OverviewQuery,
  OverviewRow,
  OverviewSortField,
  OwnerAdoption,
} from '@prodready/backstage-plugin-readiness-common';
import { StoredSummary } from '../database/rows';

export const DEFAULT_OVERVIEW_LIMIT = 50;
/** Owner shown for entities that name none. */
export const NO_OWNER = 'unowned';

function toRow(summary: StoredSummary): OverviewRow {
  const { failingChecks: _, staleReason: __, ...row } = summary;
  return row;
}

function compareBy(
  field: OverviewSortField,
): (a: OverviewRow, b: OverviewRow) => number {
  switch (field) {
    case 'score':
      return (a, b) => a.score - b.score;
    case 'level':
      return (a, b) =>
        LEVELS_ASCENDING.indexOf(a.level) - LEVELS_ASCENDING.indexOf(b.level);
    case 'evaluatedAt':
      return (a, b) => a.evaluatedAt.localeCompare(b.evaluatedAt);
    default:
      return (a, b) => (a[field] ?? '').localeCompare(b[field] ?? '');
  }
}

/** Filters, sorts (ties by ref, so pages are stable) and pages the rows. */
export function queryOverview(
  summaries: readonly StoredSummary[],
  query: OverviewQuery,
): OverviewPage {
  const needle = query.q?.trim().toLocaleLowerCase('en-US');
  const matches = summaries.filter(
    row =>
      (!query.owner || row.owner === query.owner) &&
      (!query.system || row.system === query.system) &&
      (!query.level || row.level === query.level) &&
      (!needle ||
        [row.entityRef, row.title, row.owner, row.system].some(value =>
          value?.toLocaleLowerCase('en-US').includes(needle),
        )),
  );
  const compare = compareBy(query.sort ?? 'score');
  const direction = query.order === 'desc' ? -1 : 1;
  const sorted = matches
    .map(toRow)
    .sort(
      (a, b) =>
        direction * compare(a, b) || a.entityRef.localeCompare(b.entityRef),
    );
  const limit = query.limit ?? DEFAULT_OVERVIEW_LIMIT;
  const offset = query.offset ?? 0;
  return {
    items: sorted.slice(offset, offset + limit),
    total: sorted.length,
    limit,
    offset,
  };
}

/** Adoption per owning team, lowest share production-ready first. */
export function adoptionByOwner(
  summaries: readonly StoredSummary[],
): OwnerAdoption[] {
  const byOwner = new Map<string, StoredSummary[]>();
  for (const summary of summaries) {
    const owner = summary.owner ?? NO_OWNER;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), summary]);
  }
  return [...byOwner]
    .map(([owner, rows]) => {
      const levels = emptyLevelCounts();
      rows.forEach(row => levels[row.level]++);
      const ready = rows.filter(row => row.productionReady).length;
      const scoreSum = rows.reduce((sum, row) => sum + row.score, 0);
      return {
        owner,
        entities: rows.length,
        levels,
        productionReadyShare: ready / rows.length,
        meanScore: Math.round(scoreSum / rows.length),
      };
    })
    .sort(
      (a, b) =>
        a.productionReadyShare - b.productionReadyShare ||
        a.owner.localeCompare(b.owner),
    );
}

/** Each check that fails somewhere, with how many entities fail it. */
export function failingChecks(
  summaries: readonly StoredSummary[],
): CheckFailureCount[] {
  const counts = new Map<string, number>();
  for (const summary of summaries) {
    for (const check of summary.failingChecks) {
      counts.set(check, (counts.get(check) ?? 0) + 1);
    }
  }
  return [...counts]
    .flatMap(([check, failingEntities]) => {
      const definition = getCheckDefinition(check);
      return definition
        ? [
            {
              check,
              title: definition.title,
              category: definition.category,
              severity: definition.severity,
              failingEntities,
            },
          ]
        : [];
    })
    .sort(
      (a, b) =>
        b.failingEntities - a.failingEntities || a.check.localeCompare(b.check),
    );
}
