/**
 * Which files of a folder of manifests are evaluated when the folder uses
 * Kustomize. A kustomization says which of the files beside it are
 * resources (objects) and which are patches (fragments that only change
 * other objects). Patches are never evaluated: a patch holding a partial
 * Deployment would otherwise be scored as a workload with no containers.
 *
 * The backend does not run Kustomize: it reads the resource files as they
 * are written, with no transformer applied (no `namespace:`, `images:`,
 * `commonLabels:`, no patch). Bases such as the golden path's
 * `kubernetes/base` therefore write every object out in full.
 *
 * The rules, for the files under the folder read (its root):
 * - A folder holding a kustomization (`kustomization.yaml`,
 *   `kustomization.yml` or `Kustomization`) governs its files and those of
 *   its subfolders that hold no kustomization of their own. A governed file
 *   is read only when a kustomization names it in `resources` (or `bases`,
 *   `components`), directly or as a file of a subfolder.
 * - A folder named in `resources` is read through its own kustomization,
 *   wherever it is in the tree (each file once).
 * - A file named in `patches`, `patchesStrategicMerge` or `patchesJson6902`
 *   is never read, wherever it is.
 * - Files governed by no kustomization are read as before.
 * - A resource outside the root (`../../base` from an overlay read on its
 *   own) is refused: reads stay inside the folder. Remote resources (a Git
 *   URL) are not read, and say so in a warning.
 */
import { InputError } from '@backstage/errors';
import {
  isKustomization,
  KUSTOMIZATION_FILE_NAMES,
  ManifestError,
  parseDocuments,
  readKustomization,
} from '@prodready/backstage-plugin-readiness-common';
import path from 'node:path';

/** The files to evaluate, as paths relative to the root ('/'-separated). */
export interface ManifestSelection {
  files: string[];
  /** Resources that were not read, each a sentence naming the kustomization. */
  warnings: string[];
}

const posix = path.posix;

/** True for a file name Kustomize looks for. */
export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(posix.basename(file));
}

/** A Git URL or other remote reference, which Kustomize fetches. */
function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^[a-z0-9.-]+\.[a-z]{2,}\/[^/]/i.test(entry) ||
    entry.includes('?ref=') ||
    entry.startsWith('git@')
  );
}

/** The folder of a relative path, '' for the root. */
function folderOf(file: string): string {
  const folder = posix.dirname(file);
  return folder === '.' ? '' : folder;
}

/**
 * Resolves `entry`, written in the kustomization of `folder`, against the
 * root; undefined when it leads outside.
 */
function resolveInside(folder: string, entry: string): string | undefined {
  if (posix.isAbsolute(entry) || path.win32.isAbsolute(entry)) return undefined;
  const resolved = posix.normalize(posix.join(folder, entry));
  if (resolved === '..' || resolved.startsWith('../')) return undefined;
  return resolved === '.' ? '' : resolved.replace(/\/$/, '');
}

function parseKustomization(text: string, file: string): unknown {
  try {
    return parseDocuments(text, { file }).documents[0]?.value;
  } catch (error) {
    if (error instanceof ManifestError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * Picks the files to evaluate out of `files` (every manifest and
 * kustomization file under the root, relative, '/'-separated).
 * `readText` reads a kustomization file; `rootName` names the root in
 * messages.
 */
export async function selectManifestFiles(
  files: readonly string[],
  readText: (file: string) => string | Promise<string>,
  rootName: string,
): Promise<ManifestSelection> {
  // The kustomization of each folder, by Kustomize's order of names.
  const kustomizations = new Map<string, string>();
  const present = new Set(files);
  for (const file of files) {
    if (!isKustomizationFile(file)) continue;
    const folder = folderOf(file);
    const current = kustomizations.get(folder);
    const rank = (name: string) =>
      KUSTOMIZATION_FILE_NAMES.indexOf(posix.basename(name));
    if (current === undefined || rank(file) < rank(current)) {
      kustomizations.set(folder, file);
    }
  }
  const manifests = files.filter(file => !isKustomizationFile(file));
  if (kustomizations.size === 0) return { files: manifests, warnings: [] };

  const folders = new Set<string>();
  for (const file of files) {
    for (let f = folderOf(file); f !== ''; f = folderOf(f)) folders.add(f);
  }

  const named = new Set<string>();
  const patches = new Set<string>();
  const warnings: string[] = [];
  for (const [folder, file] of [...kustomizations].sort()) {
    const value = parseKustomization(await readText(file), file);
    if (!isKustomization(value)) {
      // Not a kustomization after all: the folder is read as any other.
      kustomizations.delete(folder);
      continue;
    }
    const {
      resources,
      components,
      patches: patchFiles,
    } = readKustomization(value);
    for (const entry of patchFiles) {
      const resolved = resolveInside(folder, entry);
      if (resolved !== undefined) patches.add(resolved);
    }
    for (const entry of [...resources, ...components]) {
      if (isRemote(entry)) {
        warnings.push(
          `${file}: remote resource '${entry}' is not read; only files in ${rootName} are evaluated`,
        );
        continue;
      }
      const resolved = resolveInside(folder, entry);
      if (resolved === undefined) {
        throw new InputError(
          `${file}: resource '${entry}' is outside ${rootName}, the folder read; ` +
            'point the source at a folder that holds it (e.g. the parent of base and overlays)',
        );
      }
      if (present.has(resolved)) {
        named.add(resolved);
      } else if (!kustomizations.has(resolved)) {
        warnings.push(
          folders.has(resolved)
            ? `${file}: resource '${entry}' is a folder without a kustomization; it is not read`
            : `${file}: resource '${entry}' is not among the manifest files of ${rootName}`,
        );
      }
      // A folder with a kustomization is read through it, below.
    }
  }

  /** The folder whose kustomization governs a file, if any. */
  const governor = (file: string): string | undefined => {
    for (let folder = folderOf(file); ; folder = folderOf(folder)) {
      if (kustomizations.has(folder)) return folder;
      if (folder === '') return undefined;
    }
  };

  return {
    files: manifests.filter(
      file =>
        !patches.has(file) && (named.has(file) || governor(file) === undefined),
    ),
    warnings,
  };
}
