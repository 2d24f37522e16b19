import { closest, editDistance } from './editDistance';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['pdb', '', 3],
    ['pdb', 'pdb', 0],
    ['pbd', 'pdb', 1],
    ['runbok', 'runbook', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closest', () => {
  const ids = ['readiness-probe', 'liveness-probe', 'pdb', 'seccomp-profile'];

  it.each([
    ['pbd', 'pdb'],
    ['PDB', 'pdb'],
    ['readines-probe', 'readiness-probe'],
    ['seccomp', 'seccomp-profile'],
    ['liveness', 'liveness-probe'],
  ])('%s → %s', (word, match) => {
    expect(closest(word, ids)?.match).toBe(match);
  });

  it('has nothing to offer without candidates', () => {
    expect(closest('pdb', [])).toBeUndefined();
  });
});
