import { screen } from '@testing-library/react';
import { renderReadiness } from '../../__testUtils__/render';
import { describeTrend, OrganisationTrendCard } from './OrganisationTrendCard';

const day = (date: string, meanScore: number, share: number) => ({
  day: date,
  entities: 8,
  levels: { gold: 2, silver: 2, bronze: 3, none: 1 },
  productionReadyShare: share,
  meanScore,
});

describe('OrganisationTrendCard', () => {
  it('loads 90 days and says where the organisation stands', async () => {
    const getOrganisationTrend = jest.fn(async () => [
      day('2026-09-01', 61, 0.25),
      day('2026-11-22', 77, 0.5),
    ]);
    await renderReadiness(<OrganisationTrendCard />, {
      api: { getOrganisationTrend },
    });

    expect(
      await screen.findByText(
        '50 % of 8 entities production ready, mean score 77; 25 % and 61 on 2026-09-01.',
      ),
    ).toBeInTheDocument();
    expect(getOrganisationTrend).toHaveBeenCalledWith({ days: 90 });
  });

  it('explains an empty trend', () => {
    expect(describeTrend([])).toMatch(/after the first evaluation/);
  });
});
