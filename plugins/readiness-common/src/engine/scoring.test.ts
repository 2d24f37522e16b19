import { CheckResult, Severity } from '../types';
import { isAtLeastLevel, scoreResults } from './scoring';

const r = (status: CheckResult['status'], severity: Severity): CheckResult => ({
  check: 'x',
  status,
  severity,
  message: '',
});

describe('scoring', () => {
  it('weighs passes against failures by severity', () => {
    // pass 10 + 5, fail 2 + 1 → 15 / 18
    expect(
      scoreResults([
        r('pass', 'critical'),
        r('pass', 'high'),
        r('fail', 'medium'),
        r('fail', 'low'),
      ]).score,
    ).toBe(Math.round((100 * 15) / 18));
  });

  it('ignores skip, exempt and error and is 100 when nothing counts', () => {
    expect(
      scoreResults([
        r('skip', 'critical'),
        r('exempt', 'high'),
        r('error', 'low'),
      ]).score,
    ).toBe(100);
    expect(scoreResults([]).score).toBe(100);
    expect(scoreResults([r('fail', 'low'), r('skip', 'critical')]).score).toBe(
      0,
    );
  });

  it.each([
    [[r('pass', 'critical')], 'gold'],
    [[r('fail', 'low')], 'gold'],
    [[r('fail', 'medium')], 'silver'],
    [[r('fail', 'high'), r('fail', 'medium')], 'bronze'],
    [[r('fail', 'critical')], 'none'],
    [[r('exempt', 'critical'), r('skip', 'critical')], 'gold'],
    // What could not be verified is never certified.
    [[r('error', 'critical')], 'none'],
    [[r('pass', 'high'), r('error', 'high')], 'bronze'],
    [[r('error', 'medium')], 'silver'],
    [[r('error', 'low')], 'gold'],
  ])('%j → %s', (results, level) => {
    expect(scoreResults(results).level).toBe(level);
  });

  it('ranks levels', () => {
    expect(isAtLeastLevel('gold', 'silver')).toBe(true);
    expect(isAtLeastLevel('silver', 'silver')).toBe(true);
    expect(isAtLeastLevel('bronze', 'silver')).toBe(false);
    expect(isAtLeastLevel('none', 'none')).toBe(true);
  });
});
