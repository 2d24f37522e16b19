import fs from 'node:fs';
import { CliError, describeError } from './errors';
import { CliIo } from './io';

/** Writes a report given whole or in pieces (a workload or object each). */
function writeInPieces(
  output: string | Iterable<string>,
  write: (text: string) => void,
) {
  if (typeof output === 'string') {
    write(output);
    return;
  }
  for (const piece of output) {
    write(piece);
  }
}

function writeReportFile(file: string, output: string | Iterable<string>) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'w');
    const target = fd;
    writeInPieces(output, text => fs.writeSync(target, text));
  } catch (error) {
    throw new CliError(
      `${file}: cannot write the report: ${describeError(error)}`,
    );
  } finally {
    if (fd !== undefined) {
      fs.closeSync(fd);
    }
  }
}

/**
 * Writes a report to `file` (`--output`), then calls `written` (which says
 * so on stderr, with the verdict), or to standard output.
 */
export function writeReport(
  output: string | Iterable<string>,
  file: string | undefined,
  io: CliIo,
  written: () => void,
): void {
  if (file) {
    writeReportFile(file, output);
    written();
  } else {
    writeInPieces(output, text => io.stdout.write(text));
  }
}
