/**
 * Formats a location as `file:line`, `file` or `<input>:line`.
 * @internal
 */
export function formatLocation(file?: string, line?: number): string {
  const name = file ?? '<input>';
  return line === undefined ? name : `${name}:${line}`;
}

/**
 * A manifest could not be read: syntax error, or a safety limit was hit.
 * The message starts with the file and, when known, the line:
 * `deploy/web.yaml:12: ...`.
 * @public
 */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  /** The file named in the options of the read, if any. */
  readonly file?: string;
  /** 1-based line of the problem, when known. */
  readonly line?: number;
  /** The message without its location. */
  readonly reason: string;

  constructor(reason: string, location: { file?: string; line?: number }) {
    super(`${formatLocation(location.file, location.line)}: ${reason}`);
    this.file = location.file;
    this.line = location.line;
    this.reason = reason;
  }
}
