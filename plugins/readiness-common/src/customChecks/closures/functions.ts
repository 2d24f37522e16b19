/**
 * The CEL functions compiled expressions call directly, with the
 * library's results for the runtime types each accepts and a fault for
 * any other (another overload, or the library's error). A function not in
 * this table leaves its whole expression to the library.
 */
import { fault } from './fault';
import { isPlainMap } from './values';

type Implementation = (...args: unknown[]) => unknown;

/** Characters as CEL counts them: code points, not UTF-16 units. */
function codePoints(text: string): number {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _ of text) count++;
  return count;
}

/** Small ints made once: a bigint is an allocation, and sizes are small. */
const SMALL_INTS = Array.from({ length: 256 }, (_, i) => BigInt(i));

function int(count: number): bigint {
  return count < SMALL_INTS.length ? SMALL_INTS[count] : BigInt(count);
}

function size(value: unknown): bigint {
  if (typeof value === 'string') return int(codePoints(value));
  if (Array.isArray(value)) return int(value.length);
  if (isPlainMap(value)) return int(Object.keys(value).length);
  return fault();
}

function onStrings(
  implementation: (text: string, argument: string) => unknown,
): Implementation {
  return (text, argument) =>
    typeof text === 'string' && typeof argument === 'string'
      ? implementation(text, argument)
      : fault();
}

function onString(implementation: (text: string) => unknown): Implementation {
  return text => (typeof text === 'string' ? implementation(text) : fault());
}

/** Patterns compiled once; a rule tends to use one. */
const patterns = new Map<string, RegExp | null>();
const MAX_CACHED_PATTERNS = 256;

function matches(text: string, pattern: string): boolean {
  let expression = patterns.get(pattern);
  if (expression === undefined) {
    try {
      expression = new RegExp(pattern);
    } catch {
      expression = null;
    }
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
    patterns.set(pattern, expression);
  }
  // An invalid pattern is the library's error to word.
  return expression ? expression.test(text) : fault();
}

function join(list: unknown, separator: unknown = ''): string {
  if (!Array.isArray(list) || typeof separator !== 'string') return fault();
  for (const item of list) if (typeof item !== 'string') return fault();
  return list.join(separator);
}

function toString(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
    case 'bigint':
      return `${value}`;
    case 'number':
      if (value === Infinity) return '+Inf';
      if (value === -Infinity) return '-Inf';
      return `${value}`;
    default:
      return fault();
  }
}

function toInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    return BigInt(Math.trunc(value));
  }
  return fault();
}

function toDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return fault();
}

/** Methods (`receiver.name(args)`), by name and number of arguments. */
const METHODS: Record<string, Implementation> = {
  'size/0': size,
  'startsWith/1': onStrings((text, prefix) => text.startsWith(prefix)),
  'endsWith/1': onStrings((text, suffix) => text.endsWith(suffix)),
  'contains/1': onStrings((text, part) => text.includes(part)),
  'matches/1': onStrings(matches),
  'split/1': onStrings((text, separator) => text.split(separator)),
  'lowerAscii/0': onString(text => text.toLowerCase()),
  'upperAscii/0': onString(text => text.toUpperCase()),
  'trim/0': onString(text => text.trim()),
  'join/0': list => join(list),
  'join/1': join,
};

/** Global functions (`name(args)`), by name and number of arguments. */
const FUNCTIONS: Record<string, Implementation> = {
  'size/1': size,
  'string/1': toString,
  'int/1': toInt,
  'double/1': toDouble,
  'dyn/1': value => value,
};

const own = (table: Record<string, Implementation>, key: string) =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The method `name` with `arity` arguments, if compiled. */
export function methodOf(
  name: string,
  arity: number,
): Implementation | undefined {
  return own(METHODS, `${name}/${arity}`);
}

/** The global function `name` with `arity` arguments, if compiled. */
export function functionOf(
  name: string,
  arity: number,
): Implementation | undefined {
  return own(FUNCTIONS, `${name}/${arity}`);
}
