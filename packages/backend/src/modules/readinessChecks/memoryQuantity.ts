/**
 * Bytes of a Kubernetes memory quantity (`512Mi`, `1.5Gi`, `2G`, `1e9`), the
 * kind of parsing a CEL rule cannot do, and why this check is TypeScript.
 * The engine's quantity reader does the parsing.
 */
import { quantityValue } from '@prodready/backstage-plugin-readiness-common';

/** The quantity in bytes; throws naming the value when it is not one. */
export function memoryBytes(quantity: unknown): number {
  const bytes = quantityValue(quantity);
  if (bytes === undefined) {
    throw new Error(
      `${JSON.stringify(
        quantity,
      )} is not a Kubernetes quantity such as 512Mi or 2Gi`,
    );
  }
  return bytes;
}
