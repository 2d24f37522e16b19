import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { pdbCampaignDetail } from '../../__testUtils__/campaignFixtures';
import { CampaignBurndownChart } from './CampaignBurndownChart';

jest.mock('recharts', () =>
  require('../../__testUtils__/recharts').fixedSizeRecharts(),
);

describe('CampaignBurndownChart', () => {
  it('draws a point per day of failing entities, the ideal line and the due date', async () => {
    const { container } = await renderInTestApp(
      <CampaignBurndownChart
        burndown={pdbCampaignDetail.burndown}
        startDate="2026-11-01"
        dueDate="2027-01-31"
      />,
    );

    expect(screen.getByText('Failing')).toBeInTheDocument();
    expect(screen.getByText('Ideal')).toBeInTheDocument();
    expect(screen.getByText('Due 31 Jan')).toBeInTheDocument();
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    // Dots only on the failing line, one per day.
    expect(container.querySelectorAll('.recharts-line-dot')).toHaveLength(3);
  });
});
