import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderReadiness } from '../../__testUtils__/render';
import {
  clusterEntity,
  historyPoint,
  platformDefinitions,
  prodScorecard,
  stagingScorecard,
} from '../../__testUtils__/platformFixtures';
import { EntityReadinessContent } from '../EntityReadinessContent';

const stagingEntity = {
  ...clusterEntity,
  metadata: {
    name: 'staging-cluster',
    annotations: { 'backstage.io/kubernetes-cluster': 'staging' },
  },
};

function renderCluster(
  entity = clusterEntity,
  api: NonNullable<Parameters<typeof renderReadiness>[1]>['api'] = {},
) {
  return renderReadiness(<EntityReadinessContent />, {
    entity,
    api: {
      getChecks: async () => platformDefinitions,
      getPlatformScorecard: async cluster =>
        [prodScorecard, stagingScorecard].find(s => s.cluster === cluster),
      ...api,
    },
  });
}

describe('EntityReadinessContent on a cluster entity', () => {
  it("reads the scorecard of the cluster the entity's annotation names", async () => {
    const getPlatformScorecard = jest.fn(async () => stagingScorecard);
    const getScorecard = jest.fn();
    await renderCluster(stagingEntity, { getPlatformScorecard, getScorecard });

    expect(await screen.findByLabelText('Score 52 of 100')).toBeInTheDocument();
    expect(getPlatformScorecard).toHaveBeenCalledWith('staging');
    expect(getScorecard).not.toHaveBeenCalled();
    expect(screen.getByText('Cluster staging')).toBeInTheDocument();
    expect(screen.getByText('Not production ready')).toBeInTheDocument();
    expect(
      screen.getByText(
        '2 failing capabilities: fix them from the top, the most severe come first.',
      ),
    ).toBeInTheDocument();
  });

  it('groups capabilities by category, missing ones first', async () => {
    await renderCluster(stagingEntity);

    await screen.findByLabelText('Score 52 of 100');
    const categories = screen
      .getAllByRole('heading', { level: 3 })
      .map(heading => heading.textContent);
    // Failing categories lead; the others follow in the backend's order.
    expect(
      categories.filter(title =>
        [
          'Networking',
          'Recovery',
          'Observability',
          'Security',
          'Storage',
        ].includes(title ?? ''),
      ),
    ).toEqual([
      'Networking',
      'Recovery',
      'Observability',
      'Security',
      'Storage',
    ]);

    const recovery = screen.getByRole('region', { name: 'Recovery' });
    expect(within(recovery).getByText('0 of 1 passing')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Observability: 2 of 2 checks passing'),
    ).toBeInTheDocument();
  });

  it('says what satisfied each passing capability', async () => {
    await renderCluster();

    const recovery = await screen.findByRole('region', { name: 'Recovery' });
    const backups = within(recovery).getByRole('button', {
      name: /Velero backs up the cluster on a schedule/,
    });
    expect(
      within(backups).getByText(
        'Velero 1.14 in namespace velero, 3 schedules.',
      ),
    ).toBeInTheDocument();
    expect(within(backups).getByText('Passing')).toBeInTheDocument();
  });

  it('shows how to add a missing capability, with the command to copy and the docs', async () => {
    await renderCluster(stagingEntity);

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Velero backs up the cluster on a schedule/,
      }),
    );
    const details = await screen.findByRole('region', {
      name: /Velero backs up the cluster on a schedule/,
    });
    expect(
      within(details).getByText('Install Velero and create a backup Schedule.'),
    ).toBeInTheDocument();
    expect(
      await within(details).findByRole('button', { name: 'Copy text' }),
    ).toBeInTheDocument();
    // Highlighted as a shell command, so split into tokens: read the code.
    expect(
      within(details).getByText(
        (_, element) =>
          element?.tagName === 'CODE' &&
          element.textContent ===
            'velero schedule create daily --schedule "0 3 * * *" --ttl 720h',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', {
        name: /Read more in the check reference/,
      }),
    ).toHaveAttribute('href', expect.stringMatching(/#backup-system$/));
  });

  it('names the namespaces a failing capability is missing from', async () => {
    await renderCluster(stagingEntity);

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Every application namespace denies ingress by default/,
      }),
    );
    const details = await screen.findByRole('region', {
      name: /Every application namespace denies ingress by default/,
    });
    expect(within(details).getByText('Cluster staging')).toBeInTheDocument();
    expect(within(details).getAllByText(/Namespace shop/)).toHaveLength(1);
    expect(within(details).getAllByText(/Namespace billing/)).toHaveLength(1);
  });

  it('shows a capability provided from outside the cluster as exempt, with the reason', async () => {
    await renderCluster();

    const observability = await screen.findByRole('region', {
      name: 'Observability',
    });
    const logging = within(observability).getByRole('button', {
      name: /A DaemonSet ships container logs/,
    });
    expect(within(logging).getByText('Exempt')).toBeInTheDocument();
    expect(within(logging).getByText(/SaaS log pipeline/)).toBeInTheDocument();

    // Where it was declared, and that it does not expire.
    await userEvent.click(logging);
    const details = await screen.findByRole('region', {
      name: /A DaemonSet ships container logs/,
    });
    expect(
      within(details).getByText(
        'Exempt: SaaS log pipeline (no expiry, declared on the portal configuration, platform.provided.cluster-logging)',
      ),
    ).toBeInTheDocument();
  });

  it('warns when the scorecard is stale, with the reason', async () => {
    await renderCluster(clusterEntity, {
      getPlatformScorecard: async () => ({
        ...prodScorecard,
        stale: true,
        staleReason: 'Cluster prod-eu: connect ECONNREFUSED 10.0.0.1:443',
      }),
    });

    expect(
      await screen.findByText(
        'The latest read of the cluster failed: these are the results of the last read that worked.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Reason: Cluster prod-eu: connect ECONNREFUSED 10.0.0.1:443',
      ),
    ).toBeInTheDocument();
  });

  it("shows the cluster's score history", async () => {
    const getPlatformHistory = jest.fn(async () => [
      historyPoint('2026-10-01T00:00:00Z', 60),
      historyPoint('2026-12-01T00:00:00Z', 100, 'gold'),
    ]);
    await renderCluster(clusterEntity, { getPlatformHistory });

    expect(
      await screen.findByText(/Score up from 60 to 100 over the last 90 days/),
    ).toBeInTheDocument();
    expect(getPlatformHistory).toHaveBeenCalledWith('prod-eu', { days: 90 });
  });

  it('explains how to add the cluster when the backend has no scorecard for it', async () => {
    await renderCluster(
      { ...clusterEntity, metadata: { name: 'dev-local' } },
      { getPlatformScorecard: async () => undefined },
    );

    expect(
      await screen.findByText('No platform scorecard for this cluster'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/no platform scorecard for the cluster "dev-local"/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /^How to add a cluster/ }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(/readiness-backend\/README\.md#live-clusters$/),
    );
  });
});
