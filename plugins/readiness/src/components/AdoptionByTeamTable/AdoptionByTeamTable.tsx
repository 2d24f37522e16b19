import { LinearGauge, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { OwnerAdoption } from '@prodready/backstage-plugin-readiness-common';

// The backend's name for entities without an owner; not an entity ref.
const NO_OWNER = 'unowned';

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

const columns: TableColumn<OwnerAdoption>[] = [
  {
    title: 'Team',
    field: 'owner',
    highlight: true,
    render: row =>
      row.owner === NO_OWNER ? (
        'No owner'
      ) : (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ),
  },
  { title: 'Entities', field: 'entities', type: 'numeric' },
  {
    title: 'Production ready',
    field: 'productionReadyShare',
    defaultSort: 'asc',
    render: row => (
      <Box minWidth={120}>
        <Typography variant="body2">
          {percent(row.productionReadyShare)}
        </Typography>
        <LinearGauge value={row.productionReadyShare} />
      </Box>
    ),
  },
  { title: 'Gold', field: 'levels.gold', type: 'numeric' },
  { title: 'Silver', field: 'levels.silver', type: 'numeric' },
  { title: 'Bronze', field: 'levels.bronze', type: 'numeric' },
  { title: 'No level', field: 'levels.none', type: 'numeric' },
  { title: 'Mean score', field: 'meanScore', type: 'numeric' },
];

/**
 * How far each owning team has come: share production ready, entities per
 * level and mean score, teams furthest behind first.
 */
export function AdoptionByTeamTable(props: { adoption: OwnerAdoption[] }) {
  const { adoption } = props;
  return (
    <Table<OwnerAdoption>
      title="Adoption by team"
      subtitle="Teams furthest from production ready first."
      columns={columns}
      data={adoption.map(row => ({ ...row }))}
      options={{
        paging: adoption.length > 10,
        pageSize: 10,
        search: adoption.length > 10,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography color="textSecondary">
            No team has a scored entity yet. Scorecards appear after the
            backend's first evaluation.
          </Typography>
        </Box>
      }
    />
  );
}
