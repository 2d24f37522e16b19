/**
 * Recognising secret material in a name and a literal value, as the
 * catalogue defines it for `no-secrets-in-env` and `no-secrets-in-configmap`.
 * Everything here only classifies: callers report names, paths and line
 * numbers, never a value or any part of one.
 */

/** A credential recognised by its shape, whatever its name. @public */
export type CredentialFormat =
  | 'private-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'stripe-key'
  | 'google-api-key'
  | 'jwt';

/**
 * Why a name and value count as secret material: a known credential format,
 * a sensitive name with a secret-looking value, or a generated key under a
 * `key` name. @public
 */
export type SecretKind = CredentialFormat | 'sensitive-name' | 'generated-key';

/** How each kind is named in messages ("holds a GitHub token"). @public */
export const SECRET_KIND_LABELS: Readonly<Record<SecretKind, string>> = {
  'private-key': 'a private key',
  'github-token': 'a GitHub token',
  'gitlab-token': 'a GitLab token',
  'slack-token': 'a Slack token',
  'stripe-key': 'a Stripe live key',
  'google-api-key': 'a Google API key',
  jwt: 'a JSON Web Token',
  'sensitive-name': 'a literal value under a sensitive name',
  'generated-key': 'what looks like a generated key',
};

// ---------------------------------------------------------------------------
// Names

const SENSITIVE_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  'credentials',
  'bearer',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
]);

/** Adjacent word pairs, keyed by their first word. */
const SENSITIVE_PAIRS = new Map([
  ['api', 'key'],
  ['private', 'key'],
  ['access', 'key'],
  ['secret', 'key'],
]);

/** A last word that says the name refers to a secret rather than holds one. */
const NON_SECRET_LAST_WORDS = new Set([
  'file',
  'path',
  'dir',
  'name',
  'id',
  'version',
  'ref',
  'arn',
  'url',
  'count',
  'length',
  'size',
  'ttl',
  'timeout',
  'enabled',
]);

// Every sensitive word or pair contains one of these; most names contain
// none, so they are answered without splitting.
const MAYBE_SENSITIVE = /pass|secret|token|credential|bearer|key/i;

const UNDERSCORE = 95;
const HYPHEN = 45;
const DOT = 46;
const isLower = (code: number) => code >= 97 && code <= 122;
const isUpper = (code: number) => code >= 65 && code <= 90;

/**
 * The words of a name: split at `_`, `-`, `.` and where a lower-case letter
 * is followed by an upper-case one, then lower-cased. `camelCaseApiKey` →
 * `camel case api key`; `APIKey` → `apikey`.
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let index = 0; index <= name.length; index++) {
    const code = index < name.length ? name.charCodeAt(index) : UNDERSCORE;
    const separator = code === UNDERSCORE || code === HYPHEN || code === DOT;
    const caseChange =
      !separator &&
      index > start &&
      isUpper(code) &&
      isLower(name.charCodeAt(index - 1));
    if (separator || caseChange) {
      if (index > start) words.push(name.slice(start, index).toLowerCase());
      start = separator ? index + 1 : index;
    }
  }
  return words;
}

function sensitiveWords(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  if (NON_SECRET_LAST_WORDS.has(words[words.length - 1])) return false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (SENSITIVE_WORDS.has(word)) return true;
    const pair = SENSITIVE_PAIRS.get(word);
    if (pair !== undefined && words[index + 1] === pair) return true;
  }
  return false;
}

const SENSITIVE = 1;
const LAST_WORD_KEY = 2;

// The same env names recur in thousands of workloads: remember the answer
// for each name (bounded, so arbitrary input cannot grow it without end).
const nameClasses = new Map<string, number>();
const MAX_REMEMBERED_NAMES = 4096;

/** SENSITIVE and LAST_WORD_KEY bits of a name. */
function classifyName(name: string): number {
  if (!MAYBE_SENSITIVE.test(name)) return 0;
  let result = nameClasses.get(name);
  if (result === undefined) {
    const words = nameWords(name);
    result =
      (sensitiveWords(words) ? SENSITIVE : 0) |
      (words[words.length - 1] === 'key' ? LAST_WORD_KEY : 0);
    if (nameClasses.size >= MAX_REMEMBERED_NAMES) nameClasses.clear();
    nameClasses.set(name, result);
  }
  return result;
}

/**
 * True when a variable or key name says it holds a secret: one of its whole
 * words is sensitive (`DB_PASSWORD`, `camelCaseApiKey`), unless its last
 * word says it only points at one (`DB_PASSWORD_FILE`, `accessKeyId`).
 * `MAX_TOTAL_TOKENS` and `TOKENIZER` are not sensitive. @public
 */
export function isSensitiveName(name: string): boolean {
  return (classifyName(name) & SENSITIVE) !== 0;
}

