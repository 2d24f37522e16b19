/**
 * CEL's operators on the values manifests hold, as `@marcbachmann/cel-js`
 * evaluates them with dynamic types: ints are bigints, doubles numbers,
 * maps plain objects, lists arrays. Each function gives the library's
 * value for the runtime types it models and faults on any other (a
 * Map, a Date, a uint, a type mismatch the library reports as an error).
 */
import { fault } from './fault';

const hasOwn = Object.prototype.hasOwnProperty;

const MAX_INT = 9223372036854775807n;
const MIN_INT = -9223372036854775808n;

/** A plain object: what the library treats as a CEL map. */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const constructor = (value as { constructor?: unknown }).constructor;
  return constructor === Object || constructor === undefined;
}

/**
 * True for the values the closures hand on: primitives, null, plain
 * objects and arrays. The library accepts a few more (Map, Set, Date,
 * its own classes); the closures leave those to it.
 */
export function isModelled(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return true;
    case 'object': {
      if (value === null) return true;
      const constructor = (value as { constructor?: unknown }).constructor;
      return (
        constructor === Object ||
        constructor === Array ||
        constructor === undefined
      );
    }
    default:
      return false;
  }
}

/** `value.key` on a dynamic value: the field, or a fault (no such key). */
export function field(value: unknown, key: string): unknown {
  if (isPlainMap(value) && hasOwn.call(value, key)) {
    const found = value[key];
    if (found !== undefined && isModelled(found)) return found;
  }
  return fault();
}

/**
 * The field `has()` and `.?` look at: undefined when the value has no such
 * field (a map without the key, null, a scalar, a list), a fault for what
 * the closures do not model.
 */
export function fieldIfPresent(value: unknown, key: string): unknown {
  if (isPlainMap(value)) {
    if (!hasOwn.call(value, key)) return undefined;
    const found = value[key];
    if (found === undefined || isModelled(found)) return found;
    return fault();
  }
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return undefined;
    default:
      if (value === null || Array.isArray(value)) return undefined;
      return fault();
  }
}

/** `value[index]` on a dynamic value: a list by int, a map by string. */
export function index(value: unknown, key: unknown): unknown {
  if (Array.isArray(value)) {
    if (typeof key === 'bigint') {
      const found: unknown = value[Number(key)];
      if (found !== undefined && isModelled(found)) return found;
    }
    return fault();
  }
  if (typeof key === 'string') return field(value, key);
  return fault();
}

/** The elements a comprehension runs over: a list's items, a map's keys. */
export function iterationItems(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainMap(value)) return Object.keys(value);
  return fault();
}

/** `a == b` for scalars and null; a fault when a list or map is involved. */
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) {
    if (typeof a === 'object' && a !== null) return fault();
    return true;
  }
  const typeA = typeof a;
  const typeB = typeof b;
  if (typeA === 'object' || typeB === 'object') {
    // null is equal to nothing else (`entity != null`); a list or map
    // against anything but null is the library's deep equality.
    if (a === null) return isModelled(b) ? false : fault();
    if (b === null) return isModelled(a) ? false : fault();
    return fault();
  }
  if (!isScalar(a) || !isScalar(b)) return fault();
  // An int and a double are equal when their values are.
  if (
    (typeA === 'bigint' && typeB === 'number') ||
    (typeA === 'number' && typeB === 'bigint')
  ) {
    // eslint-disable-next-line eqeqeq
    return (a as number) == (b as number);
  }
  return false;
}

function isScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return true;
    default:
      return false;
  }
}

function isNumeric(value: unknown): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

/**
 * Whether two values can be ordered: numbers of any kind together, strings
 * with strings, bools with bools.
 */
function comparable(a: unknown, b: unknown): boolean {
  if (isNumeric(a)) return isNumeric(b);
  const type = typeof a;
  return (type === 'string' || type === 'boolean') && typeof b === type;
}

export function lessThan(a: unknown, b: unknown): boolean {
  return comparable(a, b) ? (a as number) < (b as number) : fault();
}

export function lessOrEqual(a: unknown, b: unknown): boolean {
  return comparable(a, b) ? (a as number) <= (b as number) : fault();
}

export function greaterThan(a: unknown, b: unknown): boolean {
  return comparable(a, b) ? (a as number) > (b as number) : fault();
}

export function greaterOrEqual(a: unknown, b: unknown): boolean {
  return comparable(a, b) ? (a as number) >= (b as number) : fault();
}

/** An int result, or a fault on overflow (the library's error). */
function checkedInt(value: bigint): bigint {
  return value <= MAX_INT && value >= MIN_INT ? value : fault();
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInt(a + b);
  return fault();
}

export function subtract(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInt(a - b);
  return fault();
}

export function multiply(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInt(a * b);
  return fault();
}

export function divide(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  if (typeof a === 'bigint' && typeof b === 'bigint' && b !== 0n) return a / b;
  return fault();
}

export function remainder(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint' && b !== 0n) return a % b;
  return fault();
}

/** `a in b`: a scalar in a list, a string key in a map. */
export function isIn(a: unknown, b: unknown): boolean {
  if (Array.isArray(b)) {
    if (!isScalar(a)) return fault();
    for (const item of b) {
      if (item === a) return true;
      // eslint-disable-next-line eqeqeq
      if (isNumeric(item) && isNumeric(a) && item == a) return true;
    }
    return false;
  }
  if (isPlainMap(b) && typeof a === 'string') {
    return hasOwn.call(b, a) && b[a] !== undefined;
  }
  return fault();
}

export function not(value: unknown): boolean {
  return typeof value === 'boolean' ? !value : fault();
}

export function negate(value: unknown): unknown {
  if (typeof value === 'number') return -value;
  if (typeof value === 'bigint') return -value;
  return fault();
}
