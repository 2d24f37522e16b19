import { checkReferenceUrl } from './checkReferenceUrl';

const NAME = '@prodready/readiness-cli';

describe('checkReferenceUrl', () => {
  it('points at docs/checks.md on main of the repository object npm writes', () => {
    expect(
      checkReferenceUrl({
        name: NAME,
        repository: {
          type: 'git',
          url: 'https://github.com/prodready/backstage-readiness',
          directory: 'packages/readiness-cli',
        },
      }),
    ).toBe(
      'https://github.com/prodready/backstage-readiness/blob/main/docs/checks.md',
    );
  });

  it.each([
    ['https://github.com/prodready/backstage-readiness'],
    ['https://github.com/prodready/backstage-readiness.git'],
    ['https://github.com/prodready/backstage-readiness/'],
    ['git+https://github.com/prodready/backstage-readiness.git'],
    ['git@github.com:prodready/backstage-readiness.git'],
    ['ssh://git@github.com/prodready/backstage-readiness.git'],
    ['git://github.com/prodready/backstage-readiness.git'],
    ['github:prodready/backstage-readiness'],
    ['prodready/backstage-readiness'],
  ])('reads the repository written as %j', repository => {
    const expected =
      'https://github.com/prodready/backstage-readiness/blob/main/docs/checks.md';
    expect(checkReferenceUrl({ name: NAME, repository })).toBe(expected);
    expect(
      checkReferenceUrl({
        name: NAME,
        repository: { type: 'git', url: repository },
      }),
    ).toBe(expected);
  });

  it('keeps hosts other than GitHub', () => {
    expect(
      checkReferenceUrl({
        name: NAME,
        repository: 'https://gitlab.example.com/platform/readiness.git',
      }),
    ).toBe(
      'https://gitlab.example.com/platform/readiness/blob/main/docs/checks.md',
    );
    expect(
      checkReferenceUrl({
        name: NAME,
        repository: 'gitlab:platform/readiness',
      }),
    ).toBe('https://gitlab.com/platform/readiness/blob/main/docs/checks.md');
  });

  it.each([
    ['no repository field', undefined],
    ['an object without url', { type: 'git', directory: 'packages/cli' }],
    ['a local path', 'file:../readiness'],
    ['an empty string', ''],
    ['null', null],
  ])('falls back to the npm page with %s', (_case, repository) => {
    expect(checkReferenceUrl({ name: NAME, repository })).toBe(
      'https://www.npmjs.com/package/@prodready/readiness-cli',
    );
  });
});
