import { screen } from '@testing-library/react';
import {
  customDefinitions,
  definitions,
  drift,
  entity,
  scorecard,
  scorecardWithCustomChecks,
} from '../../__testUtils__/fixtures';
import {
  clusterEntity,
  platformDefinitions,
  stagingScorecard,
} from '../../__testUtils__/platformFixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { EntityReadinessCard } from './EntityReadinessCard';

describe('EntityReadinessCard', () => {
  it('shows score, level and the top failing checks', async () => {
    await renderReadiness(<EntityReadinessCard />, { entity });

    expect(await screen.findByText('Bronze')).toBeInTheDocument();
    expect(screen.getByText('78')).toBeInTheDocument();
    expect(screen.getByText('Top failing checks')).toBeInTheDocument();
    expect(
      screen.getByText('Containers declare a liveness probe'),
    ).toBeInTheDocument();
    // Its link to the tab: plugin.test.tsx and alpha.test.tsx, in real apps.
  });

  it('says how many workloads drifted from Git, and nothing when none did', async () => {
    const { unmount } = await renderReadiness(<EntityReadinessCard />, {
      entity,
      api: { getScorecard: async () => ({ ...scorecard, drift }) },
    });
    expect(
      await screen.findByLabelText('Drift: 2 workloads differ from Git'),
    ).toHaveTextContent('Drift: 2');
    unmount();

    await renderReadiness(<EntityReadinessCard />, {
      entity,
      api: { getScorecard: async () => ({ ...scorecard, drift: [] }) },
    });
    expect(await screen.findByText('Top failing checks')).toBeInTheDocument();
    expect(screen.queryByText(/^Drift/)).not.toBeInTheDocument();
  });

  it('names a failing custom check by its title from /checks', async () => {
    await renderReadiness(<EntityReadinessCard />, {
      entity,
      api: {
        getScorecard: async () => scorecardWithCustomChecks,
        getChecks: async () => [...definitions, ...customDefinitions],
      },
    });

    expect(
      await screen.findByText('Volumes use the encrypted storage class'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Claim data uses storage class standard.'),
    ).toBeInTheDocument();
  });

  it('says the entity is not evaluated yet', async () => {
    await renderReadiness(<EntityReadinessCard />, {
      entity,
      api: { getScorecard: async () => undefined },
    });
    expect(await screen.findByText(/Not evaluated yet/)).toBeInTheDocument();
  });

  it("on a cluster's entity, shows its platform score and the missing capabilities", async () => {
    const getPlatformScorecard = jest.fn(async () => stagingScorecard);
    await renderReadiness(<EntityReadinessCard />, {
      entity: {
        ...clusterEntity,
        metadata: {
          name: 'staging',
          annotations: { 'backstage.io/kubernetes-cluster': 'staging' },
        },
      },
      api: { getPlatformScorecard, getChecks: async () => platformDefinitions },
    });

    expect(
      await screen.findByText('Missing capabilities (2)'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Score 52 of 100')).toBeInTheDocument();
    expect(screen.getByText('Platform readiness')).toBeInTheDocument();
    expect(
      screen.getByText('Velero backs up the cluster on a schedule'),
    ).toBeInTheDocument();
    expect(getPlatformScorecard).toHaveBeenCalledWith('staging');
  });

  it("says so when the backend has no scorecard for a cluster's entity", async () => {
    await renderReadiness(<EntityReadinessCard />, {
      entity: clusterEntity,
      api: { getPlatformScorecard: async () => undefined },
    });

    expect(
      await screen.findByText(
        /No platform scorecard for the cluster "prod-eu"/,
      ),
    ).toBeInTheDocument();
  });
});
