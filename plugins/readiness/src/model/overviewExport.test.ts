import { overviewRow } from '../__testUtils__/fixtures';
import {
  EXPORT_PAGE_SIZE,
  exportOverviewCsv,
  fetchAllOverviewRows,
} from './overviewExport';

describe('fetchAllOverviewRows', () => {
  it('pages through every row matching the filters', async () => {
    const all = Array.from({ length: 2500 }, (_, i) =>
      overviewRow({ entityRef: `component:default/svc-${i}` }),
    );
    const getOverview = jest.fn(async (query: any) => ({
      items: all.slice(query.offset, query.offset + query.limit),
      total: all.length,
      limit: query.limit,
      offset: query.offset,
    }));

    const rows = await fetchAllOverviewRows(
      { getOverview },
      { level: 'bronze', sort: 'score', order: 'desc' },
    );

    expect(rows).toHaveLength(2500);
    expect(getOverview).toHaveBeenCalledTimes(3);
    expect(getOverview).toHaveBeenLastCalledWith({
      level: 'bronze',
      sort: 'score',
      order: 'desc',
      limit: EXPORT_PAGE_SIZE,
      offset: 2000,
    });
  });
});

describe('exportOverviewCsv', () => {
  it('writes one line per entity with its score, level and drift', async () => {
    const csv = await exportOverviewCsv(
      {
        getOverview: async () => ({
          items: [
            overviewRow(),
            overviewRow({
              entityRef: 'component:default/shipment-service',
              title: 'Shipment Service',
              driftCount: 2,
            }),
            overviewRow({
              entityRef: 'component:default/rate-quote',
              title: 'Rate Quote',
              driftCount: 0,
            }),
          ],
          total: 3,
          limit: EXPORT_PAGE_SIZE,
          offset: 0,
        }),
      },
      {},
    );
    expect(csv.split('\r\n')).toEqual([
      'Entity,Title,Owner,System,Score,Level,Production ready,Workloads,Drifting workloads,Evaluated at,Stale',
      // Not compared: an empty cell, not 0.
      'component:default/notification-service,Notification Service,group:default/cx,system:default/freight,78,bronze,false,1,,2026-11-22T07:53:29.088Z,false',
      'component:default/shipment-service,Shipment Service,group:default/cx,system:default/freight,78,bronze,false,1,2,2026-11-22T07:53:29.088Z,false',
      'component:default/rate-quote,Rate Quote,group:default/cx,system:default/freight,78,bronze,false,1,0,2026-11-22T07:53:29.088Z,false',
      '',
    ]);
  });
});
