/**
 * Formats a location as `file:line`, `file` or `<input>:line`.
 * @internal
 */
export function formatLocation(file?: string, line?: number): string {
  const name = file ?? '<input>';
  return line === undefined ? name : `${name}:${line}`;
}

/**
 * Why a manifest could not be read: `syntax` (not valid YAML or JSON),
 * `limit` (a safety limit was hit), or `template` (an un-rendered Helm or Go
 * template, to be rendered before it is checked).
 * @public
 */
export type ManifestErrorKind = 'syntax' | 'limit' | 'template';

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
  /** What kind of problem it is. */
  readonly kind: ManifestErrorKind;

  constructor(
    reason: string,
    location: { file?: string; line?: number },
    kind: ManifestErrorKind = 'syntax',
  ) {
    super(`${formatLocation(location.file, location.line)}: ${reason}`);
    this.file = location.file;
    this.line = location.line;
    this.reason = reason;
    this.kind = kind;
  }
}
