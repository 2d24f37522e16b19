import path from 'node:path';
import { CliError } from './errors';
import {
  isDirectory,
  listManifestFiles,
  readTextFile,
} from '@prodready/backstage-plugin-readiness-node';
import { CliIo } from './io';
import {
  ManifestNote,
  parseManifests,
  SourcedObjectWithLine,
  isCatalogEntity,
} from '@prodready/backstage-plugin-readiness-common';

/** The argument that stands for standard input. */
export const STDIN_ARGUMENT = '-';

export interface InputOptions {
  io: CliIo;
  /** Largest file (or standard input) accepted, in bytes. */
  maxBytes: number;
  /** Name given to standard input in reports and messages. */
  stdinName: string;
}

/** Everything read from the command's path arguments. */
export interface Inputs {
  /** Kubernetes objects, in the order of the files and documents. */
  objects: SourcedObjectWithLine[];
  /** Backstage catalog entities found among the inputs. */
  entities: SourcedObjectWithLine[];
  notes: ManifestNote[];
  /** Files read, in order (standard input by its name). */
  files: string[];
}

/**
 * Expands the path arguments (files, directories, `-`) into files and reads
 * every manifest in them.
 */
export async function readInputs(
  paths: string[],
  options: InputOptions,
): Promise<Inputs> {
  const inputs: Inputs = { objects: [], entities: [], notes: [], files: [] };
  const seen = new Set<string>();
  let stdinRead = false;

  const readText = (file: string, text: string) => {
    const parsed = parseManifests(text, {
      file,
      limits: { maxLength: options.maxBytes },
    });
    inputs.files.push(file);
    for (const note of parsed.notes) {
      inputs.notes.push(note);
    }
    for (const object of parsed.objects) {
      (isCatalogEntity(object) ? inputs.entities : inputs.objects).push(object);
    }
  };

  for (const argument of paths) {
    if (argument === STDIN_ARGUMENT) {
      if (stdinRead) {
        throw new CliError('standard input (-) can be given only once');
      }
      stdinRead = true;
      let text: string;
      try {
        text = await options.io.readStdin(options.maxBytes);
      } catch (error) {
        throw error instanceof CliError
          ? new CliError(`${options.stdinName}: ${error.message}`)
          : error;
      }
      readText(options.stdinName, text);
      continue;
    }
    const files = isDirectory(argument)
      ? listManifestFiles(argument)
      : [argument];
    for (const file of files) {
      const key = path.resolve(file);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      readText(
        file,
        readTextFile(file, options.maxBytes, {
          limitHint: 'see --max-file-size',
        }),
      );
    }
  }
  return inputs;
}
