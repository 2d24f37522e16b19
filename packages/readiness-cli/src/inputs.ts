import fs from 'node:fs';
import path from 'node:path';
import {
  isCatalogEntity,
  KUSTOMIZATION_FILE_NAMES,
  ManifestError,
  ManifestNote,
  ParsedManifests,
  parseManifests,
  SourcedObjectWithLine,
  UnrenderedTemplateError,
} from '@prodready/backstage-plugin-readiness-common';
import {
  ManifestFileError,
  readTextFile,
  walkManifestTree,
} from '@prodready/readiness-manifest-files';
import { CliError, describeError } from './errors';
import { Excluder } from './glob';
import { CliIo } from './io';
import {
  describeKustomization,
  findExecutable,
  KustomizationInfo,
  renderHint,
  renderKustomization,
  rootKustomizations,
} from './kustomize';

/** The argument that stands for standard input. */
export const STDIN_ARGUMENT = '-';

export interface InputOptions {
  io: CliIo;
  /** Largest file (or standard input) accepted, in bytes. */
  maxBytes: number;
  /** Name given to standard input in reports and messages. */
  stdinName: string;
  /** `--exclude` patterns. */
  exclude?: readonly string[];
  /** The directory relative paths are resolved against. */
  cwd?: string;
}

/** An input that could not be read: its file, the line when known, and why. */
export interface InputError {
  file: string;
  line?: number;
  message: string;
}

/** `deploy/web.yaml:12: invalid YAML: ...`. */
export function describeInputError(error: InputError): string {
  const location =
    error.line === undefined ? error.file : `${error.file}:${error.line}`;
  return `${location}: ${error.message}`;
}

/** Everything read from the command's path arguments. */
export interface Inputs {
  /** Kubernetes objects, in the order of the files and documents. */
  objects: SourcedObjectWithLine[];
  /** Backstage catalog entities found among the inputs. */
  entities: SourcedObjectWithLine[];
  notes: ManifestNote[];
  /** Files read, in order (standard input by its name, a kustomization by its folder). */
  files: string[];
  /** Inputs that could not be read, in the order met. */
  errors: InputError[];
  /** Files and folders `--exclude` left out. */
  excluded: number;
  /** Kustomize patch files, not evaluated. */
  patches: string[];
  /** Files in a kustomization's folder that it does not name, not evaluated. */
  unnamed: string[];
  /** Kustomizations rendered with kubectl: the folder and its kustomization file. */
  rendered: Array<{ directory: string; file: string }>;
}

/** One thing to read, in the order of the arguments and the walk. */
type Unit =
  | { type: 'stdin' }
  | { type: 'file'; file: string }
  | { type: 'error'; error: InputError };

const HELM_CHART_FILE = 'Chart.yaml';

function helmChartError(directory: string): InputError {
  const name = path.basename(path.resolve(directory)) || 'release';
  return {
    file: directory,
    message: `a Helm chart (it holds ${HELM_CHART_FILE} and templates), whose templates are not manifests until rendered: render it first, e.g. \`helm template ${name} ${directory} | readiness check - --stdin-filename ${directory}\``,
  };
}

/** A thrown reading problem as an input error, keeping file and line. */
function inputErrorOf(error: unknown, file: string): InputError {
  if (error instanceof ManifestError) {
    return {
      file: error.file ?? file,
      ...(error.line === undefined ? {} : { line: error.line }),
      message: error.reason,
    };
  }
  if (error instanceof ManifestFileError) {
    const prefix = `${error.file}: `;
    return {
      file: error.file,
      message: error.message.startsWith(prefix)
        ? error.message.slice(prefix.length)
        : error.message,
    };
  }
  return { file, message: describeError(error) };
}

function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(path.basename(file));
}

/**
 * The kustomization file beside `file` that names it as a patch, if any:
 * a patch given as a file argument is not evaluated either.
 */
function kustomizationPatching(
  file: string,
  maxBytes: number,
): string | undefined {
  const directory = path.dirname(file);
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const candidate = path.join(directory, name);
    if (!fs.existsSync(candidate)) continue;
    const info = describeKustomization(candidate, maxBytes);
    return info.patches.includes(path.resolve(file)) ? candidate : undefined;
  }
  return undefined;
}

