import type * as JsYaml from 'js-yaml';
import type * as Yaml from 'yaml';
import type { KubeObject } from '../types';
import { knownKindOf } from '../model/kinds';
import { recordOrigin } from './fieldLines';
import { jsonErrorOffset } from './jsonErrorOffset';
import {
  displayTag,
  kubernetesSchema,
  withUnknownTags,
} from './kubernetesYaml';
import { TextSource, countLines, locateField, locateItems } from './locate';
import {
  ManifestError,
  TemplateDocument,
  UnrenderedTemplateError,
  formatLocation,
} from './ManifestError';
import { templateExpressionOffset } from './templates';
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

let jsYamlModule: typeof JsYaml | undefined;
let yamlModule: typeof Yaml | undefined;

/**
 * The YAML parsers, loaded on first use: JSON input (such as a large
 * `kubectl get -o json` dump) never needs them, and loading them costs
 * some 20 ms of the CLI's start-up. js-yaml reads every YAML document; the
 * yaml package's syntax tree is used only to tell an un-rendered template
 * from quoted `{{` text, in documents that hold `{{`.
 */
function loadJsYaml(): typeof JsYaml {
  jsYamlModule ??= require('js-yaml') as typeof JsYaml;
  return jsYamlModule;
}

function loadYaml(): typeof Yaml {
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule;
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
  /** Offset of the document's content in the text, to find its nodes. */
  node?: number;
  /** Offset where the document ends. */
  end: number;
  /** Tags the document uses that Kubernetes does not know. */
  unknownTags?: Set<string>;
  /**
   * Line of the first template expression of an un-rendered template,
   * which is not read further.
   */
  template?: number;
}

interface ReadContext {
  file?: string;
  limits: ManifestLimits;
  /** The text read (without a byte order mark). */
  text: string;
  /** Lines of offsets in the text. */
  lines: LineCounter;
  format: ManifestFormat;
}

/**
 * Lines of offsets in a text, counted from the last offset asked about:
 * cheap when offsets are asked in order, as the reader does.
 */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineOf(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    this.line += countLines(this.text, this.offset, offset);
    this.offset = offset;
    return this.line;
  }
}

/** Picks Kubernetes objects out of parsed documents. */
class Collector {
  readonly objects: SourcedObjectWithLine[] = [];
  readonly notes: ManifestNote[] = [];

  constructor(private readonly ctx: ReadContext) {}

  visitDocument(document: RawDocument) {
    const label = `document ${document.index}`;
    if (document.unknownTags) {
      const tags = [...document.unknownTags].map(displayTag);
      this.note(
        'unknown-tag',
        document.index,
        document.line,
        `${label}: ${tags.length === 1 ? 'tag' : 'tags'} ${tags.join(
          ', ',
        )} unknown to Kubernetes, read as if untagged`,
      );
    }
    const source: TextSource = {
      text: this.ctx.text,
      json: this.ctx.format === 'json',
      end: document.end,
    };
    this.visit(
      document.value,
      source,
      document.node,
      document.index,
      label,
      document.line,
    );
  }

