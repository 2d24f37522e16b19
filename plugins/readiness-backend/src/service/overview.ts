/**
 * The checks failed most across the organisation, with what the catalogue
 * says of each; the counting itself happens in the store.
 */
import {
  CheckFailureCount,
  getCheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import { CheckFailureTally } from '../database/ReadinessStore';

/** Tallies of known checks, with their title, category and severity. */
export function describeFailingChecks(
  tallies: readonly CheckFailureTally[],
): CheckFailureCount[] {
  return tallies.flatMap(({ check, failingEntities }) => {
    const definition = getCheckDefinition(check);
    return definition
      ? [
          {
            check,
            title: definition.title,
            category: definition.category,
            severity: definition.severity,
            failingEntities,
          },
        ]
      : [];
  });
}
