import {
  parseReadinessConfig,
  ReadinessConfig,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { loadConfig } from './config';
import { describeInputError, Inputs, readInputs } from './inputs';
import { CliIo } from './io';

const MIB = 1024 * 1024;

/** The options `check` and `platform` share for reading what they judge. */
export interface CommandInputOptions {
  config?: string;
  minLevel?: ReadinessLevel;
  maxFileSize: number;
  stdinFilename: string;
  exclude?: string[];
}

/** A judging command's configuration and inputs, read. */
export interface CommandInputs {
  config: ReadinessConfig;
  /** `--min-level`, else the configuration's gate. */
  minLevel: ReadinessLevel;
  inputs: Inputs;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Writes a warning to standard error. */
  warn: (message: string) => void;
}

/**
 * Reads the configuration and the inputs of `check` and `platform`, and
 * warns about each input that could not be read and each file left out
 * (empty files aside), so that one bad file never hides the others.
 */
export async function readCommandInputs(
  paths: string[],
  options: CommandInputOptions,
  io: CliIo,
): Promise<CommandInputs> {
  const maxBytes = Math.floor(options.maxFileSize * MIB);
  const warn = (message: string) => io.stderr.write(`readiness: ${message}\n`);

  const config = options.config
    ? loadConfig(options.config, maxBytes, warn)
    : parseReadinessConfig(undefined);
  const inputs = await readInputs(paths, {
    io,
    maxBytes,
    stdinName: options.stdinFilename,
    exclude: options.exclude,
  });
  for (const error of inputs.errors) {
    warn(describeInputError(error));
  }
  for (const note of inputs.notes) {
    if (note.reason !== 'empty') warn(note.message);
  }
  return {
    config,
    minLevel: options.minLevel ?? config.gate,
    inputs,
    maxBytes,
    warn,
  };
}
