import path from 'node:path';
import { Excluder, GlobPattern } from './glob';

describe('--exclude patterns', () => {
  const matches = (pattern: string, file: string) =>
    new GlobPattern(pattern).matches(file);

  it('matches within a segment with * and ?, across segments with **', () => {
    expect(matches('charts/*.yaml', 'charts/web.yaml')).toBe(true);
    expect(matches('charts/*.yaml', 'charts/web/deployment.yaml')).toBe(false);
    expect(matches('charts/**', 'charts/web/templates/deployment.yaml')).toBe(
      true,
    );
    // A folder pattern leaves out the folder itself, so the walk skips it.
    expect(matches('charts/**', 'charts')).toBe(true);
    expect(matches('charts/**', 'chartsx/a.yaml')).toBe(false);
    expect(matches('**/*-patch.yaml', 'replicas-patch.yaml')).toBe(true);
    expect(
      matches('**/*-patch.yaml', 'overlays/prod/replicas-patch.yaml'),
    ).toBe(true);
    expect(matches('**/*-patch.yaml', 'overlays/prod/deployment.yaml')).toBe(
      false,
    );
    expect(matches('v?/*.yaml', 'v1/a.yaml')).toBe(true);
    expect(matches('v?/*.yaml', 'v10/a.yaml')).toBe(false);
  });

  it('knows classes, alternatives and escapes; dots are literal', () => {
    expect(matches('env-[ab].yaml', 'env-a.yaml')).toBe(true);
    expect(matches('env-[!ab].yaml', 'env-c.yaml')).toBe(true);
    expect(matches('env-[!ab].yaml', 'env-a.yaml')).toBe(false);
    expect(matches('*.{yml,json}', 'dump.json')).toBe(true);
    expect(matches('*.{yml,json}', 'dump.yaml')).toBe(false);
    expect(matches('a.yaml', 'abyaml')).toBe(false);
    expect(matches('\\*.yaml', '*.yaml')).toBe(true);
    expect(matches('\\*.yaml', 'x.yaml')).toBe(false);
  });

  it('matches a pattern without a slash against names at any depth', () => {
    expect(matches('*-patch.yaml', 'overlays/prod/replicas-patch.yaml')).toBe(
      true,
    );
    expect(matches('tests', 'deploy/tests')).toBe(true);
    expect(matches('deploy/tests', 'other/deploy/tests')).toBe(false);
  });

  it('tries the path from the current directory, from the argument, and absolute', () => {
    const cwd = path.resolve('/repo');
    const excluder = new Excluder(
      ['charts/**', './deploy/legacy/', '/repo/tmp/**'],
      cwd,
    );
    // Found under the argument `deploy`: relative to it...
    expect(excluder.match('deploy/charts/web', 'charts/web')).toBe('charts/**');
    // ...and relative to the current directory, however it was written.
    expect(excluder.match('./deploy/legacy', 'legacy')).toBe(
      './deploy/legacy/',
    );
    expect(excluder.match(path.join(cwd, 'deploy', 'legacy'))).toBe(
      './deploy/legacy/',
    );
    expect(excluder.match('tmp/x.yaml')).toBe('/repo/tmp/**');
    expect(excluder.match('deploy/web.yaml', 'web.yaml')).toBeUndefined();
    expect(new Excluder([], cwd).active).toBe(false);
  });
});