// ---------------------------------------------------------------------------
// Values

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN_WORDS = new Set(
  ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false'].flatMap(word => [
    word,
    word[0].toUpperCase() + word.slice(1),
    word.toUpperCase(),
  ]),
);
// `$(VAR)` is Kubernetes' own reference; `${VAR}` is the placeholder of
// Spring, envsubst and most config templating. Neither holds material, but a
// default (`${VAR:changeme}`) might, so only bare names count.
const REFERENCE = /\$\([^()$\s]+\)|\$\{[A-Za-z_][\w.-]*\}/g;
const NEWLINE = /[\r\n]/;
// Lines as embedded files break them: `\n`, `\r\n` or a lone `\r`.
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * True unless the value is empty, a number, a YAML boolean word, an absolute
 * path (`/...` or `file://...`, on one line) or only `$(VAR)` or `${VAR}`
 * references.
 * Numbers and booleans that YAML already parsed count as such. @public
 */
export function isSecretLookingValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text.length === 0) return false;
  if (NUMBER.test(text) || BOOLEAN_WORDS.has(text)) return false;
  if (
    (text.startsWith('/') || text.startsWith('file://')) &&
    !NEWLINE.test(text)
  ) {
    return false;
  }
  if (text.includes('$') && text.replace(REFERENCE, '').trim() === '') {
    return false;
  }
  return true;
}

const WHITESPACE_CHAR = /\s/;
const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;
const DIGIT = /[0-9]/;

/** At least 24 characters, no whitespace, upper case, lower case and digits. */
function looksGenerated(value: string): boolean {
  return (
    value.length >= 24 &&
    !WHITESPACE_CHAR.test(value) &&
    UPPER.test(value) &&
    LOWER.test(value) &&
    DIGIT.test(value)
  );
}

// ---------------------------------------------------------------------------
// Known credential formats

// An armour line: dashes, BEGIN, optional words, PRIVATE KEY, on one line.
const PEM_PRIVATE_KEY =
  /-[ \t]*BEGIN[ \t]+(?:[A-Z0-9]+[ \t]+)*?PRIVATE[ \t]+KEY/;

// Tokens start where no token character precedes them. The prefix must be
// followed by a body: a bare `ghp_` in prose is not a token.
const PREFIXED_TOKEN =
  /(?<![A-Za-z0-9_])(?:gh[pousr]_|github_pat_|glpat-|xox[baprs]-|[rs]k_live_)[A-Za-z0-9_-]{8,}/;
const GOOGLE_API_KEY =
  /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/;
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/;

// `eyJ.eyJ.` is the shortest of them.
const SHORTEST_CREDENTIAL = 8;

function tokenFormat(token: string): CredentialFormat {
  if (token.startsWith('gh') || token.startsWith('github_pat_')) {
    return 'github-token';
  }
  if (token.startsWith('glpat-')) return 'gitlab-token';
  if (token.startsWith('xox')) return 'slack-token';
  return 'stripe-key';
}

/**
 * The first known credential format found anywhere in the text: a PEM
 * private key, a token with a well-known prefix, a Google API key or a JWT.
 * @public
 */
export function findCredentialFormat(
  text: string,
): CredentialFormat | undefined {
  // Each format contains a fixed marker; most values contain none, and
  // `includes` rules them out far faster than the patterns can.
  if (text.length < SHORTEST_CREDENTIAL) return undefined;
  if (text.includes('BEGIN') && PEM_PRIVATE_KEY.test(text)) {
    return 'private-key';
  }
  if (
    text.includes('gh') ||
    text.includes('github_pat_') ||
    text.includes('glpat-') ||
    text.includes('xox') ||
    text.includes('k_live_')
  ) {
    const token = PREFIXED_TOKEN.exec(text);
    if (token) return tokenFormat(token[0]);
  }
  if (text.includes('AIza') && GOOGLE_API_KEY.test(text)) {
    return 'google-api-key';
  }
  if (text.includes('eyJ') && JWT.test(text)) return 'jwt';
  return undefined;
}

/** True when text contains a PEM private key armour line. @public */
export function containsPrivateKey(text: string): boolean {
  return text.includes('BEGIN') && PEM_PRIVATE_KEY.test(text);
}

/**
 * Whether a name and its literal value are secret material, and why; in
 * order: a known credential format in the value, a sensitive name with a
 * secret-looking value, a generated key under a name whose last word is
 * `key`. Undefined when they are not. @public
 */
