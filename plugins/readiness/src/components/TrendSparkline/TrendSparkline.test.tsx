import { historyPoint } from '../../__testUtils__/platformFixtures';
import { describeTrend, sparklinePoints } from './TrendSparkline';

describe('describeTrend', () => {
  it('says which way the score went', () => {
    expect(describeTrend([])).toBe('No trend yet');
    expect(describeTrend([historyPoint('2026-12-01T00:00:00Z', 70)])).toBe(
      'Score steady at 70',
    );
    expect(
      describeTrend([
        historyPoint('2026-11-01T00:00:00Z', 90),
        historyPoint('2026-11-15T00:00:00Z', 95),
        historyPoint('2026-12-01T00:00:00Z', 40),
      ]),
    ).toBe('Score down from 90 to 40');
  });
});

describe('sparklinePoints', () => {
  it('draws 100 at the top and 0 at the bottom, first point left, last right', () => {
    expect(
      sparklinePoints([
        historyPoint('2026-11-01T00:00:00Z', 100),
        historyPoint('2026-12-01T00:00:00Z', 0),
      ]),
    ).toBe('2.0,2.0 78.0,22.0');
  });
});
