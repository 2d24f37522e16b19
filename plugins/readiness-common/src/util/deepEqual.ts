/**
 * Structural equality for JSON-like values (what YAML and JSON parsers
 * produce). Used to spot a liveness probe that is a copy of the readiness
 * probe without serialising both on every evaluation.
 */
export function deepEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  // Guard against pathological nesting; such input is not a real probe.
  if (depth > 64) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) {
    // NaN is the only JSON-ish value not equal to itself.
    return Number.isNaN(a) && Number.isNaN(b);
  }
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) {
      if (!deepEqual(left[i], right[i], depth + 1)) return false;
    }
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  for (const key of leftKeys) {
    if (!Object.prototype.hasOwnProperty.call(right, key)) return false;
    if (!deepEqual(left[key], right[key], depth + 1)) return false;
  }
  return true;
}
