import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { useChecksDocsUrl } from '../../hooks';
import { categoryRank, categoryTitle } from '../../model/categories';
import { SeverityChip } from '../SeverityChip';

function CheckTitle(props: { check: CheckDefinition }) {
  const docsUrl = useChecksDocsUrl();
  return <Link to={docsUrl(props.check.docsAnchor)}>{props.check.title}</Link>;
}

const columns: TableColumn<CheckDefinition>[] = [
  {
    title: 'Check',
    field: 'title',
    highlight: true,
    render: check => <CheckTitle check={check} />,
  },
  { title: 'Id', field: 'id' },
  {
    title: 'Category',
    field: 'category',
    render: check => categoryTitle(check.category),
    customSort: (a, b) => categoryRank(a.category) - categoryRank(b.category),
  },
  {
    title: 'Severity',
    field: 'severity',
    render: check => <SeverityChip severity={check.severity} />,
  },
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
      subtitle="The invariants every service is scored against. Open a check for how to meet it."
      options={{ paging: false, search: true, padding: 'dense' }}
      columns={columns}
      data={(value ?? []).map(check => ({ ...check }))}
    />
  );
}
