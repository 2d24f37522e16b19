import {
  compileEqualitySelector,
  compileLabelSelector,
  parseLabelSelectorString,
  selectorMatches,
} from './selectors';

const labels = { app: 'web', tier: 'frontend', env: 'prod' };

describe('label selectors', () => {
  it.each([
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'web', tier: 'backend' } }, false],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['frontend', 'edge'] },
        ],
      },
      true,
    ],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['backend'] },
        ],
      },
      false,
    ],
    [
      {
        matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }],
      },
      true,
    ],
    [
      {
        matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }],
      },
      false,
    ],
    [
      {
        matchExpressions: [
          { key: 'missing', operator: 'NotIn', values: ['x'] },
        ],
      },
      true,
    ],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'missing', operator: 'Exists' }] }, false],
    [
      { matchExpressions: [{ key: 'missing', operator: 'DoesNotExist' }] },
      true,
    ],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }],
      },
      false,
    ],
    [{ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, false],
    [{}, true],
    ['not a selector', false],
  ])('%j → %s', (selector, expected) => {
    expect(
      selectorMatches(compileLabelSelector(selector, 'nothing'), labels),
    ).toBe(expected);
  });

  it('distinguishes a missing selector by context', () => {
    expect(
      selectorMatches(compileLabelSelector(undefined, 'everything'), labels),
    ).toBe(true);
    expect(selectorMatches(compileLabelSelector(null, 'nothing'), labels)).toBe(
      false,
    );
  });

  it('does not match inherited property names', () => {
    const selector = compileLabelSelector(
      { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] },
      'nothing',
    );
    expect(selectorMatches(selector, {})).toBe(false);
  });

  it('treats a Service without selector as selecting nothing', () => {
    expect(selectorMatches(compileEqualitySelector(undefined), labels)).toBe(
      false,
    );
    expect(selectorMatches(compileEqualitySelector({}), labels)).toBe(false);
    expect(
      selectorMatches(compileEqualitySelector({ app: 'web' }), labels),
    ).toBe(true);
  });

  it('compares numeric label values as strings', () => {
    expect(
      selectorMatches(
        compileLabelSelector({ matchLabels: { version: 2 } }, 'nothing'),
        { version: '2' },
      ),
    ).toBe(true);
  });
});

describe('label selector strings', () => {
  it.each([
    ['app=web', true],
    ['app==web,tier=frontend', true],
    ['app!=web', false],
    ['tier in (frontend, edge)', true],
    ['tier notin (frontend)', false],
    ['env', true],
    ['!env', false],
    ['app=web,!missing', true],
  ])('%s → %s', (text, expected) => {
    const selector = parseLabelSelectorString(text);
    expect(selector).toBeDefined();
    expect(selectorMatches(selector!, labels)).toBe(expected);
  });

  it('rejects nonsense', () => {
    expect(parseLabelSelectorString('')).toBeUndefined();
    expect(parseLabelSelectorString('a in b')).toBeUndefined();
  });
});
