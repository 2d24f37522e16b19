/**
 * Kubernetes resource quantities as numbers, so that `1Gi` and `1024Mi`, or
 * `500m` and `0.5`, compare equal: the API server keeps what was applied,
 * but manifests and live objects written by different tools spell the same
 * amount differently.
 */

const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/;

/**
 * The amount a Kubernetes quantity stands for (`500m` is 0.5, `1Gi` is
 * 1073741824, `1e3` is 1000), or undefined when it is not one.
 *
 * @public
 */
export function quantityValue(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix = ''] = match;
  if (exponent) return Number(`${digits}${exponent}`);
  const scale = SUFFIXES[suffix];
  return scale === undefined ? undefined : Number(digits) * scale;
}

/** True when both spell the same amount (or are the same unreadable text). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const left = quantityValue(a);
  const right = quantityValue(b);
  if (left === undefined || right === undefined) return a === b;
  // Binary suffixes make float products; compare with a relative margin.
  return Math.abs(left - right) <= Math.abs(left) * 1e-12;
}
