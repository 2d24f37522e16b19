/**
 * What the patterns of a match exemption may hold. A pattern that can never
 * match anything Kubernetes accepts (an uppercase namespace, a name with a
 * `/`) would exempt nothing without a word, so configuration rejects it and
 * says why. Each function returns the problem, or undefined when the
 * pattern is fine.
 */
import { KNOWN_KINDS } from './model/kinds';

/** Glob syntax of other tools that names cannot hold and we do not support. */
const FOREIGN_GLOB_SYNTAX = /[[\]{}!\\()|+]/;
const NAMESPACE_PATTERN = /^[a-z0-9*?-]+$/;
const NAME_PATTERN = /^[a-z0-9.*?-]+$/;
const KIND_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const LABEL_VALUE_PATTERN = /^[A-Za-z0-9_.*?-]*$/;

const WILDCARDS_ONLY =
  'only * (any run of characters) and ? (one character) are wildcards';

function foreignGlobProblem(pattern: string): string | undefined {
  const found = FOREIGN_GLOB_SYNTAX.exec(pattern);
  return found
    ? `"${pattern}" uses "${found[0]}": ${WILDCARDS_ONLY}`
    : undefined;
}

/** A pattern in `match.namespaces`. */
export function namespacePatternProblem(pattern: string): string | undefined {
  if (pattern === '') return undefined; // reported as empty by the schema
  return (
    foreignGlobProblem(pattern) ??
    (NAMESPACE_PATTERN.test(pattern)
      ? undefined
      : `"${pattern}" can never match: namespace names hold only lowercase letters, digits and "-"`)
  );
}

/** A pattern in `match.names`. */
export function namePatternProblem(pattern: string): string | undefined {
  if (pattern === '') return undefined;
  if (pattern.includes('/')) {
    return `"${pattern}" holds a "/": give the name alone and the namespace in match.namespaces`;
  }
  return (
    foreignGlobProblem(pattern) ??
    (NAME_PATTERN.test(pattern)
      ? undefined
      : `"${pattern}" can never match: object names hold only lowercase letters, digits, "-" and "."`)
  );
}

const KNOWN_KINDS_BY_LOWER_CASE = new Map(
  KNOWN_KINDS.map(kind => [kind.toLowerCase(), kind]),
);

/**
 * A kind in `match.kinds`. Kinds are matched exactly, as Kubernetes spells
 * them; a kind the engine does not know is fine (custom checks may look at
 * any kind), but a known one in the wrong case is a mistake.
 */
export function kindProblem(kind: string): string | undefined {
  if (kind === '') return undefined;
  if (/[*?]/.test(kind)) {
    return `"${kind}": kinds are matched exactly, without wildcards; leave kinds out to match every kind`;
  }
  if (!KIND_PATTERN.test(kind)) {
    return `"${kind}" is not a Kubernetes kind (a name such as Deployment or Ingress, without its API group)`;
  }
  const known = KNOWN_KINDS_BY_LOWER_CASE.get(kind.toLowerCase());
  if (known && known !== kind) {
    return `"${kind}": kinds are case-sensitive; did you mean ${known}?`;
  }
  return undefined;
}

/** A key of `match.labels`: a Kubernetes label key, matched exactly. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  const valid =
    name.length <= 63 &&
    LABEL_NAME.test(name) &&
    (prefix === undefined ||
      (prefix.length <= 253 && LABEL_PREFIX.test(prefix)));
  return valid
    ? undefined
    : `"${key}" is not a label key (an optional DNS prefix and "/", then letters, digits, "-", "_" or "."; no wildcards)`;
}

/** A value of `match.labels`: a label value, or a glob over them. */
export function labelValuePatternProblem(pattern: string): string | undefined {
  return (
    foreignGlobProblem(pattern) ??
    (LABEL_VALUE_PATTERN.test(pattern)
      ? undefined
      : `"${pattern}" can never match: label values hold only letters, digits, "-", "_" and "."`)
  );
}
