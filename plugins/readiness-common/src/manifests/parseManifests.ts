import type * as Yaml from 'yaml';
import type { YAMLError } from 'yaml';
import type { KubeObject } from '../types';
import { jsonErrorOffset } from './jsonErrorOffset';
import { ManifestError, formatLocation } from './ManifestError';
import {
  DEFAULT_MANIFEST_LIMITS,
  ManifestFormat,
  ManifestLimits,
  ManifestNote,
  ManifestNoteReason,
  ParseManifestsOptions,
  ParsedDocuments,
  ParsedManifests,
  SourcedObjectWithLine,
} from './types';

let yaml: typeof Yaml | undefined;

/**
 * The yaml package, loaded on first use: JSON input (such as a large
 * `kubectl get -o json` dump) never needs it, and loading it costs about
 * 20 ms of the CLI's start-up.
 */
function loadYaml(): typeof Yaml {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml;
}

/**
 * Text that looks like JSON but fails `JSON.parse` is retried as YAML (flow
 * style, e.g. `{apiVersion: v1, kind: Pod}`) only up to this length: the YAML
 * parser is far slower than `JSON.parse` on large inputs.
 */
const YAML_FALLBACK_MAX_LENGTH = 1024 * 1024;

/** One parsed document, before objects are picked out of it. */
interface RawDocument {
  /** 1-based position in the text. */
  index: number;
  value: unknown;
  /** 1-based line where the document's content starts. */
  line?: number;
  /** The YAML node of the content, to find the lines of list items. */
  node?: unknown;
}

interface ReadContext {
  file?: string;
  limits: ManifestLimits;
  /** Line of a character offset (YAML only). */
  lineOf?: (offset: number) => number;
}

/** Picks Kubernetes objects out of parsed documents. */
class Collector {
  readonly objects: SourcedObjectWithLine[] = [];
  readonly notes: ManifestNote[] = [];

  constructor(private readonly ctx: ReadContext) {}

  visit(
    value: unknown,
    node: unknown,
    document: number,
    label: string,
    line: number | undefined,
  ): void {
    if (value === null || value === undefined) {
      this.note('empty', document, line, `${label} ignored: it is empty`);
      return;
    }
    if (Array.isArray(value)) {
      // A top-level sequence of objects: read each, like the items of a List.
      this.visitItems(value, node, document, label, line);
      return;
    }
    if (!isRecord(value)) {
      this.note(
        'not-kubernetes',
        document,
        line,
        `${label} ignored: not a Kubernetes object (a ${typeof value}, not a mapping)`,
      );
      return;
    }
    if (isList(value)) {
      // Only YAML documents have nodes (for the lines of the items).
      const itemsNode =
        node && loadYaml().isMap(node) ? node.get('items', true) : undefined;
      this.visitItems(
        value.items.map(item => withListKind(item, value)),
        itemsNode,
        document,
        `${label}, items`,
        line,
      );
      return;
    }
    const hasApiVersion =
      typeof value.apiVersion === 'string' && value.apiVersion !== '';
    const hasKind = typeof value.kind === 'string' && value.kind !== '';
    if (!hasApiVersion || !hasKind) {
      const missing = [
        hasApiVersion ? undefined : 'apiVersion',
        hasKind ? undefined : 'kind',
      ].filter(Boolean);
      this.note(
        'not-kubernetes',
        document,
        line,
        `${label} ignored: not a Kubernetes object (it has no ${missing.join(
          ' and no ',
        )})`,
      );
      return;
    }
    const object: SourcedObjectWithLine = { object: value as KubeObject };
    if (this.ctx.file !== undefined) {
      object.file = this.ctx.file;
    }
    if (line !== undefined) {
      object.line = line;
    }
    this.objects.push(object);
  }

  private visitItems(
    items: unknown[],
    node: unknown,
    document: number,
    label: string,
    line: number | undefined,
  ) {
    const itemNodes = node && loadYaml().isSeq(node) ? node.items : undefined;
    for (let i = 0; i < items.length; i++) {
      const itemNode = itemNodes?.[i];
      this.visit(
        items[i],
        itemNode,
        document,
        `${label}[${i}]`,
        this.lineOfNode(itemNode) ?? (itemNodes ? line : undefined),
      );
    }
  }

  private lineOfNode(node: unknown): number | undefined {
    const range = (node as { range?: number[] } | undefined)?.range;
    if (!range || !this.ctx.lineOf) {
      return undefined;
    }
    return this.ctx.lineOf(range[0]);
  }

