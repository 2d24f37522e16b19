/**
 * Finds where a node of a YAML or JSON text starts, without building a
 * syntax tree: a field by its key, an item by its index. The text has
 * already been parsed successfully, so this only follows its layout: block
 * mappings and sequences by indentation, flow collections (JSON included) by
 * their brackets. When the layout is one it does not follow (complex keys,
 * a key written with tags), it stops, and the caller takes the deepest node
 * found so far.
 */
import { plainKeyOf } from './kubernetesYaml';

/** A step of a field path: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** A node found: where to point a reader at, and where its content starts. */
interface Located {
  /** The key of a field, or the `-` of a block sequence item. */
  anchor: number;
  /** First character of the value; undefined when it has no content. */
  value?: number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;

function isLineEnd(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === LF || c === CR;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Number of line breaks in `text` from `from` (inclusive) to `to` (exclusive). */
export function countLines(text: string, from: number, to: number): number {
  if (to <= from) return 0;
  // Searching a slice bounds the search: on one-line JSON, `indexOf` on the
  // whole text would scan to its end (tens of MB) for a newline.
  const part = text.slice(from, to);
  let count = 0;
  let i = part.indexOf('\n');
  while (i !== -1) {
    count++;
    i = part.indexOf('\n', i + 1);
  }
  return count;
}

interface ContentLine {
  /** First non-space character of the line. */
  pos: number;
  indent: number;
}

/**
 * The next line after the one holding `from` that has content: blank and
 * comment-only lines are skipped; a document marker ends the search.
 */
function nextContentLine(
  text: string,
  from: number,
  end: number,
): ContentLine | undefined {
  let newline = text.indexOf('\n', from);
  while (newline !== -1 && newline + 1 < end) {
    const start = newline + 1;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const first = skipSpaces(text, i, end);
    if (first >= end) return undefined;
    const c = text.charCodeAt(first);
    if (c !== LF && c !== CR && c !== HASH) {
      if (
        i === start &&
        (text.startsWith('---', i) || text.startsWith('...', i)) &&
        (i + 3 >= end || /[ \t\r\n]/.test(text[i + 3]))
      ) {
        return undefined;
      }
      return { pos: i, indent: i - start };
    }
    newline = text.indexOf('\n', first);
  }
  return undefined;
}

const shallowLines = new Map<number, RegExp>();

/**
 * The next line after the one holding `from` that has content and is
 * indented by at most `indent` spaces. Deeper lines, blank lines and
 * comments are skipped by a regular expression, much faster than looking at
 * each line (a 40 MB List has two million lines).
 */
function nextShallowLine(
  text: string,
  from: number,
  end: number,
  indent: number,
): ContentLine | undefined {
  let pattern = shallowLines.get(indent);
  if (!pattern) {
    pattern = new RegExp(`\\n {0,${indent}}(?=[^ \\t\\r\\n#])`, 'g');
    shallowLines.set(indent, pattern);
  }
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  if (!match || match.index + 1 >= end) return undefined;
  return {
    pos: match.index + match[0].length,
    indent: match[0].length - 1,
  };
}

function isDash(text: string, i: number, end: number): boolean {
  if (text.charCodeAt(i) !== 45 /* - */) return false;
  return isLineEnd(text, i + 1, end) || isBlank(text.charCodeAt(i + 1));
}

/** Skips `&anchor` and `!tag` properties and the spaces after them. */
function skipProperties(text: string, i: number, end: number): number {
  let at = i;
  while (at < end && (text[at] === '&' || text[at] === '!')) {
    while (at < end && !/[ \t\r\n]/.test(text[at])) at++;
    at = skipSpaces(text, at, end);
  }
  return at;
}

/** Position of the content of a node that starts at or after `i`. */
function nodeAt(
  text: string,
  i: number,
  end: number,
  parentIndent: number,
  indentlessSequence: boolean,
): number | undefined {
  const at = skipProperties(text, skipSpaces(text, i, end), end);
  if (!isLineEnd(text, at, end) && text.charCodeAt(at) !== HASH) {
    const c = text[at];
    // A block scalar or an alias: nothing to look into.
    return c === '|' || c === '>' || c === '*' ? undefined : at;
  }
  const line = nextContentLine(text, at, end);
  if (
    line &&
    (line.indent > parentIndent ||
      (indentlessSequence &&
        line.indent === parentIndent &&
        isDash(text, line.pos, end)))
  ) {
    return line.pos;
  }
  return undefined;
}

interface Key {
  /** The key as written, without quotes. */
  key: string;
  /** Unquoted: `yes` stands for the key `true`, `0x10` for `16`. */
  plain?: boolean;
  /** Just after the `:`. */
  after: number;
}

function matches(entry: Key, key: string): boolean {
  return entry.key === key || (!!entry.plain && plainKeyOf(entry.key) === key);
}

function readQuoted(
  text: string,
  i: number,
  end: number,
): { value: string; after: number } | undefined {
  const quote = text[i];
  let j = i + 1;
  while (j < end) {
    const c = text[j];
    if (c === '\n') return undefined;
    if (quote === '"' && c === '\\') {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && text[j + 1] === "'") {
        j += 2;
        continue;
      }
      break;
    }
    j++;
  }
  if (j >= end) return undefined;
  const raw = text.slice(i + 1, j);
  let value = raw;
  if (quote === "'") {
    value = raw.replace(/''/g, "'");
  } else if (raw.includes('\\')) {
    try {
      value = JSON.parse(`"${raw}"`);
    } catch {
      value = raw;
    }
  }
  return { value, after: j + 1 };
}

/** Reads the key of a block mapping entry that starts at `i`. */
function readBlockKey(text: string, i: number, end: number): Key | undefined {
  const c = text[i];
  if (c === '"' || c === "'") {
    const quoted = readQuoted(text, i, end);
    if (!quoted) return undefined;
    const colon = skipSpaces(text, quoted.after, end);
    return text[colon] === ':'
      ? { key: quoted.value, after: colon + 1 }
      : undefined;
  }
  if ('?&!*[]{}-|>%@`#,'.includes(c) && !(c === '-' && !isDash(text, i, end))) {
    return undefined;
  }
  for (let j = i; j < end; j++) {
    const d = text.charCodeAt(j);
    if (d === LF || d === CR) return undefined;
    if (d === HASH && isBlank(text.charCodeAt(j - 1))) return undefined;
    if (
      d === 58 /* : */ &&
      (isLineEnd(text, j + 1, end) || isBlank(text.charCodeAt(j + 1)))
    ) {
      return { key: text.slice(i, j).trimEnd(), plain: true, after: j + 1 };
    }
  }
  return undefined;
}

function blockField(
  text: string,
  node: number,
  end: number,
  key: string,
): Located | undefined {
  const column = node - lineStartOf(text, node);
  let pos = node;
  for (;;) {
    // An entry whose key this does not read (`? complex key`) is skipped.
    const entry = readBlockKey(text, pos, end);
    if (entry && matches(entry, key)) {
      return {
        anchor: pos,
        value: nodeAt(text, entry.after, end, column, true),
      };
    }
    let line = nextShallowLine(text, pos, end, column);
    // `- ` at the key's own column: a sequence value written without
    // indentation (kubectl's style), still inside this entry.
    while (line && line.indent === column && isDash(text, line.pos, end)) {
      line = nextShallowLine(text, line.pos, end, column);
    }
    if (!line || line.indent < column) return undefined;
    pos = line.pos;
  }
}

/** The items of the block sequence whose first `-` is at `node`. */
function blockItems(
  text: string,
  node: number,
  end: number,
  stopAt: number,
): Located[] {
  const column = node - lineStartOf(text, node);
  const items: Located[] = [];
  let pos: number | undefined = node;
  while (pos !== undefined && items.length <= stopAt) {
    items.push({
      anchor: pos,
      value: nodeAt(text, pos + 1, end, column, false),
    });
    const line = nextShallowLine(text, pos, end, column);
    pos =
      line && line.indent === column && isDash(text, line.pos, end)
        ? line.pos
        : undefined;
  }
  return items;
}

/** Skips white space, line breaks and comments inside a flow collection. */
function skipFlowSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR) {
      i++;
    } else if (c === HASH) {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? end : newline;
    } else {
      break;
    }
  }
  return i;
}

