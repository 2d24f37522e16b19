import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { useCheckDocsLink } from '../../hooks';
import {
  categoryOrder,
  categoryRank,
  categoryTitle,
} from '../../model/categories';
import { isCustomCheck } from '../../model/checkDocs';
import { SeverityChip } from '../SeverityChip';

/** The title, linked to the check's documentation when it has some. */
function CheckTitle(props: { check: CheckDefinition }) {
  const docsLink = useCheckDocsLink();
  const link = docsLink(props.check);
  return link ? (
    <Link to={link}>{props.check.title}</Link>
  ) : (
    <>{props.check.title}</>
  );
}

/** Columns; categories sort in the catalogue's order, custom ones last. */
function columnsFor(
  categories: readonly string[],
): TableColumn<CheckDefinition>[] {
  return [
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
      customSort: (a, b) =>
        categoryRank(a.category, categories) -
        categoryRank(b.category, categories),
    },
    {
      title: 'Severity',
      field: 'severity',
      render: check => <SeverityChip severity={check.severity} />,
    },
    {
      title: 'Origin',
      field: 'origin',
      render: check => (isCustomCheck(check) ? 'Custom' : 'Built-in'),
      customSort: (a, b) => Number(isCustomCheck(a)) - Number(isCustomCheck(b)),
    },
    { title: 'Why it matters', field: 'rationale' },
  ];
}

/**
 * Every readiness check the portal evaluates, as the backend's `/checks`
 * lists them: the built-in catalogue and the platform team's custom checks.
 */
export function ChecksCatalog() {
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(
    () => readinessApi.getChecks(),
    [readinessApi],
  );
  const columns = useMemo(
    () => columnsFor(categoryOrder(value ?? [])),
    [value],
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
