import type { FailingCheck } from './evaluation/judge';
import {
  blockingChecks,
  fitWarnings,
  levelWarnings,
  MAX_WARNING_CHARS,
  MAX_WARNINGS_TOTAL_CHARS,
} from './messages';

const check = (
  id: string,
  severity: FailingCheck['severity'],
): FailingCheck => ({
  check: id,
  severity,
  title: id,
  message: `${id} fails`,
  fix: `Fix ${id}.`,
});

describe('blockingChecks', () => {
  it('keeps the checks whose severity holds the level below the one required', () => {
    const failing = [
      check('a', 'critical'),
      check('b', 'high'),
      check('c', 'medium'),
      check('d', 'low'),
    ];
    const ids = (level: 'bronze' | 'silver' | 'gold') =>
      blockingChecks(failing, level).map(c => c.check);
    expect(ids('bronze')).toEqual(['a']);
    expect(ids('silver')).toEqual(['a', 'b']);
    expect(ids('gold')).toEqual(['a', 'b', 'c']);
  });
});

describe('warnings', () => {
  it('keeps each within 256 characters and all within 4 KiB, counting what is left out', () => {
    const long = check('x', 'high');
    long.message = 'é'.repeat(400);
    const many = Array.from({ length: 200 }, (_, i) =>
      check(`check-${i}`, 'high'),
    );
    many[0] = long;
    const warnings = levelWarnings(
      'Deployment a/b',
      'bronze',
      'silver',
      'a',
      many,
    );
    for (const warning of warnings) {
      expect(Array.from(warning).length).toBeLessThanOrEqual(MAX_WARNING_CHARS);
    }
    expect(warnings[1]).toMatch(/^\[high\] x: é+…$/);
    const total = warnings.reduce((sum, w) => sum + Array.from(w).length, 0);
    expect(total).toBeLessThanOrEqual(MAX_WARNINGS_TOTAL_CHARS);
    expect(warnings[warnings.length - 1]).toMatch(/^… and \d+ more$/);
  });

  it('leaves short warnings as they are', () => {
    expect(fitWarnings(['one', 'two'])).toEqual(['one', 'two']);
  });
});