/** Runs of characters that neither open nor close a string or a collection. */
const JSON_OTHER = /[^"{}[\]]*/y;
const YAML_FLOW_OTHER = /[^"'{}[\]]*/y;

/** Offset just after the closing quote of a string that opens at `i`. */
function skipString(text: string, i: number, end: number): number {
  const quote = text[i];
  let j = i + 1;
  for (;;) {
    j = text.indexOf(quote, j);
    if (j === -1 || j >= end) return end;
    if (quote === "'") {
      if (text[j + 1] === "'") {
        j += 2;
        continue;
      }
      return j + 1;
    }
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j++;
  }
}

/** Offset just after the flow value that starts at `i`. */
function skipFlowValue(
  text: string,
  i: number,
  end: number,
  json: boolean,
): number {
  const c = text[i];
  if (c === '"' || (c === "'" && !json)) {
    return skipString(text, i, end);
  }
  if (c === '{' || c === '[') {
    // The regular expression skips runs of other characters much faster
    // than a loop over them (indented JSON is mostly spaces).
    const other = json ? JSON_OTHER : YAML_FLOW_OTHER;
    let depth = 0;
    let j = i;
    while (j < end) {
      other.lastIndex = j;
      other.test(text);
      j = other.lastIndex;
      if (j >= end) break;
      const d = text.charCodeAt(j);
      if (d === 34 /* " */ || d === 39 /* ' */) {
        j = skipString(text, j, end);
        continue;
      }
      depth += d === 123 /* { */ || d === 91 /* [ */ ? 1 : -1;
      j++;
      if (depth === 0) return j;
    }
    return end;
  }
  // A plain scalar runs to the next `,`, `]` or `}`.
  let j = i;
  while (j < end && !',]}'.includes(text[j])) j++;
  return j;
}

function readFlowKey(text: string, i: number, end: number): Key | undefined {
  const c = text[i];
  if (c === '"' || c === "'") {
    const quoted = readQuoted(text, i, end);
    return quoted && { key: quoted.value, after: quoted.after };
  }
  if ('{[?&!*'.includes(c)) return undefined;
  let j = i;
  while (j < end) {
    const d = text[j];
    if (d === ',' || d === '}' || d === ']' || d === '\n') break;
    if (d === ':' && (j + 1 >= end || /[ \t\r\n,\]}]/.test(text[j + 1]))) {
      break;
    }
    j++;
  }
  return { key: text.slice(i, j).trim(), plain: true, after: j };
}

