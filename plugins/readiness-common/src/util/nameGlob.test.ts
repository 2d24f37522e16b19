import { compileNameGlobs } from './nameGlob';

describe('compileNameGlobs', () => {
  it.each([
    [['cert-manager-*'], 'cert-manager-webhook', true],
    [['cert-manager-*'], 'cert-manager-', true],
    [['cert-manager-*'], 'cert-manager', false],
    [['*-system'], 'kube-system', true],
    [['team-??'], 'team-ab', true],
    [['team-??'], 'team-a', false],
    [['team-??'], 'team-abc', false],
    [['*'], '', true],
    [['**x'], 'abx', true],
    // Everything but * and ? stands for itself, RegExp syntax included.
    [['a.b'], 'axb', false],
    [['a.b*'], 'a.bc', true],
    [['(a|b)'], 'a', false],
    [['web'], 'web', true],
    [['web'], 'web-1', false],
    [['api', 'web-*'], 'api', true],
    [['api', 'web-*'], 'web-2', true],
    [['api', 'web-*'], 'worker', false],
  ])('%j matches %j: %s', (patterns, text, expected) => {
    expect(compileNameGlobs(patterns)(text)).toBe(expected);
  });
});
