import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import type { CampaignDefinition } from '@prodready/backstage-plugin-readiness-common';
import {
  overdueCampaign,
  pdbCampaign,
  pdbCampaignDetail,
} from '../../__testUtils__/campaignFixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { ReadinessCampaigns } from './ReadinessCampaigns';

// Filling in the new-campaign form types a few dozen keys.
jest.setTimeout(20_000);

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
      screen.getByText(/define them in readiness.campaigns or through the API/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'New campaign' }),
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

  describe('starting and deleting campaigns', () => {
    async function openNewCampaign() {
      await userEvent.click(
        await screen.findByRole('button', { name: 'New campaign' }),
      );
      return screen.findByRole('dialog', { name: 'New campaign' });
    }

    async function chooseCheck(dialog: HTMLElement, option: string) {
      await userEvent.click(
        within(dialog).getByRole('textbox', {
          name: 'Checks every entity in scope must pass',
        }),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: option }),
      );
    }

    /** Today (UTC) and 30 days on: the form's default dates. */
    function defaultDates() {
      const now = Date.now();
      const day = (time: number) => new Date(time).toISOString().slice(0, 10);
      return {
        startDate: day(now),
        dueDate: day(now + 30 * 24 * 60 * 60 * 1000),
      };
    }

    it('starts a campaign from the list and opens it', async () => {
      const saveCampaign = jest.fn(async (definition: CampaignDefinition) => ({
        ...definition,
        origin: 'api' as const,
        status: 'running' as const,
        progress: { inScope: 0, passing: 0, failing: 0, exempt: 0 },
      }));
      const getCampaign = jest.fn(async () => undefined);
      await renderReadiness(<ReadinessCampaigns />, {
        api: {
          getCampaigns: async () => [pdbCampaign],
          saveCampaign,
          getCampaign,
        },
        routeEntries: ['/readiness/campaigns'],
      });

      const dialog = await openNewCampaign();
      await userEvent.type(
        within(dialog).getByRole('textbox', { name: 'Title' }),
        'Every service: a runbook!',
      );
      // The id follows the title until it is typed.
      expect(within(dialog).getByRole('textbox', { name: 'Id' })).toHaveValue(
        'every-service-a-runbook',
      );
      await chooseCheck(dialog, 'A runbook is linked (runbook)');
      await userEvent.type(
        within(dialog).getByRole('textbox', { name: 'Owners' }),
        'group:default/team-a{Enter}',
      );
      // A value typed but not entered still counts.
      await userEvent.type(
        within(dialog).getByRole('textbox', { name: 'Lifecycles' }),
        'production',
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Start campaign' }),
      );

      expect(saveCampaign).toHaveBeenCalledWith({
        id: 'every-service-a-runbook',
        title: 'Every service: a runbook!',
        checks: ['runbook'],
        target: {
          owners: ['group:default/team-a'],
          lifecycles: ['production'],
        },
        ...defaultDates(),
      });
      expect(getCampaign).toHaveBeenCalledWith('every-service-a-runbook');
    });

    it('says what is missing, and what the backend refused', async () => {
      const refusal = Object.assign(new Error('Request failed with 400'), {
        body: {
          error: {
            message:
              'Invalid campaign request body (q1): owner has "x:y:z", which is not an entity ref',
          },
        },
      });
      const saveCampaign = jest.fn(async () => Promise.reject(refusal));
      await renderReadiness(<ReadinessCampaigns />, {
        api: { getCampaigns: async () => [pdbCampaign], saveCampaign },
      });
      const dialog = await openNewCampaign();
      const start = within(dialog).getByRole('button', {
        name: 'Start campaign',
      });

      await userEvent.click(start);
      expect(saveCampaign).not.toHaveBeenCalled();
      expect(
        within(dialog).getByText('Give the campaign a title.'),
      ).toBeInTheDocument();
      expect(
        within(dialog).getByText('Choose at least one check.'),
      ).toBeInTheDocument();

      // An id already taken shows while typing.
      await userEvent.type(
        within(dialog).getByRole('textbox', { name: 'Title' }),
        'PDB everywhere',
      );
      expect(
        within(dialog).getByText(
          'A campaign with this id exists; choose another.',
        ),
      ).toBeInTheDocument();
      const id = within(dialog).getByRole('textbox', { name: 'Id' });
      await userEvent.clear(id);
      await userEvent.type(id, 'q1');
      await chooseCheck(dialog, 'A runbook is linked (runbook)');
      await userEvent.type(
        within(dialog).getByRole('textbox', { name: 'Run by' }),
        'x:y:z',
      );
      await userEvent.click(start);

      expect(saveCampaign).toHaveBeenCalledTimes(1);
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'owner has "x:y:z", which is not an entity ref',
      );
    });

    it('deletes a campaign made through the API, after asking', async () => {
      const deleteCampaign = jest.fn(async () => {});
      const getCampaigns = jest.fn(async () => []);
      await renderReadiness(<ReadinessCampaigns />, {
        api: {
          getCampaign: async () => ({ ...pdbCampaignDetail, origin: 'api' }),
          getCampaigns,
          deleteCampaign,
        },
        routeEntries: ['/readiness/campaigns?campaign=pdb-everywhere'],
      });

      await userEvent.click(
        await screen.findByRole('button', { name: 'Delete' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: 'Delete “PDB campaign”?',
      });
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Keep it' }),
      );
      expect(deleteCampaign).not.toHaveBeenCalled();

      // The button is reachable again once the dialog has closed.
      await userEvent.click(
        await screen.findByRole('button', { name: 'Delete' }),
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Delete campaign' }),
      );
      expect(deleteCampaign).toHaveBeenCalledWith('pdb-everywhere');
      // Back to the list, read again without it.
      expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
      expect(getCampaigns).toHaveBeenCalled();
    });

    it('changes a campaign made through the API and shows it changed', async () => {
      let stored = { ...pdbCampaignDetail, origin: 'api' as const };
      const getCampaign = jest.fn(async () => stored);
      const saveCampaign = jest.fn(async (definition: CampaignDefinition) => {
        stored = { ...stored, ...definition };
        return stored;
      });
      await renderReadiness(<ReadinessCampaigns />, {
        api: { getCampaign, saveCampaign },
        routeEntries: ['/readiness/campaigns?campaign=pdb-everywhere'],
      });

      await userEvent.click(
        await screen.findByRole('button', { name: 'Edit' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: 'Edit “PDB campaign”',
      });
      expect(
        within(dialog).getByRole('textbox', { name: 'Title' }),
      ).toHaveValue('PDB campaign');
      // The id names the campaign: it cannot change here.
      expect(
        within(dialog).getByRole('textbox', { name: 'Id' }),
      ).toBeDisabled();
      fireEvent.change(within(dialog).getByLabelText(/^Due date/), {
        target: { value: '2027-02-28' },
      });
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Save' }),
      );

      expect(saveCampaign).toHaveBeenCalledWith({
        id: 'pdb-everywhere',
        title: 'PDB campaign',
        description: pdbCampaignDetail.description,
        checks: ['readiness-probe', 'pdb'],
        target: { kinds: ['Component'], systems: ['system:default/freight'] },
        startDate: '2026-11-01',
        dueDate: '2027-02-28',
        owner: 'group:default/platform',
      });
      expect(
        await screen.findByText('1 Nov 2026 – 28 Feb 2027'),
      ).toBeInTheDocument();
      expect(getCampaign).toHaveBeenCalledTimes(2);
    });

    it('offers no delete for a campaign from configuration', async () => {
      await renderReadiness(<ReadinessCampaigns />, {
        api: { getCampaign: async () => pdbCampaignDetail },
        routeEntries: ['/readiness/campaigns?campaign=pdb-everywhere'],
      });
      expect(
        await screen.findByText('Defined in configuration'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Delete' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Edit' }),
      ).not.toBeInTheDocument();
    });
  });
});
