import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { drift } from '../../__testUtils__/fixtures';
import { DriftFromGit } from './DriftFromGit';

describe('DriftFromGit', () => {
  it('groups the differences by workload, with namespace, cluster and state in words', async () => {
    await renderInTestApp(<DriftFromGit drift={drift} />);

    const api = screen.getByRole('region', {
      name: 'Deployment notification-api',
    });
    expect(
      within(api).getByRole('heading', { name: 'Deployment notification-api' }),
    ).toBeInTheDocument();
    expect(
      within(api).getByText('namespace notifications'),
    ).toBeInTheDocument();
    expect(
      within(api).getByLabelText('Cluster: acme-prod'),
    ).toBeInTheDocument();
    expect(within(api).getByText('differs from Git')).toBeInTheDocument();
    expect(
      within(api).getByText(
        'live Deployment notification-api runs 1 replica, Git says 3',
      ),
    ).toBeInTheDocument();
    expect(
      within(api).getByText(
        'Deployment notification-api container api memory limit: the cluster has 1Gi, Git says 512Mi',
      ),
    ).toBeInTheDocument();

    const debug = screen.getByRole('region', {
      name: 'Deployment notification-debug',
    });
    expect(within(debug).getByText('running, not in Git')).toBeInTheDocument();
    expect(
      within(debug).getByText(
        'the cluster runs Deployment notification-debug, Git does not have it',
      ),
    ).toBeInTheDocument();
  });

  it('shows the value in Git and the live one under each changed field', async () => {
    await renderInTestApp(<DriftFromGit drift={drift} />);

    const api = screen.getByRole('region', {
      name: 'Deployment notification-api',
    });
    const [replicas, memory] = within(api).getAllByRole('listitem');
    expect(replicas).toHaveTextContent('Git: 3 · live: 1');
    expect(memory).toHaveTextContent('Git: 512Mi · live: 1Gi');
    // A workload missing on one side has no "present"/"not set" to show.
    const debug = screen.getByRole('region', {
      name: 'Deployment notification-debug',
    });
    expect(within(debug).queryByText(/Git:/)).not.toBeInTheDocument();
  });

  it('says when a side does not set the field, and words a workload only in Git', async () => {
    await renderInTestApp(
      <DriftFromGit
        drift={[
          {
            kind: 'StatefulSet',
            namespace: 'data',
            name: 'ledger',
            state: 'changed',
            differences: [
              {
                field: 'containers[db].resources.limits.cpu',
                live: '2',
                message:
                  'StatefulSet ledger container db cpu limit: the cluster has 2, Git sets none',
              },
            ],
          },
          {
            kind: 'Deployment',
            namespace: 'data',
            name: 'exporter',
            state: 'only-in-git',
            differences: [
              {
                field: 'workload',
                git: 'present',
                message:
                  'Git has Deployment exporter, the cluster does not run it',
              },
            ],
          },
        ]}
      />,
    );

    const ledger = screen.getByRole('region', { name: 'StatefulSet ledger' });
    expect(within(ledger).getByRole('listitem')).toHaveTextContent(
      'Git: not set · live: 2',
    );
    // The cluster is unknown: no chip naming one.
    expect(
      within(ledger).queryByLabelText(/^Cluster:/),
    ).not.toBeInTheDocument();
    const exporter = screen.getByRole('region', {
      name: 'Deployment exporter',
    });
    expect(
      within(exporter).getByText('in Git, not running'),
    ).toBeInTheDocument();
  });
});
