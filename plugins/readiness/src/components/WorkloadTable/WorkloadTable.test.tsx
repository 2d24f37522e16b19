import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { scorecard } from '../../__testUtils__/fixtures';
import { WorkloadTable } from './WorkloadTable';

describe('WorkloadTable', () => {
  it('lists each workload with cluster, namespace, kind, name, score and level, worst first', async () => {
    await renderInTestApp(
      <WorkloadTable workloads={scorecard.report.workloads} />,
    );

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(first.getByText('acme-prod')).toBeInTheDocument();
    expect(first.getByText('notifications')).toBeInTheDocument();
    expect(first.getByText('Deployment')).toBeInTheDocument();
    expect(first.getByText('notification-api')).toBeInTheDocument();
    expect(first.getByText('70')).toBeInTheDocument();
    expect(first.getByText('Bronze')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Silver')).toBeInTheDocument();
  });

  it('says when no workload was found', async () => {
    await renderInTestApp(<WorkloadTable workloads={[]} />);
    expect(
      screen.getByText('No workload was found for this entity.'),
    ).toBeInTheDocument();
  });
});
