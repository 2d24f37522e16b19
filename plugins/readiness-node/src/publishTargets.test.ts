import { assertValidPublishTargetChecker } from './publishTargets';

describe('assertValidPublishTargetChecker', () => {
  const check = async () => ({ available: true, checked: true });

  it('accepts a checker named after a publishTo value, with a check function', () => {
    expect(() =>
      assertValidPublishTargetChecker({ publishTo: 'local', check }),
    ).not.toThrow();
    expect(() =>
      assertValidPublishTargetChecker({ publishTo: 'gitlab.internal', check }),
    ).not.toThrow();
  });

  it('names the problem when publishTo is unusable', () => {
    expect(() =>
      assertValidPublishTargetChecker({ publishTo: '', check }),
    ).toThrow('Invalid readiness publish-target checker publishTo ""');
    expect(() =>
      assertValidPublishTargetChecker({ publishTo: 'git hub', check }),
    ).toThrow(/"git hub"/);
    expect(() => assertValidPublishTargetChecker({ check })).toThrow(
      /publishTo undefined/,
    );
  });

  it('names the checker that cannot check', () => {
    expect(() =>
      assertValidPublishTargetChecker({ publishTo: 'local', check: 'yes' }),
    ).toThrow(
      "Readiness publish-target checker 'local' has no check() function",
    );
  });
});
