import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { CampaignOwnerProgress } from '@prodready/backstage-plugin-readiness-common';
import { doneShare } from '../../model/campaigns';
import { CampaignProgress } from '../CampaignProgress';

const columns: TableColumn<CampaignOwnerProgress>[] = [
  {
    title: 'Team',
    field: 'owner',
    highlight: true,
    render: row =>
      row.owner === '' ? (
        'No owner'
      ) : (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ),
  },
  { title: 'In scope', field: 'inScope', type: 'numeric' },
  { title: 'Passing', field: 'passing', type: 'numeric' },
  { title: 'Failing', field: 'failing', type: 'numeric', defaultSort: 'desc' },
  { title: 'Exempt', field: 'exempt', type: 'numeric' },
  {
    title: 'Progress',
    sorting: true,
    customSort: (a, b) => doneShare(a) - doneShare(b),
    render: row => <CampaignProgress tally={row} />,
  },
];

/** A campaign's progress per owning team, teams with most failing first. */
export function CampaignOwnersTable(props: {
  owners: CampaignOwnerProgress[];
}) {
  const { owners } = props;
  return (
    <Table<CampaignOwnerProgress>
      title="Teams"
      subtitle="Teams with the most entities still failing first."
      columns={columns}
      data={owners.map(row => ({ ...row }))}
      options={{
        paging: owners.length > 10,
        pageSize: 10,
        search: owners.length > 10,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography color="textSecondary">
            No entity you may see is in this campaign's scope.
          </Typography>
        </Box>
      }
    />
  );
}
