/**
 * The catalogue of a configuration, including one that lost its compiled
 * checks on the way: a copy made by `structuredClone` or `postMessage` (the
 * backend hands its configuration to worker threads that way) keeps only
 * data, so its custom checks are compiled again here, once per copy.
 */
import { CheckCatalogue } from '../checks/CheckCatalogue';
import { compileCelCheck } from './celCheck';
import { customCheckDefinition } from './definition';
import { CustomCheckConfig, ReadinessCheck } from './types';

/** A check whose CEL did not compile: every result is an error saying so. */
function brokenCheck(
  entry: CustomCheckConfig,
  problems: readonly string[],
): ReadinessCheck {
  const outcome = {
    status: 'error' as const,
    message: `The check's CEL did not compile: ${problems.join('; ')}.`,
  };
  return {
    definition: customCheckDefinition(entry),
    evaluate: () => outcome,
  };
}

const compiled = new WeakMap<readonly CustomCheckConfig[], CheckCatalogue>();

/**
 * The checks of a configuration: `config.catalogue` when it is intact,
 * else a catalogue compiled from `config.customChecks` (checks that
 * backend modules passed to `parseReadinessConfig` cannot be recovered in
 * a copy). The built-in catalogue when there are no custom checks.
 * @public
 */
export function catalogueOf(config: {
  catalogue?: unknown;
  customChecks?: readonly CustomCheckConfig[];
}): CheckCatalogue {
  if (config.catalogue instanceof CheckCatalogue) return config.catalogue;
  const configs = config.customChecks;
  if (!Array.isArray(configs) || configs.length === 0) {
    return CheckCatalogue.builtIn;
  }
  let catalogue = compiled.get(configs);
  if (!catalogue) {
    const checks: ReadinessCheck[] = [];
    for (const entry of configs) {
      const { check, problems } = compileCelCheck(entry);
      // Validated before the copy was made, so this does not happen; if it
      // did, the check's results say why rather than the check vanishing.
      checks.push(
        check ??
          brokenCheck(
            entry,
            problems.map(p => p.message),
          ),
      );
    }
    catalogue = new CheckCatalogue(checks);
    compiled.set(configs, catalogue);
  }
  return catalogue;
}
