import {
  InfoCard,
  Link,
  SubvalueCell,
  Table,
  TableColumn,
  TableProps,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import DownloadIcon from '@material-ui/icons/GetApp';
import WarningIcon from '@material-ui/icons/Warning';
import type {
  OverviewRow,
  OverviewSortField,
} from '@prodready/backstage-plugin-readiness-common';
import { ReactNode, useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { OverviewQuery, readinessApiRef } from '../../api';
import { useEntityTabLinks, useOverviewFilterParams } from '../../hooks';
import { downloadTextFile } from '../../model/download';
import { workloadCount } from '../../model/drift';
import { compactEntityRef, shortRefName } from '../../model/entityRefs';
import { exportOverviewCsv } from '../../model/overviewExport';
import { formatDateTime, formatRelativeTime } from '../../model/time';
import { LevelChip } from '../LevelChip';
import { OverviewFilters } from '../OverviewFilters';

type RemoteData = Exclude<TableProps<OverviewRow>['data'], OverviewRow[]>;
type TableQuery = Parameters<RemoteData>[0];

const SEARCH_DELAY_MS = 300;
export const PAGE_SIZE = 20;

const SORTABLE: ReadonlySet<string> = new Set<OverviewSortField>([
  'title',
  'owner',
  'system',
  'score',
  'level',
  'evaluatedAt',
]);

// Backstage's table root is a flex box: without a width the table shrinks.
function PlainContainer(props: { children?: ReactNode }) {
  return <Box width="100%">{props.children}</Box>;
}

function EntityCell(props: { row: OverviewRow }) {
  const { row } = props;
  const tabLink = useEntityTabLinks();
  return (
    <SubvalueCell
      value={
        // Straight to the tab where possible: that is where the fixes are.
        <Link to={tabLink(row.entityRef)}>
          {row.title ?? shortRefName(row.entityRef)}
        </Link>
      }
      subvalue={compactEntityRef(row.entityRef)}
    />
  );
}

/** How many workloads drifted, linked to the tab that lists them. */
function DriftCell(props: { row: OverviewRow }) {
  const { row } = props;
  const tabLink = useEntityTabLinks();
  if (row.driftCount === undefined) {
    return (
      <Tooltip title="Not compared: Git and a cluster were not both read for this entity">
        <span>—</span>
      </Tooltip>
    );
  }
  if (row.driftCount === 0) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        None
      </Typography>
    );
  }
  return (
    <Link
      to={tabLink(row.entityRef)}
      aria-label={`${workloadCount(row.driftCount)} of ${
        row.title ?? shortRefName(row.entityRef)
      } drifted from Git`}
    >
      {workloadCount(row.driftCount)}
    </Link>
  );
}

const columns: TableColumn<OverviewRow>[] = [
  {
    title: 'Entity',
    field: 'title',
    highlight: true,
    width: '25%',
    render: row => <EntityCell row={row} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row =>
      row.owner ? (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ) : (
        'unowned'
      ),
  },
  {
    title: 'System',
    field: 'system',
    render: row =>
      row.system ? (
        <EntityRefLink entityRef={row.system} defaultKind="system" />
      ) : (
        '—'
      ),
  },
  { title: 'Score', field: 'score', type: 'numeric', defaultSort: 'asc' },
  {
    title: 'Level',
    field: 'level',
    render: row => <LevelChip level={row.level} size="small" />,
  },
  {
    title: 'Production ready',
    field: 'productionReady',
    sorting: false,
    render: row => (row.productionReady ? 'Yes' : 'No'),
  },
  {
    title: 'Drift',
    field: 'driftCount',
    // The API sorts by its own fields only; drifting ones are a filter.
    sorting: false,
    // "2 workloads" on one line: the column is narrow.
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => <DriftCell row={row} />,
  },
  {
    title: 'Evaluated',
    field: 'evaluatedAt',
    render: row => (
      <Tooltip
        title={
          row.stale
            ? `Some results are out of date. Evaluated ${formatDateTime(
                row.evaluatedAt,
              )}`
            : formatDateTime(row.evaluatedAt)
        }
      >
        <Typography variant="body2" component="span">
          {row.stale && (
            <WarningIcon fontSize="inherit" color="error" aria-label="stale" />
          )}{' '}
          {formatRelativeTime(row.evaluatedAt)}
        </Typography>
      </Tooltip>
    ),
  },
];

/** The table's sort as the API's, or the API's default (worst score first). */
function sortOf(query: TableQuery): Pick<OverviewQuery, 'sort' | 'order'> {
  const field = query.orderBy?.field as string | undefined;
  if (!field || !SORTABLE.has(field)) return {};
  return {
    sort: field as OverviewSortField,
    order: query.orderDirection === 'desc' ? 'desc' : 'asc',
  };
}

/**
 * Every scored entity, filtered, searched, sorted and paged by the backend,
 * so it stays fast with thousands of entities; exports all matching rows.
 */
export function EntityScoresTable(props: {
  owners: string[];
  systems: string[];
}) {
  const { owners, systems } = props;
  const readinessApi = useApi(readinessApiRef);
  const alertApi = useApi(alertApiRef);
  const tableRef = useRef<any>();
  const [filters, setFilters] = useOverviewFilterParams();
  // The search sent to the API waits for typing to pause.
  const [search, setSearch] = useState(filters.search);
  const [exporting, setExporting] = useState(false);
  // The export follows the order on screen; kept from the last page loaded.
  const lastSort = useRef<Pick<OverviewQuery, 'sort' | 'order'>>({});

  useDebounce(() => setSearch(filters.search), SEARCH_DELAY_MS, [
    filters.search,
  ]);

  const apiFilters: OverviewQuery = {
    owner: filters.owner,
    system: filters.system,
    level: filters.level,
    q: search,
    drift: filters.drift,
  };

  // The table loads its first page by itself; later filter changes start
  // again from the first page.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    tableRef.current?.onQueryChange({ page: 0 });
  }, [filters.owner, filters.system, filters.level, filters.drift, search]);

  const loadPage: RemoteData = async query => {
    const sort = sortOf(query);
    lastSort.current = sort;
    const page = await readinessApi.getOverview({
      ...apiFilters,
      ...sort,
      limit: query.pageSize,
      offset: query.page * query.pageSize,
    });
    return { data: page.items, page: query.page, totalCount: page.total };
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const csv = await exportOverviewCsv(readinessApi, {
        ...apiFilters,
        ...lastSort.current,
      });
      downloadTextFile('readiness-scores.csv', csv, 'text/csv;charset=utf-8');
    } catch (error) {
      alertApi.post({
        message: `Could not export the scores: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  return (
    <InfoCard
      title="Entities"
      subheader="Every scored entity, worst first. Open one to see what to fix."
      action={
        <Button
          variant="outlined"
          color="primary"
          startIcon={<DownloadIcon />}
          onClick={exportCsv}
          disabled={exporting}
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      }
    >
      <OverviewFilters
        values={filters}
        owners={owners}
        systems={systems}
        onChange={setFilters}
      />
      <Table<OverviewRow>
        tableRef={tableRef}
        columns={columns}
        data={loadPage}
        // The card around it is the frame; a second one would nest boxes.
        components={{ Container: PlainContainer }}
        options={{
          toolbar: false,
          search: false,
          paging: true,
          pageSize: PAGE_SIZE,
          pageSizeOptions: [20, 50, 100],
          padding: 'dense',
          emptyRowsWhenPaging: false,
        }}
        localization={{
          body: {
            emptyDataSourceMessage:
              'No scored entity matches. Clear the filters, or wait for the first evaluation.',
          },
        }}
      />
    </InfoCard>
  );
}
