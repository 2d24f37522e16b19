import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  overdueCampaign,
  pdbCampaign,
  pdbCampaignDetail,
} from '../../__testUtils__/campaignFixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { ReadinessCampaigns } from './ReadinessCampaigns';

jest.mock('recharts', () =>
  require('../../__testUtils__/recharts').fixedSizeRecharts(),
);

describe('ReadinessCampaigns', () => {
  it('lists each campaign with its status, due date, progress and checks, overdue first', async () => {
    await renderReadiness(<ReadinessCampaigns />, {
      api: { getCampaigns: async () => [pdbCampaign, overdueCampaign] },
    });

    const pdbRow = (await screen.findByText('PDB campaign')).closest('tr')!;
    expect(within(pdbRow).getByText('Running')).toBeInTheDocument();
    expect(within(pdbRow).getByText('31 Jan 2027')).toBeInTheDocument();
    expect(
      within(pdbRow).getByRole('progressbar', { name: '7 of 10 done (70 %)' }),
    ).toHaveAttribute('aria-valuenow', '70');
    // A check the catalogue knows links to its documentation.
    expect(
      within(pdbRow).getByRole('link', { name: /^readiness-probe/ }),
    ).toHaveAttribute('href', expect.stringMatching(/#readiness-probe$/));
    // One it does not know is still shown.
    expect(within(pdbRow).getByText('pdb')).toBeInTheDocument();

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Runbooks for all');
    expect(within(rows[0]).getByText('Overdue')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('1 of 4 done (25 %)');
  });

  it("opens a campaign's detail from the list at a link of its own", async () => {
    const getCampaign = jest.fn(async () => pdbCampaignDetail);
    await renderReadiness(<ReadinessCampaigns />, {
      api: { getCampaigns: async () => [pdbCampaign], getCampaign },
      routeEntries: ['/readiness/campaigns'],
    });

    const link = await screen.findByRole('link', { name: 'PDB campaign' });
    expect(link).toHaveAttribute(
      'href',
      '/readiness/campaigns?campaign=pdb-everywhere',
    );
    await userEvent.click(link);

    expect(
      await screen.findByText('3 failing · 1 exempt', { exact: false }),
    ).toBeInTheDocument();
    expect(getCampaign).toHaveBeenCalledWith('pdb-everywhere');
    expect(screen.getByRole('link', { name: /All campaigns/ })).toHaveAttribute(
      'href',
      '/readiness/campaigns',
    );
  });

  it('shows the description, the teams and the burndown of a linked campaign', async () => {
    await renderReadiness(<ReadinessCampaigns />, {
      api: { getCampaign: async () => pdbCampaignDetail },
      routeEntries: ['/readiness/campaigns?campaign=pdb-everywhere'],
    });

    expect(await screen.findByText('PodDisruptionBudget')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^the guide/ })).toHaveAttribute(
      'href',
      'https://wiki.acme.example/pdb',
    );
    expect(screen.getByText('1 Nov 2026 – 31 Jan 2027')).toBeInTheDocument();
    expect(
      screen.getByText('Kinds: Component', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText('Defined in configuration')).toBeInTheDocument();

    // Teams with most failing first; entities without owner say so.
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringContaining('cx'),
      expect.stringContaining('No owner'),
      expect.stringContaining('fulfilment'),
    ]);
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .slice(1, 5)
        .map(cell => cell.textContent),
    ).toEqual(['4', '1', '2', '1']);
    expect(
      within(rows[0]).getByRole('progressbar', { name: '2 of 4 done (50 %)' }),
    ).toBeInTheDocument();

    expect(
      screen.getByText('3 of 10 failing on 3 Nov; 7 of 10 on 1 Nov.'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Due 31 Jan')).toBeInTheDocument();
  });

  it('says how to define campaigns when there are none', async () => {
    await renderReadiness(<ReadinessCampaigns />);

    expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
    expect(
      screen.getByText(/Define them in readiness.campaigns or through the API/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /^How to define a campaign/ }),
    ).toHaveAttribute('href', expect.stringMatching(/README\.md#campaigns$/));
  });

  it('says so when a linked campaign does not exist', async () => {
    await renderReadiness(<ReadinessCampaigns />, {
      routeEntries: ['/readiness/campaigns?campaign=gone'],
    });

    expect(await screen.findByText('No campaign "gone"')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'All campaigns' }),
    ).toHaveAttribute('href', '/readiness/campaigns');
  });

  it('shows the error when the campaigns cannot be read', async () => {
    const response = new Response('{}', {
      status: 503,
      statusText: 'Service Unavailable',
    });
    const error = await ResponseError.fromResponse(response);
    await renderReadiness(<ReadinessCampaigns />, {
      api: { getCampaigns: async () => Promise.reject(error) },
    });

    expect(
      await screen.findByText(
        'Error: Request failed with 503 Service Unavailable',
      ),
    ).toBeInTheDocument();
  });
});
