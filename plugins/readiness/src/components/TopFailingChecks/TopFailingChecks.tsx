import {
  Link,
  SubvalueCell,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  SEVERITY_WEIGHTS,
  type CheckFailureCount,
} from '@prodready/backstage-plugin-readiness-common';
import { useChecksDocsUrl } from '../../hooks';
import { categoryTitle } from '../../model/categories';
import { SeverityChip } from '../SeverityChip';

/** A failing check with what fixing it everywhere would gain. */
export interface CampaignRow extends CheckFailureCount {
  /** Score weight recovered if every failing entity fixed it. */
  impact: number;
  /** Share of all scored entities that fail it, 0–1. */
  share: number;
}

/**
 * Ranks failing checks by how much a campaign to fix them would pay off:
 * entities failing times the check's weight in the score.
 */
export function rankCampaigns(
  failures: readonly CheckFailureCount[],
  totalEntities: number,
): CampaignRow[] {
  return failures
    .map(failure => ({
      ...failure,
      impact: failure.failingEntities * SEVERITY_WEIGHTS[failure.severity],
      share: totalEntities > 0 ? failure.failingEntities / totalEntities : 0,
    }))
    .sort(
      (a, b) =>
        b.impact - a.impact ||
        b.failingEntities - a.failingEntities ||
        a.check.localeCompare(b.check),
    );
}

function CheckCell(props: { row: CampaignRow }) {
  const docsUrl = useChecksDocsUrl();
  return (
    <SubvalueCell
      // The check reference has one section per check, named by its id.
      value={<Link to={docsUrl(props.row.check)}>{props.row.title}</Link>}
      subvalue={props.row.check}
    />
  );
}

const columns: TableColumn<CampaignRow>[] = [
  {
    title: 'Check',
    field: 'title',
    highlight: true,
    width: '40%',
    render: row => <CheckCell row={row} />,
  },
  {
    title: 'Category',
    field: 'category',
    render: row => categoryTitle(row.category),
  },
  {
    title: 'Severity',
    field: 'severity',
    render: row => <SeverityChip severity={row.severity} />,
  },
  {
    title: 'Failing entities',
    field: 'failingEntities',
    type: 'numeric',
    render: row => `${row.failingEntities} (${Math.round(row.share * 100)} %)`,
  },
  { title: 'Impact', field: 'impact', type: 'numeric' },
];

/**
 * The checks failing most across the organisation: where a campaign (a
 * template change, a shared Helm chart, a policy) would pay off.
 */
export function TopFailingChecks(props: {
  failures: CheckFailureCount[];
  totalEntities: number;
}) {
  const rows = rankCampaigns(props.failures, props.totalEntities);
  return (
    <Table<CampaignRow>
      title="Where a campaign would pay off"
      subtitle="Checks failing across the organisation, ranked by entities failing × severity weight."
      columns={columns}
      data={rows}
      options={{
        paging: rows.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography color="textSecondary">
            No check fails anywhere. Nothing to campaign for.
          </Typography>
        </Box>
      }
    />
  );
}
