/**
 * Label and field selectors as the API server reads them from the
 * `labelSelector` and `fieldSelector` query parameters.
 */

/** A selector the server cannot read; answered with 400 BadRequest. @public */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

/** One requirement of a label selector. @public */
export type LabelRequirement =
  | { key: string; operator: 'exists' | 'doesNotExist' }
  | { key: string; operator: 'equals' | 'notEquals'; value: string }
  | { key: string; operator: 'in' | 'notIn'; values: string[] }
  | { key: string; operator: 'greaterThan' | 'lessThan'; value: number };

/** Matches a label map; every requirement must hold. @public */
export type LabelMatcher = (
  labels: Readonly<Record<string, string>>,
) => boolean;

// Label keys: optional DNS-subdomain prefix and a name of at most 63 chars.
const LABEL_KEY =
  /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

type Token =
  | { type: 'word'; text: string }
  | { type: '=' | '==' | '!=' | '!' | '(' | ')' | ',' | '<' | '>' | 'end' };

const SPECIALS = new Set([' ', '\t', '\n', ',', '(', ')', '=', '!', '<', '>']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === '=' && text[i + 1] === '=') {
      tokens.push({ type: '==' });
      i += 2;
    } else if (c === '!' && text[i + 1] === '=') {
      tokens.push({ type: '!=' });
      i += 2;
    } else if (
      c === '=' ||
      c === '!' ||
      c === '(' ||
      c === ')' ||
      c === ',' ||
      c === '<' ||
      c === '>'
    ) {
      tokens.push({ type: c });
      i++;
    } else {
      let end = i;
      while (end < text.length && !SPECIALS.has(text[end])) end++;
      tokens.push({ type: 'word', text: text.slice(i, end) });
      i = end;
    }
  }
  tokens.push({ type: 'end' });
  return tokens;
}

function checkKey(key: string): string {
  if (!LABEL_KEY.test(key)) {
    throw new SelectorError(
      `unable to parse requirement: invalid label key "${key}"`,
    );
  }
  return key;
}

function checkValue(value: string): string {
  if (!LABEL_VALUE.test(value)) {
    throw new SelectorError(
      `unable to parse requirement: invalid label value: "${value}"`,
    );
  }
  return value;
}

/**
 * Parses a label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, joined by commas.
 * @public
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const fail = (what: string): never => {
    throw new SelectorError(
      `unable to parse requirement: ${what} in selector "${text}"`,
    );
  };
  const word = (): string => {
    const token = next();
    return token.type === 'word' ? token.text : fail('expected a label key');
  };
  // A value may be empty: `a=` selects objects whose label a is ''.
  const optionalValue = (): string => {
    const token = peek();
    if (token.type === 'word') {
      position++;
      return checkValue(token.text);
    }
    return '';
  };

  const requirements: LabelRequirement[] = [];
  if (peek().type === 'end') return requirements;
  for (;;) {
    const first = peek();
    if (first.type === '!') {
      position++;
      requirements.push({ key: checkKey(word()), operator: 'doesNotExist' });
    } else {
      const key = checkKey(word());
      const operator = peek();
      if (operator.type === ',' || operator.type === 'end') {
        requirements.push({ key, operator: 'exists' });
      } else if (operator.type === '=' || operator.type === '==') {
        position++;
        requirements.push({ key, operator: 'equals', value: optionalValue() });
      } else if (operator.type === '!=') {
        position++;
        requirements.push({
          key,
          operator: 'notEquals',
          value: optionalValue(),
        });
      } else if (operator.type === '<' || operator.type === '>') {
        position++;
        const raw = word();
        const value = Number(raw);
        if (!Number.isInteger(value)) fail(`"${raw}" is not an integer`);
        requirements.push({
          key,
          operator: operator.type === '>' ? 'greaterThan' : 'lessThan',
          value,
        });
      } else if (
        operator.type === 'word' &&
        (operator.text === 'in' || operator.text === 'notin')
      ) {
        position++;
        if (next().type !== '(') fail(`expected '(' after ${operator.text}`);
        const values: string[] = [];
        for (;;) {
          values.push(optionalValue());
          const separator = next();
          if (separator.type === ')') break;
          if (separator.type !== ',') fail("expected ',' or ')'");
        }
        if (values.length === 1 && values[0] === '') {
          fail(`for '${operator.text}' the set of values can't be empty`);
        }
        requirements.push({
          key,
          operator: operator.text === 'in' ? 'in' : 'notIn',
          values,
        });
      } else {
        fail(`unexpected operator after "${key}"`);
      }
    }
    const separator = next();
    if (separator.type === 'end') break;
    if (separator.type !== ',') fail("expected ','");
  }
  return requirements;
}

function matchesRequirement(
  requirement: LabelRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'exists':
      return has;
    case 'doesNotExist':
      return !has;
    case 'equals':
      return value === requirement.value;
    case 'notEquals':
      return value !== requirement.value;
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notIn':
      return value === undefined || !requirement.values.includes(value);
    case 'greaterThan':
    case 'lessThan': {
      const number = Number(value);
      if (value === undefined || !Number.isInteger(number)) return false;
      return requirement.operator === 'greaterThan'
        ? number > requirement.value
        : number < requirement.value;
    }
    default:
      return false;
  }
}

/** A matcher for a label selector string. @public */
export function labelMatcher(text: string): LabelMatcher {
  const requirements = parseLabelSelector(text);
  if (requirements.length === 0) return () => true;
  return labels =>
    requirements.every(requirement => matchesRequirement(requirement, labels));
}

/** Fields every resource can be selected by. */
const SUPPORTED_FIELDS = new Set(['metadata.name', 'metadata.namespace']);

/** One requirement of a field selector. @public */
export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  operator: 'equals' | 'notEquals';
  value: string;
}

/**
 * Parses a field selector (`metadata.namespace=web,metadata.name!=x`).
 * Like the real server, only fields the resource supports are accepted;
 * here those are `metadata.name` and `metadata.namespace`.
 * @public
 */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const part of text.split(',')) {
    const term = part.trim();
    if (!term) continue;
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) {
      throw new SelectorError(
        `invalid field selector: '${term}' is not of the form field=value`,
      );
    }
    const [, field, operator, value] = match;
    if (!SUPPORTED_FIELDS.has(field)) {
      throw new SelectorError(`field label not supported: ${field}`);
    }
    requirements.push({
      field: field as FieldRequirement['field'],
      operator: operator === '!=' ? 'notEquals' : 'equals',
      value: value.trim(),
    });
  }
  return requirements;
}
