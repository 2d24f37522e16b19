import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseLocalRepoUrl } from './localRepository';
import { createPublishLocalAction } from './publishLocal';

describe('publish:local', () => {
  const mockDir = createMockDirectory();
  const workspace = mockDir.resolve('workspace');
  const repos = mockDir.resolve('repos');

  beforeEach(() => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Component\n',
        'kubernetes/base/pdb.yaml': 'kind: PodDisruptionBudget\n',
        '.github/workflows/ci.yaml': 'name: CI\n',
      },
    });
  });

  async function run(
    input: JsonObject,
    options: { directory?: string } = { directory: repos },
  ) {
    const ctx = createMockActionContext({ input, workspacePath: workspace });
    const outcome = await createPublishLocalAction(options)
      .handler(ctx as any)
      .then(
        () => 'published',
        (error: Error) => error,
      );
    return {
      outcome,
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    };
  }

  it('writes the workspace to <directory>/<owner>/<repo> and says where', async () => {
    const { outcome, outputs } = await run({
      repoUrl: 'github.com?owner=acme&repo=web',
    });

    expect(outcome).toBe('published');
    const target = path.join(repos, 'acme', 'web');
    expect(
      fs.readFileSync(path.join(target, 'kubernetes/base/pdb.yaml'), 'utf8'),
    ).toBe('kind: PodDisruptionBudget\n');
    expect(fs.existsSync(path.join(target, '.github/workflows/ci.yaml'))).toBe(
      true,
    );
    expect(outputs).toEqual({
      remoteUrl: pathToFileURL(target).href,
      repoContentsUrl: pathToFileURL(target).href,
      path: target,
    });
  });

  it('publishes only the source path when one is given', async () => {
    await run({
      repoUrl: 'github.com?owner=acme&repo=manifests',
      sourcePath: 'kubernetes',
    });

    expect(fs.readdirSync(path.join(repos, 'acme', 'manifests'))).toEqual([
      'base',
    ]);
  });

  it('refuses to run when no folder is configured', async () => {
    const { outcome } = await run(
      { repoUrl: 'github.com?owner=acme&repo=web' },
      {},
    );

    expect((outcome as Error).name).toBe('InputError');
    expect((outcome as Error).message).toMatch(
      /scaffolder\.localPublish\.directory is not set/,
    );
  });

  it('never overwrites a repository that is already there', async () => {
    await run({ repoUrl: 'github.com?owner=acme&repo=web' });
    fs.writeFileSync(path.join(repos, 'acme/web/catalog-info.yaml'), 'mine');

    const { outcome } = await run({
      repoUrl: 'github.com?owner=acme&repo=web',
    });

    expect((outcome as Error).name).toBe('ConflictError');
    expect((outcome as Error).message).toMatch(/acme\/web already exists/);
    expect(
      fs.readFileSync(path.join(repos, 'acme/web/catalog-info.yaml'), 'utf8'),
    ).toBe('mine');
  });

  it.each([
    ['github.com?owner=..&repo=etc'],
    ['github.com?owner=acme&repo=../../escape'],
    ['github.com?owner=acme'],
    ['github.com?owner=acme&repo=a%2Fb'],
  ])(
    'refuses a repository location that could leave the folder: %s',
    async repoUrl => {
      const { outcome } = await run({ repoUrl });

      expect((outcome as Error).name).toBe('InputError');
      expect(fs.existsSync(mockDir.resolve('escape'))).toBe(false);
      expect(fs.existsSync(mockDir.resolve('etc'))).toBe(false);
    },
  );

  it('refuses a source path outside the workspace', async () => {
    const { outcome } = await run({
      repoUrl: 'github.com?owner=acme&repo=web',
      sourcePath: '../repos',
    });

    expect((outcome as Error).message).toMatch(/outside/i);
  });

  it('reads owner and repository the way the RepoUrlPicker writes them', () => {
    expect(parseLocalRepoUrl('github.com?repo=web&owner=acme')).toEqual({
      owner: 'acme',
      repo: 'web',
    });
  });
});
