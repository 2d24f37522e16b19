import { Link, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type {
  CampaignSummary,
  CheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import {
  CAMPAIGN_STATUS_LABELS,
  dayToTime,
  doneShare,
  formatCampaignDay,
} from '../../model/campaigns';
import { CampaignChecks } from '../CampaignChecks';
import { CampaignProgress } from '../CampaignProgress';
import { CampaignStatusChip } from '../CampaignStatusChip';

// Overdue first: what needs a push now, then what runs, then the rest.
const STATUS_RANK = { overdue: 0, running: 1, scheduled: 2, completed: 3 };

function columnsFor(
  definitions: CheckDefinition[],
  linkTo: (campaignId: string) => string,
): TableColumn<CampaignSummary>[] {
  return [
    {
      title: 'Campaign',
      field: 'title',
      highlight: true,
      render: campaign => (
        <>
          <Link to={linkTo(campaign.id)}>{campaign.title}</Link>
          <Typography variant="body2" color="textSecondary">
            {campaign.id}
          </Typography>
        </>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      defaultSort: 'asc',
      customSort: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status],
      render: campaign => <CampaignStatusChip status={campaign.status} />,
      customFilterAndSearch: (term, campaign) =>
        CAMPAIGN_STATUS_LABELS[campaign.status]
          .toLowerCase()
          .includes(String(term).toLowerCase()),
    },
    {
      title: 'Due',
      field: 'dueDate',
      customSort: (a, b) => dayToTime(a.dueDate) - dayToTime(b.dueDate),
      render: campaign =>
        formatCampaignDay(campaign.dueDate, { withYear: true }),
    },
    {
      title: 'Progress',
      field: 'progress',
      customSort: (a, b) => doneShare(a.progress) - doneShare(b.progress),
      render: campaign => <CampaignProgress tally={campaign.progress} />,
    },
    {
      title: 'Checks',
      field: 'checks',
      sorting: false,
      render: campaign => (
        <CampaignChecks checks={campaign.checks} definitions={definitions} />
      ),
    },
  ];
}

/** Every campaign with its status, due date, progress and checks. */
export function CampaignsList(props: {
  campaigns: CampaignSummary[];
  definitions: CheckDefinition[];
  linkTo: (campaignId: string) => string;
}) {
  const { campaigns, definitions, linkTo } = props;
  return (
    <Table<CampaignSummary>
      title="Campaigns"
      subtitle="Pushes to get a set of checks passing across part of the catalog by a due date. Open one for its teams and burndown."
      columns={columnsFor(definitions, linkTo)}
      data={campaigns.map(campaign => ({ ...campaign }))}
      options={{
        paging: campaigns.length > 20,
        pageSize: 20,
        search: campaigns.length > 5,
        padding: 'dense',
      }}
    />
  );
}
