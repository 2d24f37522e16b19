import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  listManifestFiles,
  ManifestFileError,
  readTextFile,
  walkManifestTree,
} from './manifestFiles';

describe('manifest files', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-files-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function write(relative: string, text = 'kind: ConfigMap\n') {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }

  it('finds YAML and JSON manifests recursively, in a stable order', () => {
    write('web/service.yaml');
    write('web/deployment.yml');
    write('api/list.json');
    write('README.md');
    write('.github/workflows/ci.yaml');
    write('node_modules/chart/values.yaml');

    const found = listManifestFiles(root).map(file =>
      path.relative(root, file),
    );

    expect(found).toEqual([
      'api/list.json',
      'web/deployment.yml',
      'web/service.yaml',
    ]);
  });

  it('does not loop on a symbolic link back up the tree', () => {
    write('base/deployment.yaml');
    fs.symlinkSync(root, path.join(root, 'base', 'loop'));

    expect(listManifestFiles(root)).toEqual([
      path.join(root, 'base', 'deployment.yaml'),
    ]);
  });

  it('walks a tree: kustomizations found, Helm charts not entered, exclusions pruned', () => {
    write('apps/web/base/kustomization.yaml', 'resources: [deployment.yaml]\n');
    write('apps/web/base/deployment.yaml');
    write('apps/web/overlays/prod/Kustomization', 'resources: [../../base]\n');
    write('apps/web/overlays/prod/replicas-patch.yaml');
    write('charts/web/Chart.yaml', 'apiVersion: v2\nname: web\n');
    write('charts/web/templates/deployment.yaml', 'kind: {{ .Values.kind }}\n');
    write('vendor/crds/prometheus.yaml');
    // Argo CD's redis-ha: a chart's output kept beside its metadata.
    write('redis-ha/chart/Chart.yaml', 'apiVersion: v2\nname: redis-ha\n');
    write('redis-ha/chart/values.yaml', 'replicas: 3\n');
    write('redis-ha/chart/upstream.yaml');
    write('legacy/old.yaml');
    const seen: string[] = [];

    const tree = walkManifestTree(root, {
      exclude: (relative, full, isDirectory) => {
        seen.push(relative);
        expect(full).toBe(path.join(root, ...relative.split('/')));
        return (
          (isDirectory && relative === 'vendor') ||
          relative === 'legacy/old.yaml'
        );
      },
    });
    const relative = (files: string[]) =>
      files.map(file => path.relative(root, file).split(path.sep).join('/'));

    expect(relative(tree.files)).toEqual([
      'apps/web/base/deployment.yaml',
      'apps/web/base/kustomization.yaml',
      'apps/web/overlays/prod/replicas-patch.yaml',
      'redis-ha/chart/upstream.yaml',
    ]);
    expect(relative(tree.kustomizations)).toEqual([
      'apps/web/base/kustomization.yaml',
      'apps/web/overlays/prod/Kustomization',
    ]);
    expect(relative(tree.charts)).toEqual(['charts/web']);
    expect(tree.excluded).toBe(2);
    // Nothing under an excluded folder or a chart is even looked at.
    expect(seen).not.toContain('vendor/crds');
    expect(seen).not.toContain('charts/web/templates');
    // listManifestFiles keeps reading every manifest file.
    expect(relative(listManifestFiles(root))).toContain(
      'charts/web/templates/deployment.yaml',
    );
  });

  it('names the file it cannot read', () => {
    const missing = path.join(root, 'missing.yaml');
    expect(() => readTextFile(missing, 1024)).toThrow(ManifestFileError);
    expect(() => readTextFile(missing, 1024)).toThrow(
      `${missing}: no such file or directory`,
    );
    expect(() => listManifestFiles(missing)).toThrow(
      `${missing}: no such file or directory`,
    );
  });

  it('refuses a file over the size limit, with the hint it is given', () => {
    write('big.yaml', 'x'.repeat(4096));
    const file = path.join(root, 'big.yaml');

    expect(() =>
      readTextFile(file, 1024, { limitHint: 'see --max-file-size' }),
    ).toThrow(
      `${file}: file is too large: 4 KiB, more than the limit of 1 KiB (see --max-file-size)`,
    );
    expect(readTextFile(file, 8192)).toHaveLength(4096);
  });

  it('decodes as readFileSync does: BOM kept, invalid bytes replaced', () => {
    const file = path.join(root, 'odd.yaml');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('\ufeffkind: Pod # é € 😀 '),
        Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]),
      ]),
    );

    expect(readTextFile(file, 1024)).toBe(fs.readFileSync(file, 'utf8'));
    expect(readTextFile(file, 1024).charCodeAt(0)).toBe(0xfeff);
  });
});
