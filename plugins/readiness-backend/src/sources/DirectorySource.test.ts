import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DirectorySource } from './DirectorySource';
import { KUSTOMIZE_TREE, KUSTOMIZE_TREE_EVALUATED } from './testKustomizeTree';

function writeTree(root: string, tree: Record<string, string>) {
  for (const [file, text] of Object.entries(tree)) {
    const full = path.join(root, ...file.split('/'));
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
}

describe('DirectorySource', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-dir-'));
    fs.mkdirSync(path.join(root, 'shop'));
    fs.writeFileSync(
      path.join(root, 'shop', 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n',
    );
    fs.writeFileSync(
      path.join(root, 'dump.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'policy/v1',
            kind: 'PodDisruptionBudget',
            metadata: { name: 'web', namespace: 'shop' },
          },
        ],
      }),
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads manifests and kubectl dumps recursively, tagged with file and cluster', async () => {
    const source = new DirectorySource(
      { id: 'directory:demo', path: root, cluster: 'demo' },
      1024 * 1024,
    );
    const { objects } = await source.read();
    expect(objects.map(o => [o.object.kind, o.file, o.cluster]).sort()).toEqual(
      [
        ['Deployment', path.join('shop', 'web.yaml'), 'demo'],
        ['PodDisruptionBudget', 'dump.json', 'demo'],
        ['Service', path.join('shop', 'web.yaml'), 'demo'],
      ],
    );
  });

  it('fails the whole read on a malformed file, naming it and the line', async () => {
    fs.writeFileSync(
      path.join(root, 'shop', 'broken.yaml'),
      'kind: Deployment\nmetadata:\n  name: [x\n',
    );
    const source = new DirectorySource(
      { id: 'directory:demo', path: root },
      1024 * 1024,
    );
    await expect(source.read()).rejects.toThrow(
      new RegExp(`^${path.join('shop', 'broken.yaml')}:\\d+: invalid YAML`),
    );
  });

  it('fails when the folder is missing', async () => {
    const source = new DirectorySource(
      { id: 'directory:gone', path: path.join(root, 'gone') },
      1024,
    );
    await expect(source.read()).rejects.toThrow(
      /gone: no such file or directory/,
    );
  });

  it('reads what kustomizations name as resources, never their patches', async () => {
    writeTree(path.join(root, 'checkout'), KUSTOMIZE_TREE);
    const source = new DirectorySource(
      { id: 'directory:demo', path: root },
      1024 * 1024,
    );
    const { objects, warnings } = await source.read();
    const checkout = objects.filter(o => o.file!.startsWith('checkout'));
    expect([...new Set(checkout.map(o => o.file))].sort()).toEqual(
      KUSTOMIZE_TREE_EVALUATED.map(file =>
        path.join('checkout', ...file.split('/')),
      ),
    );
    const deployments = checkout.filter(o => o.object.kind === 'Deployment');
    expect(deployments.map(o => [o.object.metadata?.name, o.file])).toEqual([
      ['checkout', path.join('checkout', 'base', 'deployment.yaml')],
    ]);
    // Folders without a kustomization are read as before.
    expect(objects.map(o => o.file)).toContain('dump.json');
    expect(warnings).toEqual([]);
  });

  it('does not follow a symbolic link out of the folder', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-out-'));
    try {
      fs.writeFileSync(
        path.join(outside, 'secret.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: host }\n',
      );
      fs.symlinkSync(outside, path.join(root, 'linked'));
      const source = new DirectorySource(
        { id: 'directory:demo', path: root },
        1024 * 1024,
      );
      const { objects, warnings } = await source.read();
      expect(objects.map(o => o.object.metadata?.name)).not.toContain('host');
      expect(warnings).toEqual([
        `linked/secret.yaml: not read: it is a symbolic link to a file outside ${root}`,
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
