/**
 * Definitions of custom checks and the rules every custom check follows,
 * whether it comes from configuration or from a backend module: the id's
 * form, the category's, and which kinds each scope accepts.
 */
import { CHECK_CATEGORY_TITLES } from '../api/types';
import { CheckScope, CheckTarget, Severity, SEVERITY_WEIGHTS } from '../types';
import { WORKLOAD_KINDS } from '../model/workloads';
import { CustomCheckDefinition, ReadinessCheck } from './types';

/** The scopes a custom check can run in. */
export const CHECK_SCOPES: readonly CheckScope[] = [
  'workload',
  'container',
  'object',
  'entity',
  'cluster',
];

/**
 * What describes a custom check; {@link customCheckDefinition} derives the
 * rest of its definition.
 * @public
 */
export interface CustomCheckSpec {
  /** Lower-kebab-case, unique, not a built-in id. */
  id: string;
  /** What the check asks for, as a statement. */
  title: string;
  /** A built-in category, or a new lower-kebab-case one. */
  category: string;
  /** Default severity; configuration may override it. */
  severity: Severity;
  /** What the check runs on. */
  scope: CheckScope;
  /** Required for `object`; for workload and container, default every workload kind. */
  kinds?: string[];
  /** Why the check matters; default empty. */
  rationale?: string;
  /** What to change, in Markdown; default empty. */
  remediation?: string;
  /** Where the check is documented. */
  docsUrl?: string;
}

const TARGETS: Record<CheckScope, CheckTarget> = {
  workload: 'workload',
  container: 'workload',
  object: 'object',
  entity: 'entity',
  cluster: 'cluster',
};

/**
 * The definition of a custom check, as `GET /checks` and the reports'
 * rule lists show it.
 * @public
 */
export function customCheckDefinition(
  spec: CustomCheckSpec,
): CustomCheckDefinition {
  const definition: CustomCheckDefinition = {
    id: spec.id,
    category: spec.category,
    severity: spec.severity,
    target: TARGETS[spec.scope],
    title: spec.title,
    rationale: spec.rationale ?? '',
    remediation: spec.remediation ?? '',
    remediationSnippet: '',
    docsAnchor: spec.id,
    origin: 'custom',
    scope: spec.scope,
  };
  if (spec.kinds) definition.kinds = [...spec.kinds];
  if (spec.docsUrl) definition.docsUrl = spec.docsUrl;
  return definition;
}

const LOWER_KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** Why `id` cannot be a custom check id (its form only), or undefined. */
export function idFormProblem(id: string): string | undefined {
  return LOWER_KEBAB.test(id)
    ? undefined
    : `"${id}" must be lower-kebab-case, e.g. team-label`;
}

const BUILT_IN_CATEGORIES = Object.keys(CHECK_CATEGORY_TITLES);

/** Why `category` cannot be a custom check's category, or undefined. */
export function categoryProblem(category: string): string | undefined {
  return LOWER_KEBAB.test(category)
    ? undefined
    : `"${category}" must be a built-in category (${BUILT_IN_CATEGORIES.join(
        ', ',
      )}) or a new lower-kebab-case one, e.g. platform-conventions`;
}

/** Why a scope cannot take these kinds (or their absence), or undefined. */
export function kindsProblem(
  scope: CheckScope,
  kinds: readonly string[] | undefined,
): string | undefined {
  if (scope === 'entity' || scope === 'cluster') {
    return kinds ? `does not apply to scope ${scope}: remove it` : undefined;
  }
  if (!kinds) {
    return scope === 'object'
      ? 'is required for scope object, e.g. [Ingress] or [Service]'
      : undefined;
  }
  if (kinds.length === 0) return 'must list at least one kind';
  for (const kind of kinds) {
    if (!KIND.test(kind)) {
      return `"${kind}" is not a kind as Kubernetes spells it, e.g. Deployment`;
    }
    const isWorkload = WORKLOAD_KINDS.has(kind);
    if (scope === 'object' && isWorkload) {
      return `${kind} is a workload kind: use scope workload or container for it`;
    }
    if (scope !== 'object' && !isWorkload) {
      return `${kind} is not a workload kind (${[...WORKLOAD_KINDS].join(
        ', ',
      )}); use scope object for it`;
    }
  }
  return undefined;
}

/** Why a documentation link cannot be used, or undefined. */
export function docsUrlProblem(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
      return undefined;
    }
  } catch {
    // reported below
  }
  return `"${url}" must be an http(s) URL`;
}

function isSeverity(value: unknown): value is Severity {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(SEVERITY_WEIGHTS, value)
  );
}

/**
 * What is wrong with a check a backend module provides, each a phrase
 * naming the field; empty when it is sound. Its id's uniqueness is judged
 * with the rest of the configuration.
 */
export function moduleCheckProblems(check: ReadinessCheck): string[] {
  const definition = check?.definition;
  if (typeof definition !== 'object' || definition === null) {
    return ['definition is missing'];
  }
  if (typeof check.evaluate !== 'function') {
    return ['evaluate must be a function'];
  }
  const problems: string[] = [];
  const field = (name: string, problem: string | undefined) => {
    if (problem) problems.push(`${name}: ${problem}`);
  };
  const text = (value: unknown) =>
    typeof value === 'string' && value.length > 0;
  field(
    'definition.id',
    text(definition.id) ? idFormProblem(definition.id) : 'must be a string',
  );
  field('definition.title', text(definition.title) ? undefined : 'is empty');
  field(
    'definition.category',
    text(definition.category)
      ? categoryProblem(definition.category)
      : 'must be a string',
  );
  if (!isSeverity(definition.severity)) {
    field('definition.severity', 'must be one of critical, high, medium, low');
  }
  if (!CHECK_SCOPES.includes(definition.scope)) {
    field('definition.scope', `must be one of ${CHECK_SCOPES.join(', ')}`);
  } else {
    field('definition.kinds', kindsProblem(definition.scope, definition.kinds));
  }
  if (definition.origin !== 'custom') {
    field('definition.origin', 'must be custom');
  }
  return problems;
}
