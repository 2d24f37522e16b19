import {
  CheckCatalogue,
  CheckDefinition,
  CheckResult,
  CustomCheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import type { FormatContext } from './types';

/** The definition of a check of the run's configuration, built-in or custom. */
export function definitionOf(
  context: Pick<FormatContext, 'catalogue'>,
  checkId: string,
): CheckDefinition | undefined {
  return (context.catalogue ?? CheckCatalogue.builtIn).get(checkId);
}

/** True for a check from configuration (or a backend module), not the catalogue. */
export function isCustomCheck(
  definition: CheckDefinition | undefined,
): definition is CustomCheckDefinition {
  return definition?.origin === 'custom';
}

/**
 * The custom checks that ran: the configuration's, less those it turns off;
 * those of scope `cluster` for a cluster, the others for manifests.
 */
export function customChecksRun(
  context: Pick<FormatContext, 'catalogue' | 'disabledChecks' | 'cluster'>,
): CustomCheckDefinition[] {
  const catalogue = context.catalogue ?? CheckCatalogue.builtIn;
  const forCluster = context.cluster !== undefined;
  return catalogue.customChecks
    .map(check => check.definition)
    .filter(
      definition =>
        !context.disabledChecks?.has(definition.id) &&
        (definition.scope === 'cluster') === forCluster,
    );
}

/**
 * The custom checks that fail somewhere in the report and have something to
 * say about the fix (remediation or a docs link), in configuration order.
 * Built-in checks are explained by the check reference; custom ones only by
 * what their configuration says, so reports carry it.
 */
export function failingCustomChecks(
  context: FormatContext,
  subjects: Iterable<{ results: ReadonlyArray<CheckResult> }>,
): CustomCheckDefinition[] {
  const failing = new Set<string>();
  for (const subject of subjects) {
    for (const result of subject.results) {
      if (result.status === 'fail') failing.add(result.check);
    }
  }
  return customChecksRun(context).filter(
    definition =>
      failing.has(definition.id) &&
      (definition.remediation.trim() !== '' || definition.docsUrl),
  );
}
