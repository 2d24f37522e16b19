import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  customDefinitions,
  definitions,
  overviewRow,
} from '../../__testUtils__/fixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { ReadinessOverview } from './ReadinessOverview';

const api = {
  getOwnerAdoption: async () => [
    {
      owner: 'group:default/customer-experience-team',
      entities: 2,
      levels: { gold: 0, silver: 0, bronze: 2, none: 0 },
      productionReadyShare: 0,
      meanScore: 73,
    },
    {
      owner: 'group:default/fulfilment-team',
      entities: 2,
      levels: { gold: 1, silver: 1, bronze: 0, none: 0 },
      productionReadyShare: 1,
      meanScore: 99,
    },
  ],
  getCheckFailures: async () => [
    {
      check: 'runbook',
      title: 'A runbook is linked',
      category: 'operations' as const,
      severity: 'high' as const,
      failingEntities: 3,
    },
  ],
  getOverview: async () => ({
    items: [overviewRow()],
    total: 1,
    limit: 20,
    offset: 0,
  }),
};

describe('ReadinessOverview', () => {
  it('shows adoption per team, the campaign checks and every entity', async () => {
    await renderReadiness(<ReadinessOverview />, { api });

    expect(await screen.findByText('Adoption by team')).toBeInTheDocument();
    expect(screen.getByText('fulfilment-team')).toBeInTheDocument();
    expect(
      screen.getByText('Where a campaign would pay off'),
    ).toBeInTheDocument();
    expect(screen.getByText('A runbook is linked')).toBeInTheDocument();
    expect(screen.getByText('3 (75 %)')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Notification Service' }),
    ).toBeInTheDocument();
  });

  it('filters by the owners with scored entities and the catalog systems', async () => {
    await renderReadiness(<ReadinessOverview />, { api });
    await screen.findByText('Adoption by team');

    await userEvent.click(screen.getByLabelText('Owner'));
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['All owners', 'customer-experience-team', 'fulfilment-team']);
    await userEvent.keyboard('{Escape}');

    await userEvent.click(screen.getByLabelText('System'));
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['All systems', 'billing', 'freight']);
  });

  it('lists a failing custom check with its title and docs link from /checks', async () => {
    await renderReadiness(<ReadinessOverview />, {
      api: {
        ...api,
        getChecks: async () => [...definitions, ...customDefinitions],
        getCheckFailures: async () => [
          {
            check: 'encrypted-volumes',
            title: 'Volumes use the encrypted storage class',
            category: 'data-protection',
            severity: 'medium' as const,
            failingEntities: 2,
          },
        ],
      },
    });

    expect(
      await screen.findByRole('link', {
        name: /^Volumes use the encrypted storage class/,
      }),
    ).toHaveAttribute(
      'href',
      'https://wiki.acme.example/platform/encrypted-volumes',
    );
    expect(screen.getByText('Data protection')).toBeInTheDocument();
  });

  it('still lists the failing checks when /checks cannot be read', async () => {
    await renderReadiness(<ReadinessOverview />, {
      api: {
        ...api,
        getChecks: () => Promise.reject(new Error('checks down')),
      },
    });

    expect(await screen.findByText('A runbook is linked')).toBeInTheDocument();
    expect(screen.queryByText(/checks down/)).toBeNull();
  });

  it('explains a failure to load the overview', async () => {
    await renderReadiness(<ReadinessOverview />, {
      api: {
        ...api,
        getOwnerAdoption: () => Promise.reject(new Error('backend down')),
      },
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
