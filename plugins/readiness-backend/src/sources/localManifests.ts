/**
 * The manifest files of a folder on the backend's own disk, for the
 * directory sources and for entities whose manifests are next to their
 * catalog file: every `.yaml`, `.yml` and `.json` file below it, less what
 * its kustomizations leave out (see `kustomize.ts`). Reads stay inside the
 * folder: a symbolic link to a file or folder outside it is not followed.
 */
import {
  listManifestFiles,
  readTextFile,
} from '@prodready/readiness-manifest-files';
import fs from 'node:fs';
import path from 'node:path';
import { selectManifestFiles } from './kustomize';

export interface LocalManifestFiles {
  /** Absolute paths, in the order they are read. */
  files: string[];
  /** What was left out and why, one sentence each. */
  warnings: string[];
}

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(`${root}${path.sep}`);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The files to evaluate under `root`, with warnings naming what was left out. */
export async function localManifestFiles(
  root: string,
  maxFileBytes: number,
): Promise<LocalManifestFiles> {
  const realRoot = fs.realpathSync(root);
  const warnings: string[] = [];
  const relative = (file: string) =>
    path.relative(root, file).split(path.sep).join('/');

  const listed = listManifestFiles(root);
  // `Kustomization` has no extension: look for it in every folder listed.
  const folders = new Set([root, ...listed.map(file => path.dirname(file))]);
  for (const folder of folders) {
    const file = path.join(folder, 'Kustomization');
    if (isFile(file)) listed.push(file);
  }

  const inside: string[] = [];
  for (const file of listed) {
    if (isInside(realRoot, fs.realpathSync(file))) {
      inside.push(relative(file));
    } else {
      warnings.push(
        `${relative(
          file,
        )}: not read: it is a symbolic link to a file outside ${root}`,
      );
    }
  }

  const selection = await selectManifestFiles(
    inside,
    file => readTextFile(path.join(root, file), maxFileBytes),
    root,
  );
  return {
    files: selection.files.map(file => path.join(root, file)),
    warnings: [...warnings, ...selection.warnings],
  };
}
