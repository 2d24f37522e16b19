import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  listManifestFiles,
  ManifestFileError,
  readTextFile,
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