  private visit(
    value: unknown,
    source: TextSource,
    node: number | undefined,
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
      this.visitItems(value, source, node, document, label, line);
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
      const items =
        node === undefined ? undefined : locateField(source, node, 'items');
      this.visitItems(
        value.items.map(item => withListKind(item, value)),
        source,
        items?.value,
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
    recordOrigin(value, source, node, line);
    this.objects.push(object);
  }

  private visitItems(
    items: unknown[],
    source: TextSource,
    node: number | undefined,
    document: number,
    label: string,
    line: number | undefined,
  ) {
    // On one line (compact JSON), every item is on the line of the list:
    // no need to look for them.
    let located =
      node !== undefined && hasLineBreak(source, node)
        ? locateItems(source, node)
        : [];
    if (located.length !== items.length) {
      // A layout the locator does not follow: the items get the line of
      // their list rather than a wrong one.
      located = [];
    }
    for (let i = 0; i < items.length; i++) {
      const item = located[i];
      const start = item?.value;
      this.visit(
        items[i],
        source,
        start,
        document,
        `${label}[${i}]`,
        item ? this.ctx.lines.lineOf(start ?? item.anchor) : line,
      );
    }
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

/** True when the document has a line break after `offset` (a trailing one aside). */
function hasLineBreak(source: TextSource, offset: number): boolean {
  const newline = source.text.indexOf('\n', offset);
  return (
    newline !== -1 &&
    newline < source.end &&
    firstNonBlank(source.text.slice(newline, source.end)) !== -1
  );
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
 * YAML is read as Kubernetes reads it (YAML 1.1 scalars: unquoted `yes`,
 * `on`, `y` are booleans, `0644` is octal), with `<<` merge keys. Text whose
 * first non-blank character is `{` or `[` is read with `JSON.parse`, which is
 * much faster than a YAML parser on large cluster dumps. Every object gets
 * the line it starts on, JSON list items included; {@link fieldLineOf}
 * finds the line of a field inside it.
 *
 * Pure TypeScript, so it runs in the backend, the CLI and the browser.
 *
 * @throws {@link ManifestError} on a syntax error or when a limit is
 *   exceeded; the message names the file and, when known, the line.
 * @throws {@link UnrenderedTemplateError} (a ManifestError of kind
 *   `template`) when documents are un-rendered Helm or Go templates; its
 *   `parsed` holds the {@link ParsedManifests} of the other documents.
 * @public
 */
export function parseManifests(
  text: string,
  options: ParseManifestsOptions = {},
): ParsedManifests {
  const ctx = contextOf(text, options);
  const documents = readDocuments(ctx);
  const collector = new Collector(ctx);
  for (const document of documents) {
    if (document.template === undefined) {
      collector.visitDocument(document);
    }
  }
  const parsed: ParsedManifests = {
    objects: collector.objects,
    notes: collector.notes,
    format: ctx.format,
  };
  assertNoTemplates(documents, ctx, parsed);
  return parsed;
}

/**
 * Throws an {@link UnrenderedTemplateError} when documents are templates,
 * with what the others hold.
 */
function assertNoTemplates<T>(
  documents: RawDocument[],
  ctx: ReadContext,
  parsed: T,
) {
  const templates: TemplateDocument[] = [];
  for (const { index, template } of documents) {
    if (template !== undefined) {
      templates.push({ document: index, line: template });
    }
  }
  if (templates.length > 0) {
    throw new UnrenderedTemplateError(ctx.file, templates, parsed);
  }
}

/**
 * Reads the documents of a YAML or JSON text as plain values, with the same
 * limits, YAML rules and error messages as {@link parseManifests}, for files
 * that are not Kubernetes manifests (configuration, catalog entities).
 *
 * @throws {@link ManifestError}, and {@link UnrenderedTemplateError} whose
 *   `parsed` holds the {@link ParsedDocuments} of the other documents.
 * @public
 */
export function parseDocuments(
  text: string,
  options: ParseManifestsOptions = {},
): ParsedDocuments {
  const ctx = contextOf(text, options);
  const documents = readDocuments(ctx);
  const parsed: ParsedDocuments = {
    documents: documents
      .filter(document => document.template === undefined)
      .map(({ index, value, line }) =>
        line === undefined ? { index, value } : { index, value, line },
      ),
    format: ctx.format,
  };
  assertNoTemplates(documents, ctx, parsed);
  return parsed;
}

function contextOf(text: string, options: ParseManifestsOptions): ReadContext {
  const limits = { ...DEFAULT_MANIFEST_LIMITS, ...definedOnly(options.limits) };
  if (text.length > limits.maxLength) {
    throw new ManifestError(
      `input is too large: ${formatSize(
        text.length,
      )}, more than the limit of ${formatSize(limits.maxLength)}`,
      { file: options.file },
      'limit',
    );
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return {
    file: options.file,
    limits,
    text: source,
    lines: new LineCounter(source),
    format: 'yaml',
  };
}

function readDocuments(ctx: ReadContext): RawDocument[] {
  const source = ctx.text;
  const start = firstNonBlank(source);
  if (start >= 0 && (source[start] === '{' || source[start] === '[')) {
    return readJson(start, ctx);
  }
  return readYaml(ctx);
}

function readJson(start: number, ctx: ReadContext): RawDocument[] {
  const source = ctx.text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    if (source.length <= YAML_FALLBACK_MAX_LENGTH) {
      try {
        return readYaml(ctx);
      } catch {
        // Not YAML either: the JSON error is the one that makes sense.
      }
    }
    throw jsonError(error, source, ctx.file);
  }
  ctx.format = 'json';
  const line = ctx.lines.lineOf(start);
  assertDepth(value, ctx, line);
  return [{ index: 1, value, line, node: start, end: source.length }];
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

/** Where the documents of a YAML stream start and end. */
interface DocumentSpan {
  start: number;
  end: number;
}

/**
 * Every `---` at the start of a line starts a document and every `...` ends
 * one (YAML forbids both at the start of a line inside a node, so this holds
 * for any text that parses). Text before the first `---` is a document when
 * it holds more than comments and directives.
 */
function documentSpans(source: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  const marker = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let explicit = false;
  const close = (end: number) => {
    if (explicit || contentStart(source, start, end) !== -1) {
      spans.push({ start, end });
      return true;
    }
    return false;
  };
  for (let match = marker.exec(source); match; match = marker.exec(source)) {
    if (match[1] === '---') {
      // Comments and directives before a `---` belong to its document.
      if (close(match.index)) {
        start = match.index;
      }
      explicit = true;
    } else {
      const newline = source.indexOf('\n', match.index);
      const end = newline === -1 ? source.length : newline + 1;
      close(end);
      start = end;
      explicit = false;
      marker.lastIndex = end;
    }
  }
  close(source.length);
  return spans;
}

/**
 * Offset of the first content of a document (after its `---`, comments and
 * directives), or -1 when it has none.
 */
function contentStart(source: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const lineStart = i;
    while (i < end && (source[i] === ' ' || source[i] === '\t')) i++;
    const c = source[i];
    if (i >= end) return -1;
    if (
      c === '\n' ||
      c === '\r' ||
      c === '#' ||
      (c === '%' && i === lineStart)
    ) {
      const newline = source.indexOf('\n', i);
      if (newline === -1) return -1;
      i = newline + 1;
      continue;
    }
    if (
      i === lineStart &&
      /^(---|\.\.\.)(?=[ \t\r\n]|$)/.test(source.slice(i, i + 4))
    ) {
      if (c === '.') return -1;
      i += 3;
      continue;
    }
    return i < end ? i : -1;
  }
  return -1;
}

function readYaml(ctx: ReadContext): RawDocument[] {
  const { file, limits, text: source } = ctx;
  // Every `---` at the start of a line starts a document: refuse a text with
  // too many before spending time parsing it.
  const markers = source.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  if (markers > limits.maxDocuments) {
    throw tooManyDocuments(markers, limits, file);
  }
  const spans = documentSpans(source);
  if (spans.length > limits.maxDocuments) {
    throw tooManyDocuments(spans.length, limits, file);
  }

  const jsYaml = loadJsYaml();
  const loadOptions = {
    schema: kubernetesSchema(jsYaml),
    // js-yaml's own guard against deep nesting, which would overflow its
    // recursion. It counts more levels than mappings and sequences (keys
    // and scalars too), so it gets room; the exact limit is checked on the
    // value (assertDepth).
    maxDepth: limits.maxDepth * 2 + 8,
  } as JsYaml.LoadOptions;
  const result: RawDocument[] = [];
  for (let i = 0; i < spans.length; i++) {
    const { start, end } = spans[i];
    const text = source.slice(start, end);
    const content = contentStart(source, start, end);
    const line = ctx.lines.lineOf(content === -1 ? start : content);
    const mayBeTemplate = text.includes('{{');
    const tags = new Set<string>();
    let value: unknown;
    try {
      value = withUnknownTags(tags, () => jsYaml.load(text, loadOptions));
    } catch (error) {
      const template = mayBeTemplate && templateLine(text, start, ctx);
      if (!template) {
        throw yamlError(error, ctx, start, end);
      }
      result.push({ index: i + 1, value: null, line, end, template });
      continue;
    }
    const template =
      mayBeTemplate && readByChecks(value) && templateLine(text, start, ctx);
    if (template) {
      result.push({ index: i + 1, value: null, line, end, template });
      continue;
    }
    if (value === undefined) {
      value = null;
    }
    // Aliases need anchors: only a document with an `&` can have any.
    if (text.includes('&')) {
      assertAliases(value, ctx, line);
    }
    assertDepth(value, ctx, line);
    const document: RawDocument = { index: i + 1, value, line, end };
    if (content !== -1) {
      document.node = content;
    }
    if (tags.size > 0) {
      document.unknownTags = tags;
    }
    result.push(document);
  }
  return result;
}

/**
 * False for a document that parsed into an object the checks never read: a
 * CustomResourceDefinition, a PrometheusRule, an Argo AnalysisTemplate. In
 * those, `{{ $labels.pod }}` or `{{args.x}}` in an unquoted description is
 * the object's own templating, rendered by its controller, and the object
 * is as Kubernetes will store it. A document whose kind or apiVersion is
 * not plain text (`apiVersion: {{ include ... }}`), a list, a workload, a
 * related kind or a catalog entity is read by the checks, so `{{` in it
 * marks an un-rendered template.
 */
function readByChecks(value: unknown): boolean {
  if (!isRecord(value)) return true;
  const { kind, apiVersion } = value;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return true;
  if (isList(value) || apiVersion.startsWith('backstage.io/')) return true;
  return knownKindOf(value as KubeObject) !== undefined;
}

/**
 * The line of the first template expression in a document's text, or
 * undefined when it holds none (only quoted `{{`, say).
 */
function templateLine(
  text: string,
  start: number,
  ctx: ReadContext,
): number | undefined {
  let offset: number | undefined;
  try {
    offset = templateExpressionOffset(loadYaml(), text);
  } catch {
    // Nesting too deep to walk: the reader's own error says so.
    return undefined;
  }
  return offset === undefined ? undefined : ctx.lines.lineOf(start + offset);
}

/**
 * Throws when a document expands aliases more than the limit allows. An
 * alias to a mapping or sequence is the very same object in the parsed
 * value, so each object met again while walking the value is an alias
 * expansion; the walk goes into it again, so that aliases inside count once
 * per expansion, as a YAML "billion laughs" would multiply them.
 */
function assertAliases(value: unknown, ctx: ReadContext, line: number) {
  const { maxAliasCount, maxDepth } = ctx.limits;
  const seen = new Set<object>();
  let expansions = 0;
  const walk = (node: unknown, depth: number) => {
    if (typeof node !== 'object' || node === null || depth > maxDepth) {
      return;
    }
    if (seen.has(node)) {
      expansions++;
      if (expansions > maxAliasCount) {
        throw new ManifestError(
          `too many YAML aliases (possible alias bomb): more than ${maxAliasCount} alias expansions in one document`,
          { file: ctx.file, line },
          'limit',
        );
      }
    } else {
      seen.add(node);
    }
    const children = Array.isArray(node)
      ? node
      : Object.values(node as Record<string, unknown>);
    for (const child of children) {
      walk(child, depth + 1);
    }
  };
  walk(value, 0);
}

/** A ManifestError for an exception thrown while reading a YAML document. */
function yamlError(
  error: unknown,
  ctx: ReadContext,
  start: number,
  end: number,
) {
  const { file, limits } = ctx;
  if (error instanceof RangeError) {
    // The parser is recursive: nesting this deep overflows the stack.
    return new ManifestError(
      tooDeep(limits),
      { file, line: ctx.lines.lineOf(start) },
      'limit',
    );
  }
  const exception = error as {
    name?: string;
    reason?: string;
    message?: string;
    mark?: { line?: number };
  };
  if (exception?.name !== 'YAMLException') {
    throw error;
  }
  if (/nesting exceeded maxDepth/.test(exception.reason ?? '')) {
    return new ManifestError(
      tooDeep(limits),
      {
        file,
        line: ctx.lines.lineOf(contentStart(ctx.text, start, ctx.text.length)),
      },
      'limit',
    );
  }
  let line: number | undefined;
  if (typeof exception.mark?.line === 'number') {
    const first = ctx.lines.lineOf(start);
    // An error at the end of the stream is placed on the line js-yaml adds
    // after a last line without a newline: keep it on the last line with
    // content instead.
    let last = end;
    while (last > start && /\s/.test(ctx.text[last - 1])) last--;
    line = Math.min(
      first + exception.mark.line,
      first + countLines(ctx.text, start, last),
    );
  }
  // js-yaml's message adds a snippet of the input, which may hold a secret:
  // only its reason is kept.
  const reason = exception.reason ?? 'syntax error';
  return new ManifestError(`invalid YAML: ${reason}`, { file, line });
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
    'limit',
  );
}

/** Throws when `value` nests mappings and sequences deeper than the limit. */
function assertDepth(value: unknown, ctx: ReadContext, line?: number) {
  if (exceedsDepth(value, ctx.limits.maxDepth)) {
    throw new ManifestError(
      tooDeep(ctx.limits),
      { file: ctx.file, line },
      'limit',
    );
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
