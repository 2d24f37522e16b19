import {
  labelMatcher,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';

describe('parseLabelSelector', () => {
  it('reads every operator', () => {
    expect(
      parseLabelSelector(
        'app=web, tier==front,env!=dev,zone in (a, b),team notin (x),release,!legacy,rank>2,age<9',
      ),
    ).toEqual([
      { key: 'app', operator: 'equals', value: 'web' },
      { key: 'tier', operator: 'equals', value: 'front' },
      { key: 'env', operator: 'notEquals', value: 'dev' },
      { key: 'zone', operator: 'in', values: ['a', 'b'] },
      { key: 'team', operator: 'notIn', values: ['x'] },
      { key: 'release', operator: 'exists' },
      { key: 'legacy', operator: 'doesNotExist' },
      { key: 'rank', operator: 'greaterThan', value: 2 },
      { key: 'age', operator: 'lessThan', value: 9 },
    ]);
  });

  it('reads prefixed keys and empty values', () => {
    expect(
      parseLabelSelector(
        'backstage.io/kubernetes-id=web,app.kubernetes.io/part-of=',
      ),
    ).toEqual([
      { key: 'backstage.io/kubernetes-id', operator: 'equals', value: 'web' },
      { key: 'app.kubernetes.io/part-of', operator: 'equals', value: '' },
    ]);
  });

  it('treats an empty selector as selecting everything', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(labelMatcher('')({})).toBe(true);
  });

  it.each([
    'app in ()',
    'app in (a',
    'app ~ b',
    '=b',
    'app=b,',
    'app=b c',
    'bad key=x',
    'app=-x',
    'rank>x',
  ])('rejects %j', text => {
    expect(() => parseLabelSelector(text)).toThrow(SelectorError);
  });
});

describe('labelMatcher', () => {
  const labels = { app: 'web', tier: 'front', rank: '3' };

  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['app in (api,web)', true],
    ['app in (api)', false],
    ['missing in (x)', false],
    ['app notin (api)', true],
    ['app notin (web)', false],
    ['missing notin (x)', true],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['rank>2', true],
    ['rank<3', false],
    ['app=web,tier=back', false],
    ['app=web,tier=front,!missing', true],
  ])('%s → %s', (selector, expected) => {
    expect(labelMatcher(selector)(labels)).toBe(expected);
  });
});

describe('parseFieldSelector', () => {
  it('reads name and namespace requirements', () => {
    expect(
      parseFieldSelector('metadata.namespace=web,metadata.name!=x'),
    ).toEqual([
      { field: 'metadata.namespace', operator: 'equals', value: 'web' },
      { field: 'metadata.name', operator: 'notEquals', value: 'x' },
    ]);
    expect(parseFieldSelector('metadata.namespace==web')).toEqual([
      { field: 'metadata.namespace', operator: 'equals', value: 'web' },
    ]);
  });

  it('rejects fields the server does not index, like the real one', () => {
    expect(() => parseFieldSelector('spec.nodeName=n1')).toThrow(
      'field label not supported: spec.nodeName',
    );
    expect(() => parseFieldSelector('metadata.name')).toThrow(SelectorError);
  });
});
