import { screen } from '@testing-library/react';
import { renderReadiness } from '../../__testUtils__/render';
import {
  describeHistory,
  extendToLatest,
  ScoreHistoryCard,
} from './ScoreHistoryCard';

const point = (recordedAt: string, score: number) => ({
  recordedAt,
  score,
  level: 'bronze' as const,
  productionReady: false,
});

describe('ScoreHistoryCard', () => {
  it('loads 90 days of history and sums up the trend', async () => {
    const getScoreHistory = jest.fn(async () => [
      point('2026-10-01T00:00:00Z', 60),
      point('2026-11-01T00:00:00Z', 78),
    ]);
    await renderReadiness(
      <ScoreHistoryCard
        entityRef="component:default/web"
        evaluatedAt="2026-11-22T00:00:00Z"
      />,
      { api: { getScoreHistory } },
    );

    expect(
      await screen.findByText(/Score up from 60 to 78 over the last 90 days/),
    ).toBeInTheDocument();
    expect(getScoreHistory).toHaveBeenCalledWith('component:default/web', {
      days: 90,
    });
  });

  it('says there is no history yet', async () => {
    await renderReadiness(
      <ScoreHistoryCard entityRef="component:default/web" evaluatedAt="" />,
      { api: { getScoreHistory: async () => [] } },
    );
    expect(await screen.findByText(/No history yet/)).toBeInTheDocument();
  });
});

describe('describeHistory', () => {
  it('reads a fall as well as a rise', () => {
    expect(
      describeHistory([
        point('2026-10-01T00:00:00Z', 90),
        point('2026-11-01T00:00:00Z', 40),
      ]),
    ).toBe('Score down from 90 to 40 over the last 90 days.');
  });
});

describe('extendToLatest', () => {
  it('carries the last point to the latest evaluation', () => {
    const points = [point('2026-11-01T00:00:00Z', 78)];
    expect(extendToLatest(points, '2026-11-22T00:00:00Z')).toEqual([
      points[0],
      point('2026-11-22T00:00:00Z', 78),
    ]);
    expect(extendToLatest(points, '2026-11-01T00:00:00Z')).toEqual(points);
  });
});
