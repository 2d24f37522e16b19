import fs from 'node:fs';
import { formatSize } from '@prodready/readiness-manifest-files';
import { CliError } from './errors';

/** Where the CLI writes, so tests can run it in-process. */
export interface OutputStream {
  write(text: string): void;
  /** True when the stream is a terminal (colour is used only then). */
  isTTY?: boolean;
}

/** The process environment the CLI runs in. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Reads all of standard input; throws when it exceeds `maxBytes`. */
  readStdin(maxBytes: number): Promise<string>;
  env: Record<string, string | undefined>;
}

/** True when `fd` is a file or a device such as /dev/null, not a terminal. */
function isFileLike(fd: number, isTTY: boolean): boolean {
  if (isTTY) return false;
  try {
    const stats = fs.fstatSync(fd);
    return stats.isFile() || stats.isCharacterDevice();
  } catch {
    return false;
  }
}

/**
 * Whether a standard stream's reader has gone away. `readiness check . |
 * head -1` closes the pipe after one line, and the next write fails with
 * EPIPE, emitted as an `error` event that would end the process with a
 * stack trace. The CLI stops writing to that stream instead, quietly, as
 * other command-line tools do, and still exits with the gate's code. Any
 * other write error is thrown as before.
 */
const brokenPipes = new Map<NodeJS.WriteStream, { closed: boolean }>();

function brokenPipe(stream: NodeJS.WriteStream): { closed: boolean } {
  let state = brokenPipes.get(stream);
  if (!state) {
    const watched = { closed: false };
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') {
        throw error;
      }
      watched.closed = true;
    });
    brokenPipes.set(stream, watched);
    state = watched;
  }
  return state;
}

/** Writes to a stream until its reader goes away. */
function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  const pipe = brokenPipe(stream);
  return text => {
    if (!pipe.closed) {
      stream.write(text);
    }
  };
}

/**
 * Writes to standard output. When it is a file (`> report.json`, or
 * /dev/null) Node writes to it synchronously with `fs.writeSync` anyway;
 * calling that directly skips the stream machinery, which costs about 70 ms
 * for the 20,000 pieces of a 20,000-workload JSON report. Pipes and
 * terminals keep `process.stdout`.
 */
function stdoutWriter(): (text: string) => void {
  const fd = process.stdout.fd;
  if (isFileLike(fd, Boolean(process.stdout.isTTY))) {
    return text => {
      fs.writeSync(fd, text);
    };
  }
  return streamWriter(process.stdout);
}

/** The real process: `process.stdout`, `process.stderr`, `process.stdin`. */
export function processIo(): CliIo {
  return {
    stdout: {
      write: stdoutWriter(),
      isTTY: Boolean(process.stdout.isTTY),
    },
    stderr: {
      write: streamWriter(process.stderr),
      isTTY: Boolean(process.stderr.isTTY),
    },
    readStdin: maxBytes => readStream(process.stdin, maxBytes),
    env: process.env,
  };
}

/** Reads a stream to its end as UTF-8, refusing more than `maxBytes`. */
export async function readStream(
  stream: AsyncIterable<Buffer | string>,
  maxBytes: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) {
      throw new CliError(
        `input is too large: more than the limit of ${formatSize(
          maxBytes,
        )} (see --max-file-size)`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
