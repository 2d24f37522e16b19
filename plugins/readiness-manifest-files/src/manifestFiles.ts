import fs from 'node:fs';
import path from 'node:path';
import { KUSTOMIZATION_FILE_NAMES } from '@prodready/backstage-plugin-readiness-common';

/**
 * A manifest file or folder that cannot be read; the message names it.
 *
 * @public
 */
export class ManifestFileError extends Error {
  override readonly name = 'ManifestFileError';
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

/** Extensions read when a directory is given. */
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Says why a file system call failed, in words, naming the file. */
function fileError(file: string, error: unknown): ManifestFileError {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new ManifestFileError(file, 'no such file or directory');
    case 'EACCES':
    case 'EPERM':
      return new ManifestFileError(file, 'permission denied');
    case 'EISDIR':
      return new ManifestFileError(file, 'is a directory');
    default:
      return new ManifestFileError(
        file,
        `cannot read: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
  }
}

/**
 * A size for messages, in the unit that reads best: `512 bytes`, `4 KiB`,
 * `1.5 MiB`.
 *
 * @public
 */
export function formatSize(bytes: number): string {
  const units: Array<[string, number]> = [
    ['MiB', 1024 * 1024],
    ['KiB', 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/**
 * Decodes as `readFileSync(file, 'utf8')` does (a byte order mark is kept,
 * invalid bytes become U+FFFD), but about twice as fast on large files: it
 * validates with SIMD and copies ASCII text as is.
 */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads a UTF-8 text file, refusing files larger than `maxBytes`.
 *
 * @public
 */
export function readTextFile(
  file: string,
  maxBytes: number,
  options: { limitHint?: string } = {},
): string {
  let size: number;
  try {
    const stats = fs.statSync(file);
    if (stats.isDirectory()) {
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    size = stats.size;
  } catch (error) {
    throw fileError(file, error);
  }
  if (size > maxBytes) {
    throw new ManifestFileError(
      file,
      `file is too large: ${formatSize(
        size,
      )}, more than the limit of ${formatSize(maxBytes)}${
        options.limitHint ? ` (${options.limitHint})` : ''
      }`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw fileError(file, error);
  }
  return UTF8.decode(bytes);
}

/**
 * True when `file` names a directory (following symbolic links).
 *
 * @public
 */
export function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch (error) {
    throw fileError(file, error);
  }
}

/**
 * The manifest files under a directory, recursively: `.yaml`, `.yml` and
 * `.json`, skipping names that start with a dot (`.git`, `.github`, tool
 * configuration) and `node_modules`. Sorted by name at every level, so the
 * output is the same on every machine.
 *
 * @public
 */
export function listManifestFiles(directory: string): string[] {
  const tree: ManifestTree = {
    files: [],
    kustomizations: [],
    charts: [],
    excluded: 0,
  };
  walk(directory, '', new Set(), tree, { stopAtCharts: false });
  return tree.files;
}

/**
 * Options of {@link walkManifestTree}.
 *
 * @public
 */
export interface ManifestTreeOptions {
  /**
   * Leaves a file or folder out when it returns true. `relative` is the path
   * from the walked directory with `/` separators (`charts/web`); `full` is
   * the path as given to the file system. An excluded folder is not entered.
   */
  exclude?: (relative: string, full: string, isDirectory: boolean) => boolean;
}

/**
 * What {@link walkManifestTree} found under a directory.
 *
 * @public
 */
export interface ManifestTree {
  /** Manifest files (`.yaml`, `.yml`, `.json`), in name order, outside Helm charts. */
  files: string[];
  /** Kustomization files (`kustomization.yaml`, ...), one per folder; they are in `files` too. */
  kustomizations: string[];
  /**
   * Helm charts, not entered: folders holding a `Chart.yaml` and a
   * `templates` folder. A chart folder without templates is read, without
   * its `Chart.yaml`, `requirements.yaml` and `values*.yaml`.
   */
  charts: string[];
  /** How many files and folders `exclude` left out. */
  excluded: number;
}

/** The file Helm recognises a chart by. */
const HELM_CHART_FILE = 'Chart.yaml';

/** A chart's own files, which are not manifests: Chart.yaml, values*.yaml... */
const HELM_METADATA_FILE =
  /^(Chart\.yaml|requirements\.yaml|values[^/]*\.ya?ml|values\.schema\.json)$/;

/**
 * Walks a directory as {@link listManifestFiles} does, and also says which
 * folders are Kustomize kustomizations and which are Helm charts (whose
 * templates are not manifests until rendered, so the walk does not enter
 * them), leaving out what `exclude` matches.
 *
 * @public
 */
export function walkManifestTree(
  directory: string,
  options: ManifestTreeOptions = {},
): ManifestTree {
  const tree: ManifestTree = {
    files: [],
    kustomizations: [],
    charts: [],
    excluded: 0,
  };
  walk(directory, '', new Set(), tree, {
    stopAtCharts: true,
    exclude: options.exclude,
  });
  return tree;
}

interface WalkOptions extends ManifestTreeOptions {
  stopAtCharts: boolean;
}

function walk(
  directory: string,
  relative: string,
  visited: Set<string>,
  tree: ManifestTree,
  options: WalkOptions,
) {
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fs.realpathSync(directory);
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw fileError(directory, error);
  }
  // A symbolic link back up the tree must not loop.
  if (visited.has(real)) {
    return;
  }
  visited.add(real);
  // A chart folder: with templates, it is a chart to render (not entered);
  // without, its manifests are output kept beside the chart's metadata
  // (Argo CD's redis-ha keeps `helm template`'s output as upstream.yaml),
  // read without the metadata.
  const isChartFolder =
    options.stopAtCharts &&
    entries.some(entry => entry.name === HELM_CHART_FILE);
  if (isChartFolder && entries.some(entry => entry.name === 'templates')) {
    tree.charts.push(directory);
    return;
  }
  entries.sort((a, b) => compareNames(a.name, b.name));
  const kustomizations: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') {
      continue;
    }
    const full = path.join(directory, entry.name);
    const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stats = fs.statSync(full);
        isDir = stats.isDirectory();
        isFile = stats.isFile();
      } catch {
        continue; // a dangling link
      }
    }
    if (!isDir && !isFile) {
      continue;
    }
    const isManifest =
      isFile && MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase());
    const isKustomization =
      isFile && KUSTOMIZATION_FILE_NAMES.includes(entry.name);
    if (!isDir && !isManifest && !isKustomization) {
      continue;
    }
    if (isChartFolder && isFile && HELM_METADATA_FILE.test(entry.name)) {
      continue;
    }
    if (options.exclude?.(childRelative, full, isDir)) {
      tree.excluded++;
      continue;
    }
    if (isDir) {
      walk(full, childRelative, visited, tree, options);
      continue;
    }
    if (isKustomization) {
      kustomizations.push(entry.name);
    }
    if (isManifest) {
      tree.files.push(full);
    }
  }
  // Kustomize reads the first of its file names that exists.
  const kustomization = KUSTOMIZATION_FILE_NAMES.find(name =>
    kustomizations.includes(name),
  );
  if (kustomization) {
    tree.kustomizations.push(path.join(directory, kustomization));
  }
}

/** Code-point order: the same whatever the machine's locale. */
function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