/**
 * Expands the path arguments (files, directories, `-`) and reads every
 * manifest in them. Unreadable inputs do not stop the reading: each is
 * recorded in `errors`, and the rest is read.
 *
 * Directories: Helm charts (a `Chart.yaml` and templates) are refused; folders holding a
 * kustomization are rendered with `kubectl kustomize`, except those another
 * kustomization among the inputs includes (a base under its overlays);
 * files a kustomization names are read only through it, so patches are
 * never evaluated on their own, and other files in its folder are not
 * evaluated (with a note), as Kustomize ignores them.
 */
export async function readInputs(
  paths: string[],
  options: InputOptions,
): Promise<Inputs> {
  const cwd = options.cwd ?? process.cwd();
  const excluder = new Excluder(options.exclude ?? [], cwd);
  const inputs: Inputs = {
    objects: [],
    entities: [],
    notes: [],
    files: [],
    errors: [],
    excluded: 0,
    patches: [],
    unnamed: [],
    rendered: [],
  };

  // 1. Expand the arguments into files, kustomizations and charts.
  const units: Unit[] = [];
  const kustomizationFiles: string[] = [];
  const seen = new Set<string>();
  let stdinGiven = false;
  for (const argument of paths) {
    if (argument === STDIN_ARGUMENT) {
      if (stdinGiven) {
        throw new CliError('standard input (-) can be given only once');
      }
      stdinGiven = true;
      units.push({ type: 'stdin' });
      continue;
    }
    let stats: fs.Stats;
    try {
      stats = fs.statSync(argument);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code;
      units.push({
        type: 'error',
        error: {
          file: argument,
          message:
            code === 'ENOENT'
              ? 'no such file or directory'
              : `cannot read: ${describeError(error)}`,
        },
      });
      continue;
    }
    if (excluder.match(argument)) {
      inputs.excluded++;
      continue;
    }
    if (!stats.isDirectory()) {
      if (
        path.basename(argument) === HELM_CHART_FILE &&
        fs.existsSync(path.join(path.dirname(argument), 'templates'))
      ) {
        units.push({
          type: 'error',
          error: helmChartError(path.dirname(argument)),
        });
      } else if (isKustomizationFile(argument)) {
        kustomizationFiles.push(argument);
        units.push({ type: 'file', file: argument });
      } else {
        const patchOf = kustomizationPatching(argument, options.maxBytes);
        if (patchOf) {
          // Named on its own, a patch is still only a fragment.
          inputs.patches.push(argument);
          options.io.stderr.write(
            `readiness: ${argument}: a Kustomize patch (named in ${patchOf}), not evaluated on its own; check its kustomization's folder instead\n`,
          );
        } else {
          units.push({ type: 'file', file: argument });
        }
      }
      continue;
    }
    let tree;
    try {
      tree = walkManifestTree(argument, {
        exclude: (relative, full) =>
          excluder.match(full, relative) !== undefined,
      });
    } catch (error) {
      units.push({ type: 'error', error: inputErrorOf(error, argument) });
      continue;
    }
    inputs.excluded += tree.excluded;
    // Charts are reported where the walk met them, among the files.
    const charts = [...tree.charts];
    kustomizationFiles.push(...tree.kustomizations);
    for (const file of tree.files) {
      while (charts.length > 0 && compareNames(charts[0], file) < 0) {
        units.push({ type: 'error', error: helmChartError(charts.shift()!) });
      }
      units.push({ type: 'file', file });
    }
    for (const chart of charts) {
      units.push({ type: 'error', error: helmChartError(chart) });
    }
    // A `Kustomization` file has no extension, so it is not among the files.
    for (const file of tree.kustomizations) {
      if (!tree.files.includes(file)) {
        units.push({ type: 'file', file });
      }
    }
  }

  // 2. Kustomizations: which to render, and which files they own.
  const kustomizations = kustomizationFiles
    .filter(file => {
      const key = path.resolve(file);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(file => describeKustomization(file, options.maxBytes));
  seen.clear();
  const roots = new Set(rootKustomizations(kustomizations));
  const named = new Set(kustomizations.flatMap(k => k.namedFiles));
  const patches = new Set(kustomizations.flatMap(k => k.patches));
  const kustomizationFileSet = new Set(
    kustomizations.map(k => path.resolve(k.file)),
  );
  const kustomizationByDir = new Map(
    kustomizations.map(k => [path.resolve(k.directory), k] as const),
  );
  const rootByFile = new Map(
    kustomizations
      .filter(k => roots.has(k))
      .map(k => [path.resolve(k.file), k] as const),
  );

  const included = new Set(kustomizations.flatMap(k => k.includedDirectories));
  const unusedComponents = new Map(
    kustomizations
      .filter(k => k.component && !included.has(path.resolve(k.directory)))
      .map(k => [path.resolve(k.file), k] as const),
  );

  const kubectl = findExecutable('kubectl', options.io.env.PATH);

  // 3. Read, in order.
  const read = (file: string, text: string, withLines = true) => {
    let parsed: ParsedManifests;
    try {
      parsed = parseManifests(text, {
        file,
        limits: { maxLength: options.maxBytes },
      });
    } catch (error) {
      inputs.errors.push(inputErrorOf(error, file));
      // A file in which only some documents are un-rendered templates:
      // the others are still evaluated, as every readable input is.
      if (!(error instanceof UnrenderedTemplateError)) return;
      parsed = error.parsed as ParsedManifests;
    }
    inputs.files.push(file);
    inputs.notes.push(...parsed.notes);
    for (const object of parsed.objects) {
      if (!withLines) delete object.line;
      (isCatalogEntity(object) ? inputs.entities : inputs.objects).push(object);
    }
  };

  for (const unit of units) {
    if (unit.type === 'error') {
      inputs.errors.push(unit.error);
      continue;
    }
    if (unit.type === 'stdin') {
      let text: string;
      try {
        text = await options.io.readStdin(options.maxBytes);
      } catch (error) {
        inputs.errors.push(inputErrorOf(error, options.stdinName));
        continue;
      }
      read(options.stdinName, text);
      continue;
    }
    const key = path.resolve(unit.file);
    if (seen.has(key)) continue;
    seen.add(key);
    const root = rootByFile.get(key);
    if (root) {
      renderRoot(root);
      continue;
    }
    const unused = unusedComponents.get(key);
    if (unused) {
      options.io.stderr.write(
        `readiness: ${unused.directory}: a Kustomize Component that no kustomization among the inputs uses: not evaluated (Kustomize renders it only as part of one)\n`,
      );
    }
    // Read only through the kustomization that names it.
    if (named.has(key) || kustomizationFileSet.has(key)) {
      if (patches.has(key)) inputs.patches.push(unit.file);
      continue;
    }
    // Beside a kustomization that does not name it: Kustomize ignores it,
    // and so does the gate, but not silently.
    const beside = kustomizationByDir.get(path.dirname(key));
    if (beside) {
      inputs.unnamed.push(unit.file);
      options.io.stderr.write(
        `readiness: ${unit.file}: not evaluated: it is in the folder of ${beside.file}, which does not name it\n`,
      );
      continue;
    }
    let text: string;
    try {
      text = readTextFile(unit.file, options.maxBytes, {
        limitHint: 'see --max-file-size',
      });
    } catch (error) {
      inputs.errors.push(inputErrorOf(error, unit.file));
      continue;
    }
    read(unit.file, text);
  }

  function renderRoot(kustomization: KustomizationInfo) {
    const { directory, file } = kustomization;
    if (kustomization.error) {
      inputs.errors.push(inputErrorOf(kustomization.error, file));
      return;
    }
    if (kustomization.remote.length > 0) {
      inputs.errors.push({
        file: directory,
        message: `a kustomization with remote resources (${kustomization.remote.join(
          ', ',
        )}), which the gate does not fetch: render it first, e.g. \`${renderHint(
          directory,
        )}\``,
      });
      return;
    }
    if (!kubectl) {
      inputs.errors.push({
        file: directory,
        message: `a kustomization, and kubectl is not on PATH to render it: render it first, e.g. \`${renderHint(
          directory,
        )}\``,
      });
      return;
    }
    let text: string;
    try {
      text = renderKustomization(
        kubectl,
        directory,
        options.io.env,
        options.maxBytes,
      );
    } catch (error) {
      inputs.errors.push({ file: directory, message: describeError(error) });
      return;
    }
    inputs.rendered.push({ directory, file });
    // Lines of kubectl's output point nowhere in the repository: the
    // objects are reported against the folder alone.
    read(directory, text, false);
  }

  return inputs;
}

/** Code-point order of paths, as the walk lists them. */
function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
