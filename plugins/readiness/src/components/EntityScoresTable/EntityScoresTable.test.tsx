import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OverviewQuery } from '../../api';
import { downloadTextFile } from '../../model/download';
import { overviewRow } from '../../__testUtils__/fixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { EntityScoresTable } from './EntityScoresTable';

jest.mock('../../model/download', () => ({ downloadTextFile: jest.fn() }));

const rows = [
  overviewRow(),
  overviewRow({
    entityRef: 'component:default/payment-gateway',
    title: 'Payment Gateway',
    owner: 'group:default/payments-team',
    system: 'system:default/billing',
    score: 100,
    level: 'gold',
    productionReady: true,
  }),
];

function overviewApi() {
  return jest.fn(async (query: OverviewQuery = {}) => {
    const items = rows.filter(
      row =>
        (!query.level || row.level === query.level) &&
        (!query.q || row.title?.includes(query.q)),
    );
    return {
      items: items.slice(
        query.offset,
        (query.offset ?? 0) + (query.limit ?? 50),
      ),
      total: items.length,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    };
  });
}

describe('EntityScoresTable', () => {
  beforeEach(() => jest.mocked(downloadTextFile).mockClear());

  it('loads a page from the backend and links each entity to its page', async () => {
    // The legacy system resolves the tab's path only on the entity page, so
    // the row opens that page (the new system's rows open the tab: alpha.test).
    const getOverview = overviewApi();
    await renderReadiness(<EntityScoresTable owners={[]} systems={[]} />, {
      api: { getOverview },
    });

    expect(
      await screen.findByRole('link', { name: 'Payment Gateway' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-gateway');
    expect(getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 20, offset: 0 }),
    );
  });

  it('filters by level on the server and starts again at the first page', async () => {
    const getOverview = overviewApi();
    await renderReadiness(<EntityScoresTable owners={[]} systems={[]} />, {
      api: { getOverview },
    });
    await screen.findByRole('link', { name: 'Payment Gateway' });

    await userEvent.click(screen.getByLabelText('Level'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Gold'),
    );

    await waitFor(() =>
      expect(getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ level: 'gold', offset: 0 }),
      ),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: 'Notification Service' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('searches on the server', async () => {
    const getOverview = overviewApi();
    await renderReadiness(<EntityScoresTable owners={[]} systems={[]} />, {
      api: { getOverview },
    });
    await screen.findByRole('link', { name: 'Payment Gateway' });

    await userEvent.type(screen.getByLabelText('Search'), 'Notif');

    await waitFor(() =>
      expect(getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'Notif' }),
      ),
    );
  });

  it('exports every matching row as CSV', async () => {
    const getOverview = overviewApi();
    await renderReadiness(<EntityScoresTable owners={[]} systems={[]} />, {
      api: { getOverview },
    });
    await screen.findByRole('link', { name: 'Payment Gateway' });

    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));

    await waitFor(() => expect(downloadTextFile).toHaveBeenCalled());
    const [fileName, csv, type] = jest.mocked(downloadTextFile).mock.calls[0];
    expect(fileName).toBe('readiness-scores.csv');
    expect(type).toMatch(/^text\/csv/);
    expect(csv.split('\r\n')).toEqual([
      'Entity,Title,Owner,System,Score,Level,Production ready,Workloads,Evaluated at,Stale',
      'component:default/notification-service,Notification Service,group:default/cx,system:default/freight,78,bronze,false,1,2026-11-22T07:53:29.088Z,false',
      'component:default/payment-gateway,Payment Gateway,group:default/payments-team,system:default/billing,100,gold,true,1,2026-11-22T07:53:29.088Z,false',
      '',
    ]);
    expect(getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 1000, offset: 0 }),
    );
  });
});
