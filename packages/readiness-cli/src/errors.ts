/**
 * A problem with the command line or the input: reported as
 * `readiness: <message>` with exit code 2, never with a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The message of anything thrown, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name;
  }
  return String(error);
}
