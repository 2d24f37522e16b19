/**
 * Integer query parameters, read strictly. The request validator checks
 * them against the spec but lets `Infinity` through as a number (JSON
 * Schema's integer test passes it), and the handler's types do not say
 * whether it gets a string or a number: here each becomes a safe integer
 * within the spec's bounds, or a 400 naming the parameter.
 */
import { InputError } from '@backstage/errors';

/** The bounds of an integer parameter, as its schema in the spec gives them. */
export interface IntegerBounds {
  readonly minimum: number;
  readonly maximum: number;
}

const DIGITS = /^\d+$/;

/** `value` as an integer within `bounds`; `undefined` when it is not given. */
export function integerParam(
  name: string,
  value: unknown,
  bounds: IntegerBounds,
): number | undefined {
  if (value === undefined) return undefined;
  const number =
    typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
  if (
    typeof number !== 'number' ||
    !Number.isSafeInteger(number) ||
    number < bounds.minimum ||
    number > bounds.maximum
  ) {
    throw new InputError(
      `Invalid query parameter ${name}: expected an integer from ${
        bounds.minimum
      } to ${bounds.maximum}, got '${String(value)}'`,
    );
  }
  return number;
}
