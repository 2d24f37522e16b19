import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  readinessSourcesReadPermission,
  type SourceHealth,
} from '@prodready/backstage-plugin-readiness-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';

function formatTime(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

function HealthStatus(props: { source: SourceHealth }) {
  const { source } = props;
  if (!source.healthy) return <StatusError>Failing</StatusError>;
  if (source.warnings.length > 0)
    return <StatusWarning>Warnings</StatusWarning>;
  return <StatusOK>Healthy</StatusOK>;
}

function Problems(props: { source: SourceHealth }) {
  const lines = [...props.source.errors, ...props.source.warnings];
  if (lines.length === 0) return <>—</>;
  return (
    <>
      {lines.map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
    </>
  );
}

const columns: TableColumn<SourceHealth>[] = [
  { title: 'Source', field: 'source', highlight: true },
  {
    title: 'Health',
    field: 'healthy',
    render: source => <HealthStatus source={source} />,
  },
  {
    title: 'Latest read',
    field: 'lastRunAt',
    render: source => formatTime(source.lastRunAt),
  },
  {
    title: 'Last success',
    field: 'lastSuccessAt',
    render: source => formatTime(source.lastSuccessAt),
  },
  {
    title: 'Objects',
    field: 'objectCount',
    type: 'numeric',
  },
  {
    title: 'Took',
    field: 'durationMs',
    type: 'numeric',
    render: source => `${(source.durationMs / 1000).toFixed(1)} s`,
  },
  {
    title: 'Errors and warnings',
    sorting: false,
    render: source => <Problems source={source} />,
  },
];

function SourceHealthList() {
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(
    () => readinessApi.getSourceHealth(),
    [readinessApi],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No source has been read yet"
        description="Sources are read at the start of each evaluation cycle. Configure clusters under kubernetes, or folders under readiness.sources."
      />
    );
  }
  return (
    <Table
      title="Workload sources"
      subtitle="How each cluster and folder fared at its latest read. A failing source keeps feeding its last good objects; the scorecards using them are marked stale."
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value.map(source => ({ ...source }))}
    />
  );
}

/**
 * The health of the workload sources, for administrators: which cluster
 * failed when, and why. Needs `readiness.sources.read`.
 */
export function SourceHealthTable() {
  const { loading, allowed } = usePermission({
    permission: readinessSourcesReadPermission,
  });
  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <EmptyState
        missing="info"
        title="Source health is for administrators"
        description="Seeing which clusters and folders the readiness plugin reads, and their errors, needs the readiness.sources.read permission."
      />
    );
  }
  return <SourceHealthList />;
}