  private note(
    reason: ManifestNoteReason,
    document: number,
    line: number | undefined,
    text: string,
  ) {
    const note: ManifestNote = {
      document,
      reason,
      message: `${formatLocation(this.ctx.file, line)}: ${text}`,
    };
    if (this.ctx.file !== undefined) {
      note.file = this.ctx.file;
    }
    if (line !== undefined) {
      note.line = line;
    }
    this.notes.push(note);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `kind: List` as written by kubectl, or an API list kind such as `DeploymentList`. */
function isList(
  value: Record<string, unknown>,
): value is Record<string, unknown> & { kind: string; items: unknown[] } {
  return (
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    Array.isArray(value.items)
  );
}

/**
 * Items of an API list (`DeploymentList`) carry no `apiVersion` and `kind`:
 * they are those of the list, less the `List` suffix.
 */
function withListKind(
  item: unknown,
  list: { kind: string; apiVersion?: unknown },
): unknown {
  if (
    list.kind === 'List' ||
    !isRecord(item) ||
    (item.kind !== undefined && item.apiVersion !== undefined)
  ) {
    return item;
  }
  return {
    apiVersion: item.apiVersion ?? list.apiVersion,
    kind: item.kind ?? list.kind.slice(0, -'List'.length),
    ...item,
  };
}

/**
 * Reads Kubernetes objects from YAML (one or more documents) or JSON text,
 * as `kubectl` would take them: `List` kinds (`kind: List`, `DeploymentList`,
 * ...) are flattened into their items. Documents that are not Kubernetes
 * objects are skipped and reported in `notes`.
 *
 * Text whose first non-blank character is `{` or `[` is read with
 * `JSON.parse`, which is much faster than a YAML parser on large cluster dumps.
 *
 * Pure TypeScript, so it runs in the backend, the CLI and the browser.
 *
 * @throws {@link ManifestError} on a syntax error or when a limit is exceeded;
 *   the message names the file and, when known, the line.
 * @public
 */
export function parseManifests(
  text: string,
  options: ParseManifestsOptions = {},
): ParsedManifests {
  const ctx = contextOf(options);
  const { documents, format } = readDocuments(text, ctx);
  const collector = new Collector(ctx);
  for (const document of documents) {
    collector.visit(
      document.value,
      document.node,
      document.index,
      `document ${document.index}`,
      document.line,
    );
  }
  return { objects: collector.objects, notes: collector.notes, format };
}

/**
 * Reads the documents of a YAML or JSON text as plain values, with the same
 * limits and error messages as {@link parseManifests}, for files that are not
 * Kubernetes manifests (configuration, catalog entities).
 *
 * @throws {@link ManifestError}
 * @public
 */
export function parseDocuments(
  text: string,
  options: ParseManifestsOptions = {},
): ParsedDocuments {
  const { documents, format } = readDocuments(text, contextOf(options));
  return {
    documents: documents.map(({ index, value, line }) =>
      line === undefined ? { index, value } : { index, value, line },
    ),
    format,
  };
}

function contextOf(options: ParseManifestsOptions): ReadContext {
  return {
    file: options.file,
    limits: { ...DEFAULT_MANIFEST_LIMITS, ...definedOnly(options.limits) },
  };
}

function readDocuments(
  text: string,
  ctx: ReadContext,
): { documents: RawDocument[]; format: ManifestFormat } {
  const { limits } = ctx;
  if (text.length > limits.maxLength) {
    throw new ManifestError(
      `input is too large: ${formatSize(
        text.length,
      )}, more than the limit of ${formatSize(limits.maxLength)}`,
      { file: ctx.file },
    );
  }

  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = firstNonBlank(source);
  if (start >= 0 && (source[start] === '{' || source[start] === '[')) {
    return readJson(source, start, ctx);
  }
  return { documents: readYaml(source, ctx), format: 'yaml' };
}

function readJson(
  source: string,
  start: number,
  ctx: ReadContext,
): { documents: RawDocument[]; format: ManifestFormat } {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    if (source.length <= YAML_FALLBACK_MAX_LENGTH) {
      try {
        return { documents: readYaml(source, ctx), format: 'yaml' };
      } catch {
        // Not YAML either: the JSON error is the one that makes sense.
      }
    }
    throw jsonError(error, source, ctx.file);
  }
  const line = lineAt(source, start);
  assertDepth(value, ctx, line);
  return { documents: [{ index: 1, value, line }], format: 'json' };
}

function jsonError(error: unknown, source: string, file?: string) {
  const message = error instanceof Error ? error.message : String(error);
  let line: number | undefined;
  let reason: string;
  const lineMatch = /\(line (\d+) column \d+\)/.exec(message);
  const positionMatch = /at position (\d+)/.exec(message);
  if (/is not valid JSON|"/.test(message)) {
    // V8 quotes the input around the error ("Unexpected token 'x', "...":
    // that may be a secret, so find the place without showing it.
    const offset = jsonErrorOffset(source);
    line = offset >= 0 ? lineAt(source, offset) : undefined;
    reason = 'unexpected token';
  } else {
    if (lineMatch) {
      line = Number(lineMatch[1]);
    } else if (positionMatch) {
      line = lineAt(source, Number(positionMatch[1]));
    } else if (/end of JSON input/i.test(message)) {
      line = lineAt(source, source.length);
    }
    reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s*(in JSON )?at position \d+/, '');
  }
  return new ManifestError(`invalid JSON: ${reason}`, { file, line });
}

