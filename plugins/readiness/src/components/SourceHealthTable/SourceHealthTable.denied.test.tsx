import { screen } from '@testing-library/react';
import { renderReadiness } from '../../__testUtils__/render';
import { SourceHealthTable } from './SourceHealthTable';

// A file of its own: usePermission keeps its answer per permission across
// the renders of one test file.
describe('SourceHealthTable without the permission', () => {
  it('tells users without readiness.sources.read that it is for administrators', async () => {
    const getSourceHealth = jest.fn(async () => [
      {
        source: 'cluster:prod-eu',
        lastRunAt: '2026-12-05T10:15:00.000Z',
        durationMs: 30_000,
        objectCount: 0,
        healthy: false,
        errors: [],
        warnings: [],
      },
    ]);
    await renderReadiness(<SourceHealthTable />, {
      api: { getSourceHealth },
      mayRefresh: false,
    });

    expect(
      await screen.findByText('Source health is for administrators'),
    ).toBeInTheDocument();
    expect(screen.queryByText('cluster:prod-eu')).not.toBeInTheDocument();
    expect(getSourceHealth).not.toHaveBeenCalled();
  });
});