export function secretMaterial(
  name: string,
  value: unknown,
): SecretKind | undefined {
  if (typeof value !== 'string') return undefined;
  const format = findCredentialFormat(value);
  if (format) return format;
  const nameClass = classifyName(name);
  if (nameClass & SENSITIVE && isSecretLookingValue(value)) {
    return 'sensitive-name';
  }
  if (nameClass & LAST_WORD_KEY && looksGenerated(value)) {
    return 'generated-key';
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Embedded config files (ConfigMap values of several lines)

/** True when a value holds several lines, like an embedded config file. @public */
export function isEmbeddedFile(text: string): boolean {
  return NEWLINE.test(text.trim());
}

/** Secret material on one line of an embedded file. @public */
export interface EmbeddedSecret {
  /** 1-based line number within the value. */
  line: number;
  kind: SecretKind;
  /** The key the line assigns, unless a credential format was found. */
  key?: string;
}

// `key=value`, `key: value`, `key = "value"`, optionally a YAML list item,
// a quoted (JSON) key or a shell `export`.
const ASSIGNMENT =
  /^\s*(?:-\s+)?(?:export\s+)?(["']?)([A-Za-z0-9_.-]+)\1\s*[=:](.*)$/;
const BLOCK_SCALAR = /^[|>][-+0-9]*$/;
const INLINE_COMMENT = /(?:^|\s)#/;
// How YAML and JSON files write "no value"; such a line assigns nothing.
const NULL_WORDS = new Set(['null', 'Null', 'NULL', '~']);

/**
 * The value a line assigns, with surrounding quotes, a trailing JSON comma
 * and an unquoted value's ` # comment` removed.
 */
function assignedValue(raw: string): string {
  let text = raw.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.lastIndexOf(quote);
    return end > 0 ? text.slice(1, end) : text.slice(1);
  }
  const comment = text.search(INLINE_COMMENT);
  if (comment >= 0) text = text.slice(0, comment).trim();
  if (text.endsWith(',')) text = text.slice(0, -1).trim();
  return NULL_WORDS.has(text) ? '' : text;
}

/**
 * Lines of an embedded config file that hold secret material: a known
 * credential format anywhere on the line, or a line assigning a value to a
 * key where the key (as a name) and the value are secret material
 * (`spring.datasource.password=hunter2`, `api_key: "abc"`). A YAML block
 * scalar (`password: |`) is judged by the line that follows. @public
 */
export function findEmbeddedSecrets(text: string): EmbeddedSecret[] {
  const lines = text.split(LINE_BREAK);
  const found: EmbeddedSecret[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const format = findCredentialFormat(line);
    if (format) {
      found.push({ line: index + 1, kind: format });
      continue;
    }
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment || !MAYBE_SENSITIVE.test(assignment[2])) continue;
    let value = assignedValue(assignment[3]);
    if (BLOCK_SCALAR.test(value)) {
      let next = index + 1;
      while (next < lines.length && lines[next].trim() === '') next++;
      value = next < lines.length ? lines[next].trim() : '';
      // A credential on the next line is reported on that line.
      if (findCredentialFormat(value)) continue;
    }
    const kind = secretMaterial(assignment[2], value);
    if (kind) found.push({ line: index + 1, kind, key: assignment[2] });
  }
  return found;
}

/** What a ConfigMap value holds, judged with its key as the name. @public */
export interface ConfigValueSecrets {
  /** The value as a whole is secret material under the key's name. */
  whole?: SecretKind;
  /** For an embedded file: the lines holding secret material. */
  lines: EmbeddedSecret[];
}

// Shared by every value without secret lines; frozen so no caller can fill it.
const NO_LINES = Object.freeze([]) as unknown as EmbeddedSecret[];

/**
 * Judges a ConfigMap value (text, or decoded `binaryData`) under its key. A
 * one-line value is judged as a whole. An embedded file is judged as a
 * whole by its key's name only (`credentials.json`), and line by line for
 * credential formats and assignments to sensitive keys. @public
 */
export function findSecretsInConfigValue(
  key: string,
  value: unknown,
): ConfigValueSecrets {
  if (typeof value !== 'string' || !isEmbeddedFile(value)) {
    const whole = secretMaterial(key, value);
    return whole ? { whole, lines: NO_LINES } : { lines: NO_LINES };
  }
  const lines = findEmbeddedSecrets(value);
  return isSensitiveName(key) && isSecretLookingValue(value)
    ? { whole: 'sensitive-name', lines }
    : { lines };
}

// ---------------------------------------------------------------------------
// binaryData

// Decoding huge binary blobs to look for a PEM header is not worth it.
const MAX_DECODED_LENGTH = 1 << 20;
const WHITESPACE = /\s+/g;

/**
 * Decodes base64 (as in ConfigMap `binaryData`); undefined if it is not
 * base64 or longer than 1 MiB. @public
 */
export function decodeBase64(text: string): string | undefined {
  if (text.length > MAX_DECODED_LENGTH) return undefined;
  const decode = (globalThis as { atob?: (data: string) => string }).atob;
  if (!decode) return undefined;
  try {
    return decode(text.replace(WHITESPACE, ''));
  } catch {
    return undefined;
  }
}
