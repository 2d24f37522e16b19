/**
 * What a cluster read keeps of each object: only what the checks need, and
 * never secret material. Listed objects go through `retainObject` before
 * they are held in memory, stored or handed to the engine.
 *
 * Env values and ConfigMap values are replaced by fixed markers chosen so
 * the engine reaches the same verdicts: the checks only ask whether a value
 * is present, whether it is empty and whether it contains a private key
 * (`no-secrets-in-env`, `no-secrets-in-configmap`), and each marker answers
 * those questions as the original did while holding nothing of it.
 */
import {
  containsPrivateKey,
  KubeObject,
} from '@prodready/backstage-plugin-readiness-common';

/** Replaces a non-empty value that holds no private key. */
export const REDACTED_VALUE = '<redacted by readiness>';

/**
 * Replaces a value that contains a private key: still recognised as one by
 * `containsPrivateKey`, but holding no key material.
 */
export const REDACTED_PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\n<redacted by readiness>\n-----END PRIVATE KEY-----\n';

/** `binaryData` replacements, base64 like the values they replace. */
export const REDACTED_BINARY = Buffer.from(REDACTED_VALUE, 'utf8').toString(
  'base64',
);
export const REDACTED_BINARY_PRIVATE_KEY = Buffer.from(
  REDACTED_PRIVATE_KEY,
  'utf8',
).toString('base64');

/** The annotation `kubectl apply` leaves: a full copy of the object, env and data included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

// The engine does not decode binaryData larger than this (see
// readiness-common's decodeBase64); neither may we, or verdicts would differ.
const MAX_DECODED_LENGTH = 1 << 20;
const WHITESPACE = /\s+/g;

type JsonRecord = Record<string, any>;

function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

/** Sets an own property, even one named `__proto__`. */
function setOwn(record: JsonRecord, key: string, value: unknown): void {
  Object.defineProperty(record, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** Decodes base64 exactly as the engine does; undefined when it would not. */
function decodeLikeEngine(text: string): string | undefined {
  if (text.length > MAX_DECODED_LENGTH) return undefined;
  try {
    return atob(text.replace(WHITESPACE, ''));
  } catch {
    return undefined;
  }
}

/**
 * The marker for an env value: `undefined` and `null` stay (the check skips
 * them), `''` stays, a private key becomes a key marker, anything else
 * (strings, numbers, objects) becomes the plain marker.
 */
export function redactEnvValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (typeof value === 'string' && containsPrivateKey(value)) {
    return REDACTED_PRIVATE_KEY;
  }
  return REDACTED_VALUE;
}

/** The marker for a ConfigMap `data` (text) or `binaryData` (base64) value. */
export function redactConfigMapValue(
  field: 'data' | 'binaryData',
  value: unknown,
): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (typeof value !== 'string') {
    return field === 'data' ? REDACTED_VALUE : REDACTED_BINARY;
  }
  if (field === 'data') {
    return containsPrivateKey(value) ? REDACTED_PRIVATE_KEY : REDACTED_VALUE;
  }
  const decoded = decodeLikeEngine(value);
  return decoded !== undefined && containsPrivateKey(decoded)
    ? REDACTED_BINARY_PRIVATE_KEY
    : REDACTED_BINARY;
}

function redactContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const env = asRecord(item)?.env;
    if (!Array.isArray(env)) continue;
    for (const entry of env) {
      const variable = asRecord(entry);
      if (variable && Object.prototype.hasOwnProperty.call(variable, 'value')) {
        setOwn(variable, 'value', redactEnvValue(variable.value));
      }
    }
  }
}

function redactPodSpec(podSpec: unknown): void {
  const spec = asRecord(podSpec);
  if (!spec) return;
  redactContainers(spec.containers);
  redactContainers(spec.initContainers);
  redactContainers(spec.ephemeralContainers);
}

/**
 * Replaces every env value (containers, init and ephemeral containers of
 * every place a pod spec lives) and every ConfigMap `data` / `binaryData`
 * value with a marker. Works in place and returns the object.
 */
export function redactSecretValues<T extends KubeObject>(object: T): T {
  const spec = asRecord(object.spec);
  // A Pod's spec; a workload's template; a CronJob's job template. Every
  // place is redacted whatever the kind says, so a mislabelled object
  // cannot carry values through.
  redactPodSpec(spec);
  redactPodSpec(asRecord(spec?.template)?.spec);
  redactPodSpec(
    asRecord(asRecord(asRecord(spec?.jobTemplate)?.spec)?.template)?.spec,
  );
  if (object.kind === 'ConfigMap') {
    for (const field of ['data', 'binaryData'] as const) {
      if (!Object.prototype.hasOwnProperty.call(object, field)) continue;
      const entries = asRecord(object[field]);
      if (!entries) {
        // Not a map: the engine ignores it, and nothing of it is kept.
        delete object[field];
        continue;
      }
      for (const key of Object.keys(entries)) {
        setOwn(entries, key, redactConfigMapValue(field, entries[key]));
      }
    }
  }
  return object;
}

/** True when an owner reference with `controller: true` manages the object. */
function isControllerOwned(object: KubeObject): boolean {
  const references = asRecord(object.metadata)?.ownerReferences;
  return (
    Array.isArray(references) &&
    references.some(reference => asRecord(reference)?.controller === true)
  );
}

/**
 * Keeps what the checks need of a listed object, in place: drops Pods and
 * ReplicaSets owned by a controller (only bare ones are evaluated), drops
 * `status`, `metadata.managedFields` and the last-applied annotation, and
 * redacts env and ConfigMap values. Returns undefined for dropped objects.
 */
export function retainObject<T extends KubeObject>(object: T): T | undefined {
  if (
    (object.kind === 'Pod' || object.kind === 'ReplicaSet') &&
    isControllerOwned(object)
  ) {
    return undefined;
  }
  delete object.status;
  const metadata = asRecord(object.metadata);
  if (metadata) {
    delete metadata.managedFields;
    delete metadata.selfLink;
    const annotations = asRecord(metadata.annotations);
    if (annotations) delete annotations[LAST_APPLIED];
  }
  return redactSecretValues(object);
}
