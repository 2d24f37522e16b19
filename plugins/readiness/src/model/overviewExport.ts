/**
 * The CSV export of the adoption table: every row matching the filters, not
 * only the page on screen, fetched page by page from the backend.
 */
import type { OverviewRow } from '@prodready/backstage-plugin-readiness-common';
import type { OverviewQuery, ReadinessApi } from '../api';
import { CsvColumn, toCsv } from './csv';

/** The backend's largest page. */
export const EXPORT_PAGE_SIZE = 1000;

/** Columns of the export, in the order of the table plus what it hides. */
export const OVERVIEW_CSV_COLUMNS: readonly CsvColumn<OverviewRow>[] = [
  { header: 'Entity', value: row => row.entityRef },
  { header: 'Title', value: row => row.title },
  { header: 'Owner', value: row => row.owner },
  { header: 'System', value: row => row.system },
  { header: 'Score', value: row => row.score },
  { header: 'Level', value: row => row.level },
  { header: 'Production ready', value: row => row.productionReady },
  { header: 'Workloads', value: row => row.workloadCount },
  // Empty where Git and a cluster were not both read, 0 where they agree.
  { header: 'Drifting workloads', value: row => row.driftCount },
  { header: 'Evaluated at', value: row => row.evaluatedAt },
  { header: 'Stale', value: row => row.stale },
];

/** Every row matching the query's filters and order, over all pages. */
export async function fetchAllOverviewRows(
  api: Pick<ReadinessApi, 'getOverview'>,
  query: Omit<OverviewQuery, 'limit' | 'offset'>,
): Promise<OverviewRow[]> {
  const rows: OverviewRow[] = [];
  for (;;) {
    const page = await api.getOverview({
      ...query,
      limit: EXPORT_PAGE_SIZE,
      offset: rows.length,
    });
    rows.push(...page.items);
    // An empty page ends it too, should rows vanish between two requests.
    if (rows.length >= page.total || page.items.length === 0) return rows;
  }
}

/** The CSV text of every row matching the query. */
export async function exportOverviewCsv(
  api: Pick<ReadinessApi, 'getOverview'>,
  query: Omit<OverviewQuery, 'limit' | 'offset'>,
): Promise<string> {
  return toCsv(await fetchAllOverviewRows(api, query), OVERVIEW_CSV_COLUMNS);
}
