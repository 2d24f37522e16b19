import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
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
    driftCount: 0,
  }),
  overviewRow({
    entityRef: 'component:default/shipment-service',
    title: 'Shipment Service',
    score: 64,
    driftCount: 2,
  }),
];

/** The query string the app is at, to see the filters kept in the URL. */
function CurrentSearch() {
  return <output aria-label="URL query">{useLocation().search}</output>;
}

function overviewApi() {
  return jest.fn(async (query: OverviewQuery = {}) => {
    const items = rows.filter(
      row =>
        (!query.level || row.level === query.level) &&
        (!query.q || row.title?.includes(query.q)) &&
        (!query.drift || (row.driftCount ?? 0) > 0),
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

  it('filters by level on the server, starts again at the first page and keeps the level in the URL', async () => {
    const getOverview = overviewApi();
    await renderReadiness(
      <>
        <EntityScoresTable owners={[]} systems={[]} />
        <CurrentSearch />
      </>,
      { api: { getOverview } },
    );
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
    expect(screen.getByLabelText('URL query')).toHaveTextContent('?level=gold');
  });

  describe('drift', () => {
    it('shows how many workloads drifted, linked to the entity, "None" when Git and the cluster agree, and "—" when not compared', async () => {
      await renderReadiness(<EntityScoresTable owners={[]} systems={[]} />, {
        api: { getOverview: overviewApi() },
      });

      expect(
        await screen.findByRole('columnheader', { name: 'Drift' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', {
          name: '2 workloads of Shipment Service drifted from Git',
        }),
      ).toHaveAttribute('href', '/catalog/default/component/shipment-service');
      const cellsOf = (title: string) =>
        within(
          screen.getByRole('link', { name: title }).closest('tr')!,
        ).getAllByRole('cell');
      const drift = Array.from(screen.getAllByRole('columnheader')).findIndex(
        header => header.textContent === 'Drift',
      );
      expect(cellsOf('Payment Gateway')[drift]).toHaveTextContent(/^None$/);
      expect(cellsOf('Notification Service')[drift]).toHaveTextContent(/^—$/);
    });

    it('"Only drifting" asks the server for drifting entities, from the first page, and keeps it in the URL', async () => {
      const getOverview = overviewApi();
      await renderReadiness(
        <>
          <EntityScoresTable owners={[]} systems={[]} />
          <CurrentSearch />
        </>,
        { api: { getOverview } },
      );
      await screen.findByRole('link', { name: 'Payment Gateway' });
      expect(getOverview).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ drift: true }),
      );

      await userEvent.click(
        screen.getByRole('checkbox', { name: 'Only drifting' }),
      );

      await waitFor(() =>
        expect(getOverview).toHaveBeenLastCalledWith(
          expect.objectContaining({ drift: true, offset: 0 }),
        ),
      );
      await waitFor(() =>
        expect(
          screen.queryByRole('link', { name: 'Payment Gateway' }),
        ).not.toBeInTheDocument(),
      );
      expect(
        screen.getByRole('link', { name: 'Shipment Service' }),
      ).toBeInTheDocument();
      expect(screen.getByLabelText('URL query')).toHaveTextContent(
        '?drift=true',
      );

      await userEvent.click(
        screen.getByRole('checkbox', { name: 'Only drifting' }),
      );
      await waitFor(() =>
        expect(getOverview).toHaveBeenLastCalledWith(
          expect.not.objectContaining({ drift: true }),
        ),
      );
      expect(screen.getByLabelText('URL query')).toBeEmptyDOMElement();
    });

    it('starts with the filters a shared link names, and exports only those rows', async () => {
      const getOverview = overviewApi();
      await renderReadiness(<EntityScoresTable owners={[]} systems={[]} />, {
        api: { getOverview },
        routeEntries: ['/?drift=true&level=bronze'],
      });

      expect(
        await screen.findByRole('link', { name: 'Shipment Service' }),
      ).toBeInTheDocument();
      expect(getOverview).toHaveBeenCalledTimes(1);
      expect(getOverview).toHaveBeenCalledWith(
        expect.objectContaining({ drift: true, level: 'bronze', offset: 0 }),
      );
      expect(
        screen.getByRole('checkbox', { name: 'Only drifting' }),
      ).toBeChecked();

      await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
      await waitFor(() => expect(downloadTextFile).toHaveBeenCalled());
      expect(
        jest.mocked(downloadTextFile).mock.calls[0][1].split('\r\n'),
      ).toEqual([
        'Entity,Title,Owner,System,Score,Level,Production ready,Workloads,Drifting workloads,Evaluated at,Stale',
        'component:default/shipment-service,Shipment Service,group:default/cx,system:default/freight,64,bronze,false,1,2,2026-11-22T07:53:29.088Z,false',
        '',
      ]);
    });
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
      'Entity,Title,Owner,System,Score,Level,Production ready,Workloads,Drifting workloads,Evaluated at,Stale',
      'component:default/notification-service,Notification Service,group:default/cx,system:default/freight,78,bronze,false,1,,2026-11-22T07:53:29.088Z,false',
      'component:default/payment-gateway,Payment Gateway,group:default/payments-team,system:default/billing,100,gold,true,1,0,2026-11-22T07:53:29.088Z,false',
      'component:default/shipment-service,Shipment Service,group:default/cx,system:default/freight,64,bronze,false,1,2,2026-11-22T07:53:29.088Z,false',
      '',
    ]);
    expect(getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 1000, offset: 0 }),
    );
  });
});
