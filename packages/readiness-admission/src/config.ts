/**
 * The portal's readiness configuration, read from its app-config YAML: the
 * webhook judges with the same custom checks, exemptions and severities as
 * the portal and the CLI.
 */
import { readFileSync } from 'node:fs';
import {
  parseDocuments,
  parseReadinessConfig,
  ReadinessConfig,
  ReadinessConfigError,
} from '@prodready/backstage-plugin-readiness-common';

/** An app-config holds one document; larger files are not configuration. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** A configuration file that cannot be used; the message names the file. */
export class AdmissionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdmissionConfigError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the `readiness:` section of an app-config text (a bare readiness
 * configuration is accepted too, as the CLI's `--config` does). No file, or
 * one without the section, means the defaults.
 */
export function parseAdmissionConfig(
  text: string,
  file: string,
): ReadinessConfig {
  let documents;
  try {
    ({ documents } = parseDocuments(text, {
      file,
      limits: { maxLength: MAX_CONFIG_BYTES },
    }));
  } catch (error) {
    throw new AdmissionConfigError(`${file}: ${(error as Error).message}`);
  }
  const values = documents
    .map(document => document.value)
    .filter(value => value !== null && value !== undefined);
  if (values.length > 1) {
    throw new AdmissionConfigError(
      `${file}: a configuration file holds one document, found ${values.length}`,
    );
  }
  const top = values[0];
  const inAppConfig = isRecord(top) && 'readiness' in top;
  try {
    return parseReadinessConfig(inAppConfig ? top.readiness : top, {
      keyPrefix: inAppConfig ? 'readiness' : undefined,
    });
  } catch (error) {
    if (error instanceof ReadinessConfigError) {
      throw new AdmissionConfigError(
        `${file}: ${error.problems.join('; ') || error.message}`,
      );
    }
    throw error;
  }
}

/** Reads the configuration file, or the defaults when none is given. */
export function loadAdmissionConfig(file: string | undefined): ReadinessConfig {
  if (!file) return parseReadinessConfig(undefined);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AdmissionConfigError(
      `${file}: cannot read the configuration: ${(error as Error).message}`,
    );
  }
  return parseAdmissionConfig(text, file);
}
