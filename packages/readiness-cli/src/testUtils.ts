import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CliIo, readStream } from './io';
import { main } from './main';

/** What a run of the CLI printed and returned. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a user would from the shell. */
export async function cli(
  args: string[],
  options: { stdin?: string; env?: Record<string, string>; tty?: boolean } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: {
      write: text => {
        stdout += text;
      },
      isTTY: options.tty ?? false,
    },
    stderr: {
      write: text => {
        stderr += text;
      },
    },
    readStdin: maxBytes =>
      readStream(Readable.from([Buffer.from(options.stdin ?? '')]), maxBytes),
    env: options.env ?? {},
  };
  const code = await main(args, io);
  // Whatever happens, no stack trace reaches the user.
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stdout).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  return { code, stdout, stderr };
}

/**
 * Runs each test of the calling `describe` in a new temporary directory, as
 * the current directory (relative paths, as a CI job in a checkout passes
 * them); `write` creates a file there.
 */
export function useWorkdir(): {
  write(file: string, content: string): string;
} {
  let workdir: string;
  let previousCwd: string;
  beforeEach(() => {
    previousCwd = process.cwd();
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-cli-'));
    process.chdir(workdir);
  });
  afterEach(() => {
    process.chdir(previousCwd);
    fs.rmSync(workdir, { recursive: true, force: true });
  });
  return {
    write(file: string, content: string) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
  };
}
