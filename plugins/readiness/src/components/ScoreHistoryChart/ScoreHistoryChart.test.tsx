import { renderInTestApp } from '@backstage/test-utils';
import { ScoreHistoryChart } from './ScoreHistoryChart';

jest.mock('recharts', () =>
  require('../../__testUtils__/recharts').fixedSizeRecharts(),
);

describe('ScoreHistoryChart', () => {
  it('draws the score as a line on a 0–100 axis', async () => {
    const { container } = await renderInTestApp(
      <ScoreHistoryChart
        points={[
          {
            recordedAt: '2026-10-01T00:00:00Z',
            score: 60,
            level: 'bronze',
            productionReady: false,
          },
          {
            recordedAt: '2026-11-01T00:00:00Z',
            score: 78,
            level: 'bronze',
            productionReady: false,
          },
        ]}
      />,
    );

    expect(container.querySelector('.recharts-line-curve')).not.toBeNull();
    const yTicks = [
      ...container.querySelectorAll(
        '.recharts-yAxis .recharts-cartesian-axis-tick-value',
      ),
    ].map(tick => tick.textContent);
    expect(yTicks).toEqual(['0', '25', '50', '75', '100']);
  });
});
