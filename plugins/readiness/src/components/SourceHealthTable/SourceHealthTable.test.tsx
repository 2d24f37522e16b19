import { screen } from '@testing-library/react';
import { renderReadiness } from '../../__testUtils__/render';
import { SourceHealthTable } from './SourceHealthTable';

const prodFailing = {
  source: 'cluster:prod-eu',
  lastRunAt: '2026-12-05T10:15:00.000Z',
  durationMs: 30_000,
  objectCount: 0,
  healthy: false,
  errors: ['cluster prod-eu: listing deployments failed: HTTP 503'],
  warnings: [],
  lastSuccessAt: '2026-12-05T10:00:00.000Z',
};
const demoFolder = {
  source: 'directory:demo',
  lastRunAt: '2026-12-05T10:15:00.000Z',
  durationMs: 40,
  objectCount: 12,
  healthy: true,
  errors: [],
  warnings: ['ServiceMonitor is not served by this cluster'],
  lastSuccessAt: '2026-12-05T10:15:00.000Z',
};

describe('SourceHealthTable', () => {
  it('shows which source failed, when it last succeeded, and why', async () => {
    await renderReadiness(<SourceHealthTable />, {
      api: { getSourceHealth: async () => [prodFailing, demoFolder] },
    });

    expect(await screen.findByText('cluster:prod-eu')).toBeInTheDocument();
    expect(screen.getByText('Failing')).toBeInTheDocument();
    expect(
      screen.getByText('cluster prod-eu: listing deployments failed: HTTP 503'),
    ).toBeInTheDocument();
    expect(screen.getByText('Warnings')).toBeInTheDocument();
    expect(
      screen.getByText('ServiceMonitor is not served by this cluster'),
    ).toBeInTheDocument();
    expect(screen.getByText('30.0 s')).toBeInTheDocument();
  });

  it('says when no source has been read yet', async () => {
    await renderReadiness(<SourceHealthTable />);
    expect(
      await screen.findByText('No source has been read yet'),
    ).toBeInTheDocument();
  });
});
