import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { EntityManifestsReader } from './EntityManifestsReader';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { spec: { containers: [{ name: web, image: r/web:1 }] } } }
`;

/** A Git host in memory: folders by URL, with an ETag per version. */
class InMemoryGitHost implements UrlReaderService {
  trees = new Map<string, Record<string, string>>();
  files = new Map<string, string>();
  version = 1;
  reads: string[] = [];

  async readUrl(url: string): Promise<UrlReaderServiceReadUrlResponse> {
    this.reads.push(`url ${url}`);
    const text = this.files.get(url);
    if (text === undefined) throw new Error(`NotFoundError: ${url}`);
    return { buffer: async () => Buffer.from(text) } as any;
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    this.reads.push(`tree ${url}`);
    const tree = this.trees.get(url);
    if (!tree) throw new Error(`No such folder ${url}`);
    const etag = `v${this.version}`;
    if (options?.etag === etag) throw new NotModifiedError();
    return {
      etag,
      files: async () =>
        Object.entries(tree)
          .filter(([path]) => !options?.filter || options.filter(path))
          .map(([path, text]) => ({
            path,
            content: async () => Buffer.from(text),
          })),
    } as any;
  }

  async search(): Promise<any> {
    throw new Error('not used');
  }
}

function entity(manifests: string, location?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'web',
      annotations: {
        'prodready.dev/manifests': manifests,
        ...(location && { 'backstage.io/managed-by-location': location }),
      },
    },
  };
}

describe('EntityManifestsReader', () => {
  const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

  function setUp() {
    const git = new InMemoryGitHost();
    const reader = new EntityManifestsReader({
      urlReader: git,
      integrations,
      maxFileBytes: 1024,
    });
    return { git, reader };
  }

  it('resolves a relative folder against the entity location and reads its manifests', async () => {
    const { git, reader } = setUp();
    git.trees.set('https://github.com/acme/web/tree/main/deploy', {
      'deployment.yaml': DEPLOYMENT,
      'README.md': '# not a manifest',
    });
    const read = await reader.read(
      entity(
        './deploy',
        'url:https://github.com/acme/web/blob/main/catalog-info.yaml',
      ),
    );
    expect(read?.sourceId).toBe(
      'manifests:https://github.com/acme/web/tree/main/deploy',
    );
    expect(read?.objects.map(o => [o.object.kind, o.file, o.source])).toEqual([
      ['Deployment', 'deployment.yaml', read?.sourceId],
    ]);
  });

  it('reuses the parsed manifests while the folder is unchanged', async () => {
    const { git, reader } = setUp();
    const url = 'https://github.com/acme/web/tree/main/deploy';
    git.trees.set(url, { 'deployment.yaml': DEPLOYMENT });
    const first = await reader.read(entity(url));
    const second = await reader.read(entity(url));
    expect(second?.objects).toEqual(first?.objects);

    git.trees.set(url, {});
    git.version++;
    expect((await reader.read(entity(url)))?.objects).toEqual([]);
  });

  it('reads a single manifest file by URL', async () => {
    const { git, reader } = setUp();
    const url = 'https://github.com/acme/web/blob/main/k8s/all.yaml';
    git.files.set(url, DEPLOYMENT);
    const read = await reader.read(entity(url));
    expect(read?.objects.map(o => o.file)).toEqual(['all.yaml']);
    expect(git.reads).toEqual([`url ${url}`]);
  });

  it('names the file and line of a malformed manifest', async () => {
    const { git, reader } = setUp();
    const url = 'https://github.com/acme/web/tree/main/deploy';
    git.trees.set(url, { 'broken.yaml': 'kind: Deployment\nspec: [oops' });
    await expect(reader.read(entity(url))).rejects.toThrow(/^broken\.yaml:2: /);
  });

  it('refuses oversized files', async () => {
    const { git, reader } = setUp();
    const url = 'https://github.com/acme/web/tree/main/deploy';
    git.trees.set(url, { 'big.yaml': `# ${'x'.repeat(2000)}\n${DEPLOYMENT}` });
    await expect(reader.read(entity(url))).rejects.toThrow(
      /big\.yaml: file is too large/,
    );
  });
});
