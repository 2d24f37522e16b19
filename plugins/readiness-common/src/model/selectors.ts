/**
 * Kubernetes label selector semantics, compiled once per selector so that
 * matching a pod template is a few map lookups.
 */
import { asArray, asRecord, ownValue, scalarToString } from '../util/guards';

/**
 * Set-based selector operators.
 *
 * @public
 */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/**
 * One `matchExpressions` requirement.
 *
 * @public
 */
export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
}

/**
 * A selector ready for matching.
 *
 * @public
 */
export interface CompiledSelector {
  /** Equality requirements (`matchLabels`, a Service's selector map). */
  equals: ReadonlyArray<readonly [string, string]>;
  /** Set-based requirements (`matchExpressions`). */
  requirements: readonly SelectorRequirement[];
  /** True when the selector can never match (absent where absent means none, or invalid). */
  matchesNothing: boolean;
}

/** Matches no pod: a Service without selector, a PDB without one. */
export const SELECT_NOTHING: CompiledSelector = Object.freeze({
  equals: [],
  requirements: [],
  matchesNothing: true,
});

/** Matches every pod: the empty selector `{}`. */
export const SELECT_EVERYTHING: CompiledSelector = Object.freeze({
  equals: [],
  requirements: [],
  matchesNothing: false,
});

const NO_REQUIREMENTS: readonly SelectorRequirement[] = Object.freeze([]);

const OPERATORS: ReadonlySet<string> = new Set([
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
]);

/**
 * Compiles a `metav1.LabelSelector` (`matchLabels` + `matchExpressions`).
 * `whenAbsent` decides what a missing selector means: for a NetworkPolicy's
 * `podSelector` or a monitor's `selector` an absent value behaves like `{}`
 * (everything); for a PodDisruptionBudget a missing selector selects nothing.
 */
export function compileLabelSelector(
  raw: unknown,
  whenAbsent: 'everything' | 'nothing',
): CompiledSelector {
  if (raw === undefined || raw === null) {
    return whenAbsent === 'everything' ? SELECT_EVERYTHING : SELECT_NOTHING;
  }
  const selector = asRecord(raw);
  if (!selector) return SELECT_NOTHING;

  const equals: Array<readonly [string, string]> = [];
  const matchLabels = selector.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    const labels = asRecord(matchLabels);
    if (!labels) return SELECT_NOTHING;
    for (const key of Object.keys(labels)) {
      const value = scalarToString(labels[key]);
      // A non-scalar label value is invalid; Kubernetes would reject it.
      if (value === undefined) return SELECT_NOTHING;
      equals.push([key, value]);
    }
  }

  let requirements: SelectorRequirement[] | undefined;
  const expressions = selector.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    requirements = [];
    if (!Array.isArray(expressions)) return SELECT_NOTHING;
    for (const entry of expressions) {
      const expression = asRecord(entry);
      const key = expression && scalarToString(expression.key);
      const operator = expression?.operator;
      if (!key || typeof operator !== 'string' || !OPERATORS.has(operator)) {
        return SELECT_NOTHING;
      }
      const values: string[] = [];
      for (const value of asArray(expression.values)) {
        const text = scalarToString(value);
        if (text !== undefined) values.push(text);
      }
      requirements.push({
        key,
        operator: operator as SelectorOperator,
        values,
      });
    }
  }

  if (equals.length === 0 && !requirements?.length) {
    return SELECT_EVERYTHING;
  }
  return {
    equals,
    requirements: requirements?.length ? requirements : NO_REQUIREMENTS,
    matchesNothing: false,
  };
}

/**
 * Compiles a plain equality map such as a Service's `spec.selector`. An
 * absent or empty map selects nothing: such a Service has its endpoints
 * managed by hand.
 */
export function compileEqualitySelector(raw: unknown): CompiledSelector {
  const map = asRecord(raw);
  if (!map) return SELECT_NOTHING;
  const equals: Array<readonly [string, string]> = [];
  for (const key of Object.keys(map)) {
    const value = scalarToString(map[key]);
    if (value === undefined) return SELECT_NOTHING;
    equals.push([key, value]);
  }
  if (equals.length === 0) return SELECT_NOTHING;
  return { equals, requirements: NO_REQUIREMENTS, matchesNothing: false };
}

/**
 * Whether a selector matches a set of labels.
 *
 * @public
 */
export function selectorMatches(
  selector: CompiledSelector,
  labels: Record<string, string>,
): boolean {
  if (selector.matchesNothing) return false;
  for (const [key, value] of selector.equals) {
    if (ownValue(labels, key) !== value) return false;
  }
  for (const requirement of selector.requirements) {
    const actual = ownValue(labels, requirement.key) as string | undefined;
    switch (requirement.operator) {
      case 'In':
        if (actual === undefined || !requirement.values.includes(actual)) {
          return false;
        }
        break;
      case 'NotIn':
        if (actual !== undefined && requirement.values.includes(actual)) {
          return false;
        }
        break;
      case 'Exists':
        if (actual === undefined) return false;
        break;
      case 'DoesNotExist':
        if (actual !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const SET_REQUIREMENT = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/i;
const NOT_EQUALS = /^([^\s!=]+)\s*!=\s*(\S*)$/;
const EQUALS = /^([^\s!=]+)\s*==?\s*(\S*)$/;
const DOES_NOT_EXIST = /^!\s*([^\s!=]+)$/;
const EXISTS = /^([^\s!=()]+)$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms.map(term => term.trim()).filter(term => term.length > 0);
}

/**
 * Parses the string form of a label selector, as in
 * `backstage.io/kubernetes-label-selector: 'app=web,tier in (api,worker)'`.
 * Returns undefined when the text is not a valid selector.
 */
export function parseLabelSelectorString(
  text: string,
): CompiledSelector | undefined {
  const equals: Array<readonly [string, string]> = [];
  const requirements: SelectorRequirement[] = [];
  for (const term of splitTerms(text)) {
    let match = SET_REQUIREMENT.exec(term);
    if (match) {
      const values = match[3]
        .split(',')
        .map(value => value.trim())
        .filter(value => value.length > 0);
      requirements.push({
        key: match[1],
        operator: match[2].toLowerCase() === 'in' ? 'In' : 'NotIn',
        values,
      });
      continue;
    }
    match = NOT_EQUALS.exec(term);
    if (match) {
      requirements.push({
        key: match[1],
        operator: 'NotIn',
        values: [match[2]],
      });
      continue;
    }
    match = EQUALS.exec(term);
    if (match) {
      equals.push([match[1], match[2]]);
      continue;
    }
    match = DOES_NOT_EXIST.exec(term);
    if (match) {
      requirements.push({
        key: match[1],
        operator: 'DoesNotExist',
        values: [],
      });
      continue;
    }
    match = EXISTS.exec(term);
    if (match) {
      requirements.push({ key: match[1], operator: 'Exists', values: [] });
      continue;
    }
    return undefined;
  }
  if (equals.length === 0 && requirements.length === 0) return undefined;
  return { equals, requirements, matchesNothing: false };
}
