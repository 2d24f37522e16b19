/**
 * What a cluster read keeps of each object: only what the checks need, and
 * never secret material. Listed objects go through `retainObject` before
 * they are held in memory, stored or handed to the engine.
 *
 * Env values and ConfigMap values are replaced by fixed markers chosen so
 * the engine reaches the same verdicts and findings: the secret checks ask
 * whether a name and its value are secret material and why (a credential
 * format, a sensitive name with a secret-looking value, a generated key),
 * and for an embedded config file which lines hold some. Each value is
 * judged here with readiness-common's own functions and replaced by a
 * marker that the engine judges the same way while holding nothing of it.
 */
import {
  KINDS_LEFT_TO_CONTROLLERS,
  CredentialFormat,
  decodeBase64,
  findSecretsInConfigValue,
  isEmbeddedFile,
  KubeObject,
  SecretKind,
  secretMaterial,
} from '@prodready/backstage-plugin-readiness-common';

/** Replaces a value that is not secret material under any name. */
export const REDACTED_HARMLESS = '$(REDACTED_BY_READINESS)';

/**
 * Replaces a secret-looking value under a sensitive name: itself secret
 * looking, but in no credential format and no generated key.
 */
export const REDACTED_VALUE = '<redacted by readiness>';

/**
 * Replaces a generated key under a `key` name: long, mixed case and digits,
 * but shaped as an absolute path, so a sensitive name does not turn it into
 * a secret-looking value (the original was not one either).
 */
export const REDACTED_GENERATED_KEY = '/Redacted0By0Readiness/generated-key';

/** Replaces a private key: one armour line, holding no key material. */
export const REDACTED_PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY----- redacted by readiness -----END PRIVATE KEY-----';

/** One marker per credential format, each recognised as that format. */
export const REDACTED_CREDENTIALS: Readonly<Record<CredentialFormat, string>> =
  {
    'private-key': REDACTED_PRIVATE_KEY,
    'github-token': 'ghp_redactedbyreadiness',
    'gitlab-token': 'glpat-redactedbyreadiness',
    'slack-token': 'xoxb-redactedbyreadiness',
    'stripe-key': 'sk_live_redactedbyreadiness',
    'google-api-key': `AIza${'redacted_by_readiness'.padEnd(35, '0')}`,
    // {"redacted":true}, twice, and no signature.
    jwt: 'eyJyZWRhY3RlZCI6dHJ1ZX0.eyJyZWRhY3RlZCI6dHJ1ZX0.redacted',
  };

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** `binaryData` replacements, base64 like the values they replace. */
export const REDACTED_BINARY = base64(REDACTED_VALUE);
export const REDACTED_BINARY_HARMLESS = base64(REDACTED_HARMLESS);
export const REDACTED_BINARY_PRIVATE_KEY = base64(REDACTED_PRIVATE_KEY);

/** The annotation `kubectl apply` leaves: a full copy of the object, env and data included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const LINE_BREAK = /\r\n|\r|\n/;
// Filler for a line of an embedded file that holds nothing: a comment.
const HARMLESS_LINE = '#';

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

/** The marker judged as the same kind of secret material under the same name. */
function markerFor(kind: SecretKind): string {
  if (kind === 'sensitive-name') return REDACTED_VALUE;
  if (kind === 'generated-key') return REDACTED_GENERATED_KEY;
  return REDACTED_CREDENTIALS[kind];
}

/**
 * The marker for an env value: `undefined`, `null` and `''` stay; secret
 * material becomes the marker of its kind; anything else (other strings,
 * numbers, objects) becomes the harmless marker.
 */
export function redactEnvValue(name: unknown, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return value;
  const kind = secretMaterial(typeof name === 'string' ? name : '', value);
  return kind ? markerFor(kind) : REDACTED_HARMLESS;
}

/**
 * The marker for a ConfigMap text value under its key. An embedded file
 * with secret lines keeps its line count: each such line becomes a marker
 * (with its key, which is a name, not a value), every other line a comment.
 */
function redactConfigText(key: string, text: unknown): string {
  const secrets = findSecretsInConfigValue(key, text);
  if (
    secrets.lines.length === 0 ||
    typeof text !== 'string' ||
    !isEmbeddedFile(text)
  ) {
    return secrets.whole ? markerFor(secrets.whole) : REDACTED_HARMLESS;
  }
  const lines = text.split(LINE_BREAK).map(() => HARMLESS_LINE);
  for (const secret of secrets.lines) {
    lines[secret.line - 1] = secret.key
      ? `${secret.key}=${markerFor(secret.kind)}`
      : markerFor(secret.kind);
  }
  return lines.join('\n');
}

/** The marker for a ConfigMap `data` (text) or `binaryData` (base64) value. */
export function redactConfigMapValue(
  field: 'data' | 'binaryData',
  key: string,
  value: unknown,
): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (field === 'data') return redactConfigText(key, value);
  // The engine judges binaryData decoded, or as written when it cannot
  // decode it; the marker is always base64 and decodes to the same verdict.
  const text = typeof value === 'string' ? decodeBase64(value) ?? value : value;
  return base64(redactConfigText(key, text));
}

function redactContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const env = asRecord(item)?.env;
    if (!Array.isArray(env)) continue;
    for (const entry of env) {
      const variable = asRecord(entry);
      if (variable && Object.prototype.hasOwnProperty.call(variable, 'value')) {
        setOwn(
          variable,
          'value',
          redactEnvValue(variable.name, variable.value),
        );
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
        setOwn(entries, key, redactConfigMapValue(field, key, entries[key]));
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
 * Keeps what the checks need of a listed object, in place: drops Pods,
 * ReplicaSets and ReplicationControllers owned by a controller (only bare
 * ones are evaluated), drops
 * `status`, `metadata.managedFields` and the last-applied annotation, and
 * redacts env and ConfigMap values. Returns undefined for dropped objects.
 */
export function retainObject<T extends KubeObject>(object: T): T | undefined {
  if (
    KINDS_LEFT_TO_CONTROLLERS.has(object.kind as string) &&
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
