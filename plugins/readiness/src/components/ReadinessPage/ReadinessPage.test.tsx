import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pdbCampaign } from '../../__testUtils__/campaignFixtures';
import { overviewRow } from '../../__testUtils__/fixtures';
import { platformOverview } from '../../__testUtils__/platformFixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { ReadinessPage } from './ReadinessPage';

describe('ReadinessPage', () => {
  it('opens on the overview and keeps the check catalogue a tab away', async () => {
    await renderReadiness(<ReadinessPage />);

    expect(
      screen.getByRole('heading', { name: 'Production readiness' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Adoption by team')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Checks' }));

    expect(
      await screen.findByText('Containers declare a readiness probe'),
    ).toBeInTheDocument();
  });

  it('shows the clusters side by side on the Platform tab', async () => {
    await renderReadiness(<ReadinessPage />, {
      api: { getPlatformOverview: async () => platformOverview },
    });

    await userEvent.click(screen.getByRole('tab', { name: 'Platform' }));

    expect(
      await screen.findByRole('table', { name: 'Capabilities by cluster' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Missing on staging' }),
    ).toBeInTheDocument();
  });

  it('lists the campaigns with their progress on the Campaigns tab', async () => {
    await renderReadiness(<ReadinessPage />, {
      api: { getCampaigns: async () => [pdbCampaign] },
    });

    await userEvent.click(screen.getByRole('tab', { name: 'Campaigns' }));

    expect(
      await screen.findByRole('progressbar', { name: '7 of 10 done (70 %)' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'PDB campaign' })).toHaveAttribute(
      'href',
      '/campaigns?campaign=pdb-everywhere',
    );
  });

  it('opens a link to the drifting entities with the "Only drifting" filter on', async () => {
    const getOverview = jest.fn(async () => ({
      items: [overviewRow({ driftCount: 1 })],
      total: 1,
      limit: 20,
      offset: 0,
    }));
    await renderReadiness(<ReadinessPage />, {
      api: { getOverview },
      routeEntries: ['/?drift=true'],
    });

    expect(
      await screen.findByRole('link', {
        name: '1 workload of Notification Service drifted from Git',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'Only drifting' }),
    ).toBeChecked();
    expect(getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ drift: true }),
    );
  });
});
