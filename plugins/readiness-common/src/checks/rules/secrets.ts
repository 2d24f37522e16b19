/**
 * Rules of the secrets category. These look at secret material, so they are
 * written to report names and field paths only; no value, or any part of
 * one, may reach a message or finding.
 */
import { Finding } from '../../types';
import { asArray, asRecord } from '../../util/guards';
import {
  containsPrivateKey,
  decodeBase64,
  isSensitiveName,
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

const ENV_CLEAN = constantPass('No env var holds a secret as a literal value.');

const testEnv: ContainerTest = (container, findings) => {
  const env = asArray(container.spec.env);
  for (let index = 0; index < env.length; index++) {
    const variable = asRecord(env[index]);
    if (!variable) continue;
    const value = variable.value;
    // Only literal values can leak; valueFrom references a Secret.
    if (value === undefined || value === null) continue;
    const name = typeof variable.name === 'string' ? variable.name : '';
    if (name && isSensitiveName(name)) {
      findings.push(
        containerFinding(
          container,
          `${container.path}.env[${index}].value`,
          `Env var ${name} has a sensitive name and a literal value.`,
        ),
      );
    } else if (typeof value === 'string' && containsPrivateKey(value)) {
      findings.push(
        containerFinding(
          container,
          `${container.path}.env[${index}].value`,
          `Env var ${
            name || `#${index}`
          } holds a private key as a literal value.`,
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
    'Some env vars hold secrets as literal values.',
  );

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Field path of a ConfigMap key; keys with dots are quoted. */
function keyPath(field: 'data' | 'binaryData', key: string): string {
  return SIMPLE_KEY.test(key)
    ? `${field}.${key}`
    : `${field}[${JSON.stringify(key)}]`;
}

function isNonEmpty(value: unknown): boolean {
  return (
    value !== undefined &&
    value !== null &&
    !(typeof value === 'string' && value.length === 0)
  );
}

export const noSecretsInConfigMap: ObjectRule = configMap => {
  const findings: Finding[] = [];
  for (const field of ['data', 'binaryData'] as const) {
    const entries = asRecord(configMap.object[field]);
    if (!entries) continue;
    for (const key of Object.keys(entries)) {
      const value = entries[key];
      if (isSensitiveName(key) && isNonEmpty(value)) {
        findings.push({
          path: keyPath(field, key),
          message: `Key ${key} has a sensitive name and a value.`,
        });
        continue;
      }
      if (typeof value !== 'string') continue;
      const text = field === 'data' ? value : decodeBase64(value);
      if (text !== undefined && containsPrivateKey(text)) {
        findings.push({
          path: keyPath(field, key),
          message: `Key ${key} holds a private key.`,
        });
      }
    }
  }
  if (findings.length === 0) {
    return pass(`ConfigMap ${configMap.name} holds no secret material.`);
  }
  return fail(
    `ConfigMap ${configMap.name} holds secret material in ${
      findings.length
    } key${findings.length === 1 ? '' : 's'}; move it to a Secret.`,
    findings,
  );
};
