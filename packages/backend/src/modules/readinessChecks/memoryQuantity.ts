/**
 * Bytes of a Kubernetes memory quantity (`512Mi`, `1.5Gi`, `2G`, `1e9`), the
 * kind of parsing a CEL rule cannot do, and why this check is TypeScript.
 */

const FACTORS: Record<string, number> = {
  '': 1,
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

// A decimal number, then a suffix or an exponent (`1e9`), as the API
// server's resource.Quantity accepts them.
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([kMGTPE]i?)|[eE]([+-]?\d+))?$/;

/** The quantity in bytes; throws naming the value when it is not one. */
export function memoryBytes(quantity: unknown): number {
  const text = typeof quantity === 'number' ? String(quantity) : quantity;
  const match = typeof text === 'string' ? QUANTITY.exec(text.trim()) : null;
  if (!match || (match[2] && !(match[2] in FACTORS))) {
    throw new Error(
      `${JSON.stringify(
        quantity,
      )} is not a Kubernetes quantity such as 512Mi or 2Gi`,
    );
  }
  const [, number, suffix = '', exponent] = match;
  const value = Number(number);
  return exponent === undefined
    ? value * FACTORS[suffix]
    : value * 10 ** Number(exponent);
}
