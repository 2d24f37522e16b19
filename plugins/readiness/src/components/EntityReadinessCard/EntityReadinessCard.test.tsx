import { screen } from '@testing-library/react';
import {
  customDefinitions,
  definitions,
  entity,
  scorecardWithCustomChecks,
} from '../../__testUtils__/fixtures';
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
});
