/**
 * Tolerant readers for untrusted manifest data. Manifests come from users,
 * Git and live clusters, so any field can be missing, null or of the wrong
 * type; the engine reads everything through these instead of trusting shapes.
 */

/** A plain JSON object, or undefined for anything else (arrays, null, scalars). */
export function asRecord(value: unknown): Record<string, any> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, any>)
    : undefined;
}

const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);

/** The value if it is an array, else an empty one (never allocates). */
export function asArray(value: unknown): readonly any[] {
  return Array.isArray(value) ? value : (EMPTY_ARRAY as any[]);
}

/** A non-empty string, or undefined. */
export function asNonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True when a string field is set to something other than blanks. */
export function isSetString(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

const INTEGER_STRING = /^[+-]?\d+$/;

/**
 * An integer from a number or an integer-looking string (YAML authors quote
 * numbers often enough that `replicas: "3"` should count as 3).
 */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.trunc(value) : undefined;
  }
  if (typeof value === 'string' && INTEGER_STRING.test(value.trim())) {
    return Number.parseInt(value.trim(), 10);
  }
  return undefined;
}

/** Label and annotation values are strings, but YAML may hand us numbers or booleans. */
export function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/**
 * A label map with string values only. Returns the same object when it is
 * already clean, so the common case allocates nothing.
 */
export function toLabelMap(value: unknown): Record<string, string> {
  const record = asRecord(value);
  if (!record) return {};
  const keys = Object.keys(record);
  let clean = true;
  for (const key of keys) {
    if (typeof record[key] !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) return record as Record<string, string>;
  const out: Record<string, string> = {};
  for (const key of keys) {
    const text = scalarToString(record[key]);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

/** Own-property lookup that ignores the prototype chain (`constructor`, `__proto__`). */
export function ownValue(
  record: Record<string, any> | undefined,
  key: string,
): unknown {
  return record !== undefined &&
    Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

/**
 * A date-ish annotation value as text. Some YAML parsers turn an unquoted
 * `2025-01-31` into a Date; read it back as `YYYY-MM-DD`.
 */
export function dateLikeToString(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? undefined
      : value.toISOString().slice(0, 10);
  }
  return scalarToString(value);
}
