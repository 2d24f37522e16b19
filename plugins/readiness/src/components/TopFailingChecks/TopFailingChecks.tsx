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
  type CheckDefinition,
  type CheckFailureCount,
} from '@prodready/backstage-plugin-readiness-common';
import { useCheckDocsLink } from '../../hooks';
import { categoryTitle } from '../../model/categories';
import { SeverityChip } from '../SeverityChip';

/** A failing check with what fixing it everywhere would gain. */
export interface CampaignRow extends CheckFailureCount {
  /** Score weight recovered if every failing entity fixed it. */
  impact: number;
  /** Share of all scored entities that fail it, 0–1. */
  share: number;
  /** What `/checks` says of it; absent for an id it no longer lists. */
  definition?: CheckDefinition;
}

/**
 * Ranks failing checks by how much a campaign to fix them would pay off:
 * entities failing times the check's weight in the score. Titles and
 * categories come from the catalogue when it knows the check; an unknown
 * id (say, a custom check since removed) keeps what the backend sent, or
 * its id.
 */
export function rankCampaigns(
  failures: readonly CheckFailureCount[],
  totalEntities: number,
  definitions: readonly CheckDefinition[] = [],
): CampaignRow[] {
  const byId = new Map(definitions.map(d => [d.id, d]));
  return failures
    .map(failure => {
      const definition = byId.get(failure.check);
      return {
        ...failure,
        title: definition?.title || failure.title || failure.check,
        category: definition?.category ?? failure.category,
        definition,
        impact: failure.failingEntities * SEVERITY_WEIGHTS[failure.severity],
        share: totalEntities > 0 ? failure.failingEntities / totalEntities : 0,
      };
    })
    .sort(
      (a, b) =>
        b.impact - a.impact ||
        b.failingEntities - a.failingEntities ||
        a.check.localeCompare(b.check),
    );
}

function CheckCell(props: { row: CampaignRow }) {
  const { row } = props;
  const docsLink = useCheckDocsLink();
  const link = row.definition && docsLink(row.definition);
  return (
    <SubvalueCell
      value={link ? <Link to={link}>{row.title}</Link> : row.title}
      subvalue={row.check}
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
  /** The catalogue from `/checks`, for titles and documentation links. */
  definitions?: CheckDefinition[];
}) {
  const rows = rankCampaigns(
    props.failures,
    props.totalEntities,
    props.definitions,
  );
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
