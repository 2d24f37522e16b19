import { isBelow, namespacePolicy, policyApplies } from './policy';

describe('namespacePolicy', () => {
  it('reads each mode from its label, independently', () => {
    const policy = namespacePolicy({
      'prodready.dev/enforce': 'bronze',
      'prodready.dev/warn': 'silver',
      'prodready.dev/audit': 'gold',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expect(policy).toEqual({
      enforce: 'bronze',
      warn: 'silver',
      audit: 'gold',
      problems: [],
    });
    expect(policyApplies(policy)).toBe(true);
  });

  it('asks nothing of a namespace without labels, or with level none', () => {
    expect(policyApplies(namespacePolicy(undefined))).toBe(false);
    expect(
      policyApplies(namespacePolicy({ 'prodready.dev/enforce': 'none' })),
    ).toBe(false);
  });

  it('reads a value that is no level as gold and reports it', () => {
    const policy = namespacePolicy({ 'prodready.dev/warn': 'platinum' });
    expect(policy.warn).toBe('gold');
    expect(policy.problems).toEqual([
      'namespace label prodready.dev/warn="platinum" is no level (gold, silver, bronze or none): read as gold',
    ]);
  });
});

describe('isBelow', () => {
  it('ranks none < bronze < silver < gold', () => {
    expect(isBelow('bronze', 'silver')).toBe(true);
    expect(isBelow('silver', 'silver')).toBe(false);
    expect(isBelow('gold', 'silver')).toBe(false);
    expect(isBelow('none', 'bronze')).toBe(true);
    expect(isBelow('none', undefined)).toBe(false);
  });
});
