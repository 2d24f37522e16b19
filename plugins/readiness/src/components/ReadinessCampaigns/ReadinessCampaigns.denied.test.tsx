import { screen } from '@testing-library/react';
import {
  pdbCampaign,
  pdbCampaignDetail,
} from '../../__testUtils__/campaignFixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { ReadinessCampaigns } from './ReadinessCampaigns';

jest.mock('recharts', () =>
  require('../../__testUtils__/recharts').fixedSizeRecharts(),
);

// A file of its own: usePermission keeps its answer per permission across
// the renders of one test file.
describe('ReadinessCampaigns without readiness.campaign.manage', () => {
  it('offers no way to start a campaign', async () => {
    await renderReadiness(<ReadinessCampaigns />, {
      api: { getCampaigns: async () => [pdbCampaign] },
      mayRefresh: false,
    });
    expect(await screen.findByText('PDB campaign')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'New campaign' }),
    ).not.toBeInTheDocument();
  });

  it('offers neither edit nor delete on a campaign made through the API', async () => {
    await renderReadiness(<ReadinessCampaigns />, {
      api: {
        getCampaign: async () => ({ ...pdbCampaignDetail, origin: 'api' }),
      },
      routeEntries: ['/readiness/campaigns?campaign=pdb-everywhere'],
      mayRefresh: false,
    });
    expect(
      await screen.findByText('Defined through the API'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();
  });
});
