import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { OrganisationTrendChart } from './OrganisationTrendChart';

jest.mock('recharts', () =>
  require('../../__testUtils__/recharts').fixedSizeRecharts(),
);

const day = (date: string, meanScore: number, share: number) => ({
  day: date,
  entities: 8,
  levels: { gold: 2, silver: 2, bronze: 3, none: 1 },
  productionReadyShare: share,
  meanScore,
});

describe('OrganisationTrendChart', () => {
  it('draws mean score and production-ready share, with a legend', async () => {
    const { container } = await renderInTestApp(
      <OrganisationTrendChart
        points={[day('2026-11-21', 70, 0.4), day('2026-11-22', 77, 0.5)]}
      />,
    );

    expect(screen.getByText('Mean score')).toBeInTheDocument();
    expect(screen.getByText('Production ready (%)')).toBeInTheDocument();
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    expect(screen.getByText('2026-11-22')).toBeInTheDocument();
  });
});
