/**
 * The checks failed most across the organisation, with what the catalogue
 * says of each; the counting itself happens in the store.
 */
import {
  CheckCatalogue,
  CheckFailureCount,
} from '@prodready/backstage-plugin-readiness-common';
import { CheckFailureTally } from '../database/ReadinessStore';

/**
 * Tallies of the configuration's checks, built-in and custom, with their
 * title, category and severity. Stored results of a check since removed
 * from the configuration are left out.
 */
export function describeFailingChecks(
  tallies: readonly CheckFailureTally[],
  catalogue: CheckCatalogue,
): CheckFailureCount[] {
  return tallies.flatMap(({ check, failingEntities }) => {
    const definition = catalogue.get(check);
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
