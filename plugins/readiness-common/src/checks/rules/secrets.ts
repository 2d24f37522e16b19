/**
 * Rules of the secrets category. These look at secret material, so they are
 * written to report names and field paths only; no value, or any part of
 * one, may reach a message or finding.
 */
import { Finding } from '../../types';
import { asArray, asRecord } from '../../util/guards';
import {
  decodeBase64,
  EmbeddedSecret,
  findSecretsInConfigValue,
  SECRET_KIND_LABELS,
  SecretKind,
  secretMaterial,
} from '../../model/sensitive';
import {
  checkContainers,
  ContainerTest,
  constantPass,
  containerFinding,
  fail,
  ObjectRule,
  pass,
  WorkloadRule,
} from './outcome';

const ENV_CLEAN = constantPass(
  'No env var holds secret material as a literal value.',
);

/** Why an env var was flagged; names the variable, never its value. */
function envMessage(name: string, kind: SecretKind): string {
  switch (kind) {
    case 'sensitive-name':
      return `Env var ${name} has a sensitive name and a literal value that looks like a secret.`;
    case 'generated-key':
      return `Env var ${name} holds what looks like a generated key as a literal value.`;
    default:
      return `Env var ${name} holds ${SECRET_KIND_LABELS[kind]} as a literal value.`;
  }
}

const testEnv: ContainerTest = (container, findings) => {
  const env = asArray(container.spec.env);
  for (let index = 0; index < env.length; index++) {
    const variable = asRecord(env[index]);
    // Only literal values can leak; valueFrom references a Secret.
    if (!variable || typeof variable.value !== 'string') continue;
    const name = typeof variable.name === 'string' ? variable.name : '';
    const kind = secretMaterial(name, variable.value);
    if (kind) {
      findings.push(
        containerFinding(
          container,
          `${container.path}.env[${index}].value`,
          envMessage(name || `#${index}`, kind),
        ),
      );
    }
  }
};

export const noSecretsInEnv: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testEnv,
    ENV_CLEAN,
    'Some env vars hold secret material as literal values.',
  );

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Field path of a ConfigMap key; keys with dots are quoted. */
function keyPath(field: 'data' | 'binaryData', key: string): string {
  return SIMPLE_KEY.test(key)
    ? `${field}.${key}`
    : `${field}[${JSON.stringify(key)}]`;
}

/** Why a whole ConfigMap value was flagged. */
function keyMessage(key: string, kind: SecretKind): string {
  switch (kind) {
    case 'sensitive-name':
      return `Key ${key} has a sensitive name and a value that looks like a secret.`;
    case 'generated-key':
      return `Key ${key} holds what looks like a generated key.`;
    default:
      return `Key ${key} holds ${SECRET_KIND_LABELS[kind]}.`;
  }
}

/** Why a line of an embedded file was flagged; names its key and line. */
function lineMessage(key: string, secret: EmbeddedSecret): string {
  const where = `Key ${key}, line ${secret.line}`;
  if (secret.kind === 'sensitive-name') {
    return `${where}: sets ${secret.key} to a literal value that looks like a secret.`;
  }
  if (secret.kind === 'generated-key') {
    return `${where}: sets ${secret.key} to what looks like a generated key.`;
  }
  return `${where}: holds ${SECRET_KIND_LABELS[secret.kind]}.`;
}

/**
 * The value to judge: `data` as it is; `binaryData` decoded, or as written
 * when it is not base64 (or too large to decode).
 */
function readableValue(field: 'data' | 'binaryData', value: unknown): unknown {
  if (field === 'data' || typeof value !== 'string') return value;
  return decodeBase64(value) ?? value;
}

export const noSecretsInConfigMap: ObjectRule = configMap => {
  const findings: Finding[] = [];
  let keys = 0;
  for (const field of ['data', 'binaryData'] as const) {
    const entries = asRecord(configMap.object[field]);
    if (!entries) continue;
    for (const key of Object.keys(entries)) {
      const secrets = findSecretsInConfigValue(
        key,
        readableValue(field, entries[key]),
      );
      if (!secrets.whole && secrets.lines.length === 0) continue;
      keys++;
      const path = keyPath(field, key);
      if (secrets.whole) {
        findings.push({ path, message: keyMessage(key, secrets.whole) });
      }
      for (const line of secrets.lines) {
        findings.push({ path, message: lineMessage(key, line) });
      }
    }
  }
  if (findings.length === 0) {
    return pass(`ConfigMap ${configMap.name} holds no secret material.`);
  }
  return fail(
    `ConfigMap ${configMap.name} holds secret material in ${keys} key${
      keys === 1 ? '' : 's'
    }; move it to a Secret.`,
    findings,
  );
};