function readYaml(source: string, ctx: ReadContext): RawDocument[] {
  const { file, limits } = ctx;
  // Every `---` at the start of a line starts a document: refuse a text with
  // too many before spending time parsing it.
  const markers = source.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  if (markers > limits.maxDocuments) {
    throw tooManyDocuments(markers, limits, file);
  }

  const { LineCounter, parseAllDocuments } = loadYaml();
  const lineCounter = new LineCounter();
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  ctx.lineOf = lineOf;
  let documents;
  try {
    documents = parseAllDocuments(source, {
      lineCounter,
      prettyErrors: true,
      // `<<: *defaults` merge keys, as Kubernetes' own YAML reader accepts.
      merge: true,
    });
  } catch (error) {
    throw new ManifestError(yamlFailure(error, limits), { file });
  }
  if (documents.length > limits.maxDocuments) {
    throw tooManyDocuments(documents.length, limits, file);
  }

  const result: RawDocument[] = [];
  for (let i = 0; i < documents.length; i++) {
    const document = documents[i];
    const error = document.errors[0];
    if (error) {
      throw yamlError(error, limits, file);
    }
    const contents = document.contents as { range?: number[] } | null;
    const line = lineOf(contents?.range?.[0] ?? document.range[0]);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (toJsError) {
      throw new ManifestError(yamlFailure(toJsError, limits), { file, line });
    }
    assertDepth(value, ctx, line);
    result.push({ index: i + 1, value, line, node: document.contents });
  }
  return result;
}

function yamlError(error: YAMLError, limits: ManifestLimits, file?: string) {
  const line = error.linePos?.[0]?.line;
  if (error.code === 'RESOURCE_EXHAUSTION') {
    return new ManifestError(tooDeep(limits), { file, line });
  }
  // With prettyErrors the yaml package appends " at line L, column C:" and
  // a snippet of the source; the line is in the location already.
  const reason = error.message
    .replace(/ at line \d+, column \d+:?[\s\S]*$/, '')
    // Messages such as 'Unexpected scalar token in YAML stream: "..."' quote
    // the input, which may be a secret value.
    .replace(/:\s*".*"$/, '')
    .trim();
  return new ManifestError(`invalid YAML: ${reason}`, { file, line });
}

/** Explains an exception thrown while parsing or converting YAML. */
function yamlFailure(error: unknown, limits: ManifestLimits): string {
  if (error instanceof RangeError) {
    return tooDeep(limits);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/excessive alias count/i.test(message)) {
    return `too many YAML aliases (possible alias bomb): more than ${limits.maxAliasCount} alias expansions in one document`;
  }
  return `invalid YAML: ${message}`;
}

function tooDeep(limits: ManifestLimits) {
  return `nesting is too deep: more than ${limits.maxDepth} levels of mappings and sequences`;
}

function tooManyDocuments(
  count: number,
  limits: ManifestLimits,
  file?: string,
): ManifestError {
  return new ManifestError(
    `too many YAML documents: ${count}, more than the limit of ${limits.maxDocuments}`,
    { file },
  );
}

/** Throws when `value` nests mappings and sequences deeper than the limit. */
function assertDepth(value: unknown, ctx: ReadContext, line?: number) {
  if (exceedsDepth(value, ctx.limits.maxDepth)) {
    throw new ManifestError(tooDeep(ctx.limits), { file: ctx.file, line });
  }
}

/**
 * True when `value` has more than `levels` nested objects and arrays. The
 * recursion stops at the limit, so its own depth is bounded.
 */
function exceedsDepth(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  if (levels === 0) {
    return true;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (exceedsDepth(value[i], levels - 1)) {
        return true;
      }
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (exceedsDepth(record[key], levels - 1)) {
      return true;
    }
  }
  return false;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  const result: Partial<T> = {};
  for (const [key, entry] of Object.entries(value ?? {})) {
    if (entry !== undefined) {
      (result as Record<string, unknown>)[key] = entry;
    }
  }
  return result;
}

function firstNonBlank(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // space, tab, line feed, carriage return
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      return i;
    }
  }
  return -1;
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  // Search only the text before the offset: a one-line JSON file would
  // otherwise be scanned to its end (tens of MB) for a newline.
  const head = text.slice(0, offset);
  let line = 1;
  let index = head.indexOf('\n');
  while (index !== -1) {
    line++;
    index = head.indexOf('\n', index + 1);
  }
  return line;
}

function formatSize(length: number): string {
  const mib = length / (1024 * 1024);
  return mib >= 1
    ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`
    : `${length} characters`;
}
