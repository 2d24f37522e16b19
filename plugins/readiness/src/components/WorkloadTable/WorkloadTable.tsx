import { SubvalueCell, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  LEVELS_ASCENDING,
  type WorkloadReport,
} from '@prodready/backstage-plugin-readiness-common';
import { LevelChip } from '../LevelChip';

interface WorkloadRow {
  id: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  file?: string;
  score: number;
  level: WorkloadReport['level'];
  failing: number;
}

const columns: TableColumn<WorkloadRow>[] = [
  { title: 'Cluster', field: 'cluster' },
  { title: 'Namespace', field: 'namespace' },
  { title: 'Kind', field: 'kind' },
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: row =>
      row.file ? (
        <SubvalueCell value={row.name} subvalue={row.file} />
      ) : (
        row.name
      ),
  },
  { title: 'Score', field: 'score', type: 'numeric', defaultSort: 'asc' },
  {
    title: 'Level',
    field: 'level',
    customSort: (a, b) =>
      LEVELS_ASCENDING.indexOf(a.level) - LEVELS_ASCENDING.indexOf(b.level),
    render: row => <LevelChip level={row.level} size="small" />,
  },
  { title: 'Failing checks', field: 'failing', type: 'numeric' },
];

/** Each workload of the entity on its own: where it runs and how it scores. */
export function WorkloadTable(props: { workloads: WorkloadReport[] }) {
  const data = props.workloads.map(workload => ({
    id: [workload.cluster, workload.namespace, workload.kind, workload.name]
      .filter(Boolean)
      .join('/'),
    cluster: workload.cluster ?? '—',
    namespace: workload.namespace,
    kind: workload.kind,
    name: workload.name,
    file: workload.file,
    score: workload.score,
    level: workload.level,
    failing: workload.results.filter(result => result.status === 'fail').length,
  }));

  return (
    <Table<WorkloadRow>
      title="Workloads"
      subtitle="Each workload is scored on its own; the entity's score covers them all."
      columns={columns}
      data={data}
      options={{
        paging: data.length > 10,
        pageSize: 10,
        search: data.length > 10,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography color="textSecondary">
            No workload was found for this entity.
          </Typography>
        </Box>
      }
    />
  );
}
