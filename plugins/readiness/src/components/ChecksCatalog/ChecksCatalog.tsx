import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';

const columns: TableColumn<CheckDefinition>[] = [
  { title: 'Check', field: 'title', highlight: true },
  { title: 'Id', field: 'id' },
  { title: 'Category', field: 'category' },
  { title: 'Severity', field: 'severity' },
  { title: 'Why it matters', field: 'rationale' },
];

/** Every readiness check the portal evaluates, with why it matters. */
export function ChecksCatalog() {
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(
    () => readinessApi.getChecks(),
    [readinessApi],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <Table
      title="Readiness checks"
      options={{ paging: false, search: true, padding: 'dense' }}
      columns={columns}
      data={value ?? []}
    />
  );
}
