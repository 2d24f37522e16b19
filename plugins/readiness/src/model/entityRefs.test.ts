import { compactEntityRef, shortRefName } from './entityRefs';

describe('entity ref names', () => {
  it('drops the default namespace', () => {
    expect(shortRefName('group:default/payments-team')).toBe('payments-team');
    expect(shortRefName('group:ops/sre')).toBe('ops/sre');
    expect(compactEntityRef('component:default/web')).toBe('component:web');
    expect(compactEntityRef('Component:shop/web')).toBe('component:shop/web');
  });

  it('leaves what is not a ref as it is', () => {
    expect(shortRefName('')).toBe('');
  });
});
