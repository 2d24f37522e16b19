import {
  parseReadinessConfig,
  ReadinessConfig,
  ReadinessConfigError,
} from '@prodready/backstage-plugin-readiness-common';
import { CliError } from './errors';
import { readTextFile } from '@prodready/readiness-manifest-files';
import { parseDocuments } from '@prodready/backstage-plugin-readiness-common';

/** The keys of the readiness configuration (see the package README). */
const CONFIG_KEYS = new Set([
  'checks',
  'minReplicas',
  'allowedRegistries',
  'maxRestoreTestAgeDays',
  'gate',
  'exemptions',
  'customChecks',
  'platform',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every problem of a configuration, a line each (custom checks can have
 * several CEL errors, unreadable on one line):
 * `x.yaml: Invalid readiness config: customChecks[0].rule: ...`, then
 * `x.yaml: customChecks[2].id: ...`.
 */
function describeConfigError(
  file: string,
  error: ReadinessConfigError,
): string {
  const [first, ...rest] = error.problems;
  if (rest.length === 0) {
    return `${file}: ${error.message}`;
  }
  return [
    `${file}: Invalid readiness config: ${first}`,
    ...rest.map(problem => `${file}: ${problem}`),
  ].join('\n');
}

/**
 * Reads and validates a configuration file (YAML or JSON). Its top level is
 * either the configuration itself or an app-config style
 * `{ readiness: {...} }`. Unknown keys of a bare configuration are reported
 * through `warn` (a typo would otherwise be silently ignored).
 */
export function loadConfig(
  file: string,
  maxBytes: number,
  warn: (message: string) => void,
): ReadinessConfig {
  const text = readTextFile(file, maxBytes, {
    limitHint: 'see --max-file-size',
  });
  const { documents } = parseDocuments(text, {
    file,
    limits: { maxLength: maxBytes },
  });
  const values = documents.filter(
    document => document.value !== null && document.value !== undefined,
  );
  if (values.length > 1) {
    throw new CliError(
      `${file}:${
        values[1].line ?? 1
      }: a configuration file holds one document, found ${values.length}`,
    );
  }
  let raw = values[0]?.value;
  // Errors name keys as they are written in the file.
  let keyPrefix: string | undefined;
  if (isRecord(raw) && 'readiness' in raw) {
    raw = raw.readiness;
    keyPrefix = 'readiness';
  } else if (isRecord(raw)) {
    for (const key of Object.keys(raw)) {
      if (!CONFIG_KEYS.has(key)) {
        warn(`${file}: unknown configuration key "${key}" ignored`);
      }
    }
  }
  try {
    return parseReadinessConfig(raw, { keyPrefix });
  } catch (error) {
    if (error instanceof ReadinessConfigError) {
      throw new CliError(describeConfigError(file, error));
    }
    throw error;
  }
}