function flowField(
  text: string,
  open: number,
  end: number,
  key: string,
  json: boolean,
): Located | undefined {
  let i = open + 1;
  for (;;) {
    i = skipFlowSpace(text, i, end);
    if (i >= end || text[i] === '}') return undefined;
    const entry = readFlowKey(text, i, end);
    if (!entry) return undefined;
    const anchor = i;
    i = skipFlowSpace(text, entry.after, end);
    let value: number | undefined;
    if (text[i] === ':') {
      value = skipFlowSpace(text, i + 1, end);
      if (value < end && ',}'.includes(text[value])) value = undefined;
    }
    if (matches(entry, key)) {
      return {
        anchor,
        value:
          value === undefined ? undefined : skipProperties(text, value, end),
      };
    }
    if (value !== undefined) {
      i = skipFlowSpace(text, skipFlowValue(text, value, end, json), end);
    }
    if (text[i] === ',') {
      i++;
    } else {
      return undefined;
    }
  }
}

function flowItems(
  text: string,
  open: number,
  end: number,
  json: boolean,
  stopAt: number,
): Located[] {
  const items: Located[] = [];
  let i = skipFlowSpace(text, open + 1, end);
  while (i < end && text[i] !== ']' && items.length <= stopAt) {
    const value = skipProperties(text, i, end);
    items.push({ anchor: i, value });
    i = skipFlowSpace(text, skipFlowValue(text, value, end, json), end);
    if (text[i] !== ',') break;
    i = skipFlowSpace(text, i + 1, end);
  }
  return items;
}

/** The text a node was read from, to find the nodes inside it. */
export interface TextSource {
  text: string;
  /** Read with `JSON.parse`: strings only in double quotes, no comments. */
  json: boolean;
  /** Offset where the document ends. */
  end: number;
}

/** The field `key` of the mapping that starts at `node`. */
export function locateField(
  source: TextSource,
  node: number,
  key: string,
): Located | undefined {
  const { text, end, json } = source;
  const c = text[node];
  if (c === '{') return flowField(text, node, end, key, json);
  if (json || c === '[' || isDash(text, node, end)) return undefined;
  return blockField(text, node, end, key);
}

/** The items of the sequence that starts at `node`, up to index `stopAt`. */
export function locateItems(
  source: TextSource,
  node: number,
  stopAt = Infinity,
): Located[] {
  const { text, end, json } = source;
  if (text[node] === '[') return flowItems(text, node, end, json, stopAt);
  if (json || !isDash(text, node, end)) return [];
  return blockItems(text, node, end, stopAt);
}

/**
 * The offset of the deepest node on `path` from the node at `node`: the
 * anchor of the last segment found, or `node` itself when none is.
 */
export function locatePath(
  source: TextSource,
  node: number,
  path: readonly PathSegment[],
): number {
  let anchor = node;
  let current: number | undefined = node;
  for (const segment of path) {
    if (current === undefined) break;
    const found: Located | undefined =
      typeof segment === 'number'
        ? locateItems(source, current, segment)[segment]
        : locateField(source, current, segment);
    if (!found) break;
    anchor = found.anchor;
    current = found.value;
  }
  return anchor;
}

/**
 * Splits a field path as findings write it, such as
 * `spec.template.spec.containers[1].resources.limits.memory` or
 * `metadata.annotations["prodready.dev/runbook"]`. What cannot be read is
 * left off, so the path up to it is still used.
 */
export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const step =
    /\.?([^.[\]"']+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['((?:[^']|'')*)'\]/y;
  let i = 0;
  while (i < path.length) {
    step.lastIndex = i;
    const match = step.exec(path);
    if (!match) break;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) {
      try {
        segments.push(JSON.parse(`"${match[3]}"`));
      } catch {
        break;
      }
    } else segments.push(match[4].replace(/''/g, "'"));
    i = step.lastIndex;
  }
  return segments;
}
