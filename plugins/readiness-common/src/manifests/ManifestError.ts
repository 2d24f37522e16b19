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

/** A document of a text that is an un-rendered template. @public */
export interface TemplateDocument {
  /** 1-based position of the document in the text. */
  document: number;
  /** 1-based line of its first template expression. */
  line: number;
}

/**
 * Documents of a text are un-rendered Helm or Go templates: a key or an
 * unquoted value holds a `{{ ... }}` expression. They are not evaluated;
 * `kind` is `template`, `line` is that of the first expression. The other
 * documents of the text were read: what they hold is in `parsed`, so a
 * caller can evaluate them and still report the templates.
 * @public
 */
export class UnrenderedTemplateError<T = unknown> extends ManifestError {
  /** The template documents, in order. */
  readonly templates: TemplateDocument[];
  /** What the other documents of the text hold. */
  readonly parsed: T;

  constructor(
    file: string | undefined,
    templates: TemplateDocument[],
    parsed: T,
  ) {
    const count =
      templates.length > 1 ? ` (${templates.length} documents)` : '';
    super(
      `un-rendered Helm or Go template ({{ ... }} in a key or an unquoted value), not evaluated${count}: render it first, e.g. \`helm template ... | readiness check -\``,
      { file, line: templates[0]?.line },
      'template',
    );
    this.templates = templates;
    this.parsed = parsed;
  }
}
