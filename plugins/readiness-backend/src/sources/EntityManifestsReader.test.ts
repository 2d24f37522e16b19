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
import {
  DEFAULT_READINESS_CONFIG,
  evaluateReadiness,
  parseManifests,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EntityManifestsReader } from './EntityManifestsReader';
import { KUSTOMIZE_TREE, KUSTOMIZE_TREE_EVALUATED } from './testKustomizeTree';

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
          .filter(([file]) => !options?.filter || options.filter(file))
          .map(([file, text]) => ({
            path: file,
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

  it('reads a Git folder through its kustomizations, never the patches', async () => {
    const { git, reader } = setUp();
    const url = 'https://github.com/acme/checkout/tree/main/kubernetes';
    git.trees.set(url, KUSTOMIZE_TREE);
    const read = await reader.read(entity(url));
    expect([...new Set(read?.objects.map(o => o.file))].sort()).toEqual(
      KUSTOMIZE_TREE_EVALUATED,
    );
    expect(
      read?.objects
        .filter(o => o.object.kind === 'Deployment')
        .map(o => o.object.metadata?.name),
    ).toEqual(['checkout']);
    expect(read?.warnings).toEqual([]);
  });

  it('refuses an overlay whose base is outside the folder it points at', async () => {
    const { git, reader } = setUp();
    const url =
      'https://github.com/acme/checkout/tree/main/kubernetes/overlays/prod';
    git.trees.set(
      url,
      Object.fromEntries(
        Object.entries(KUSTOMIZE_TREE)
          .filter(([file]) => file.startsWith('overlays/prod/'))
          .map(([file, text]) => [file.slice('overlays/prod/'.length), text]),
      ),
    );
    await expect(reader.read(entity(url))).rejects.toThrow(
      `kustomization.yaml: resource '../../base' is outside ${url}, the folder read`,
    );
  });

  describe('next to the entity file', () => {
    const examples = path.resolve(__dirname, '../../../../examples/components');
    const fileReader = new EntityManifestsReader({
      urlReader: new InMemoryGitHost(),
      integrations,
      maxFileBytes: 1024 * 1024,
    });

    it('scores the rate-quote demo as when every file was read', async () => {
      const folder = path.join(examples, 'deploy', 'rate-quote');
      const read = await fileReader.read(
        entity(
          './deploy/rate-quote',
          `file:${path.join(examples, 'rate-quote.yaml')}`,
        ),
      );
      expect(read?.objects.map(o => o.object.kind).sort()).toEqual([
        'ConfigMap',
        'Deployment',
        'Namespace',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
        'ServiceAccount',
      ]);

      // Before kustomizations were read, every file of the folder was.
      const everyFile: SourcedObject[] = fs
        .readdirSync(folder)
        .sort()
        .flatMap(
          file =>
            parseManifests(fs.readFileSync(path.join(folder, file), 'utf8'), {
              file,
            }).objects,
        );
      const now = new Date('2026-12-01T00:00:00Z');
      const score = (objects: SourcedObject[]) => {
        const report = evaluateReadiness({
          objects,
          config: DEFAULT_READINESS_CONFIG,
          now,
        });
        return {
          summary: report.summary,
          workloads: report.workloads.map(w => [w.name, w.score, w.level]),
        };
      };
      expect(score(read!.objects)).toEqual(score(everyFile));
      expect(score(read!.objects).workloads).toEqual([
        ['rate-quote', expect.any(Number), expect.any(String)],
      ]);
    });

    it('refuses a kustomization naming files outside the folder, symlinks included', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-git-'));
      try {
        const outside = path.join(root, 'outside');
        const deploy = path.join(root, 'service', 'deploy');
        fs.mkdirSync(outside, { recursive: true });
        fs.mkdirSync(deploy, { recursive: true });
        fs.writeFileSync(
          path.join(outside, 'host.yaml'),
          'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: host }\n',
        );
        fs.symlinkSync(
          path.join(outside, 'host.yaml'),
          path.join(deploy, 'host.yaml'),
        );
        fs.writeFileSync(
          path.join(deploy, 'kustomization.yaml'),
          'resources: [host.yaml]\n',
        );
        const catalogFile = `file:${path.join(
          root,
          'service',
          'catalog-info.yaml',
        )}`;
        const read = await fileReader.read(entity('./deploy', catalogFile));
        expect(read?.objects).toEqual([]);
        expect(read?.warnings[0]).toBe(
          `host.yaml: not read: it is a symbolic link to a file outside ${deploy}`,
        );

        fs.writeFileSync(
          path.join(deploy, 'kustomization.yaml'),
          'resources: [../../outside/host.yaml]\n',
        );
        await expect(
          fileReader.read(entity('./deploy', catalogFile)),
        ).rejects.toThrow(
          `kustomization.yaml: resource '../../outside/host.yaml' is outside ${deploy}, the folder read`,
        );
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
