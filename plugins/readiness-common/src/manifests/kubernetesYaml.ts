/**
 * YAML scalars as Kubernetes reads them. `kubectl` and the API server turn
 * YAML into JSON with go-yaml v2, which resolves plain (unquoted) scalars by
 * YAML 1.1 rules: `yes`, `on`, `y` are true; `0644` is the octal number 420;
 * `1_000` is 1000. Quoted scalars and block scalars stay strings. Timestamps
 * stay strings (go-yaml v2 keeps them as text when decoding into plain data),
 * and there are no sexagesimal numbers (`1:30` is a string).
 */
import type * as JsYaml from 'js-yaml';

const BOOLEANS: ReadonlyMap<string, boolean> = new Map(
  (
    [
      ['y', true],
      ['yes', true],
      ['true', true],
      ['on', true],
      ['n', false],
      ['no', false],
      ['false', false],
      ['off', false],
    ] as const
  ).flatMap(([word, value]) => [
    [word, value],
    [word[0].toUpperCase() + word.slice(1), value],
    [word.toUpperCase(), value],
  ]),
);

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);

/** Go's `strconv.ParseInt(s, 0, 64)` forms, after go-yaml removed `_`. */
const INTEGER =
  /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;

/** go-yaml v2's `yamlStyleFloat`. */
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map(
  (
    [
      ['.nan', NaN],
      ['.inf', Infinity],
      ['+.inf', Infinity],
      ['-.inf', -Infinity],
    ] as const
  ).flatMap(([word, value]) => {
    const dot = word.indexOf('.');
    const name = word.slice(dot + 1);
    const title = name === 'nan' ? 'NaN' : 'Inf';
    const prefix = word.slice(0, dot + 1);
    return [
      [word, value],
      [prefix + title, value],
      [prefix + name.toUpperCase(), value],
    ];
  }),
);

function parseInteger(text: string): number {
  const negative = text[0] === '-';
  const unsigned = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  let value: number;
  const prefix = unsigned.slice(0, 2).toLowerCase();
  if (prefix === '0x') {
    value = parseInt(unsigned.slice(2), 16);
  } else if (prefix === '0b') {
    value = parseInt(unsigned.slice(2), 2);
  } else if (prefix === '0o') {
    value = parseInt(unsigned.slice(2), 8);
  } else if (unsigned.length > 1 && unsigned[0] === '0') {
    value = parseInt(unsigned.slice(1), 8);
  } else {
    value = parseInt(unsigned, 10);
  }
  return negative ? -value : value;
}

/** Only `+ - . 0-9` can start a number (go-yaml's hint table). */
function isNumberStart(text: string): boolean {
  const first = text.charCodeAt(0);
  return (
    (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46
  );
}

/** The number a plain scalar stands for, or undefined when it is no number. */
function numberOf(text: string): number | undefined {
  if (!isNumberStart(text)) {
    return undefined;
  }
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) {
    return special;
  }
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  if (INTEGER.test(plain)) {
    return parseInteger(plain);
  }
  if (FLOAT.test(plain)) {
    return parseFloat(plain);
  }
  return undefined;
}

/**
 * The value of a plain (unquoted) scalar as Kubernetes reads it: a boolean,
 * null, a number, or the text itself.
 */
export function resolvePlainScalar(
  text: string,
): string | number | boolean | null {
  if (text === '' || NULLS.has(text)) {
    return null;
  }
  const boolean = text.length <= 5 ? BOOLEANS.get(text) : undefined;
  if (boolean !== undefined) {
    return boolean;
  }
  const number = numberOf(text);
  return number === undefined ? text : number;
}

/** The object key a plain scalar key becomes (`yes:` is the key `true`). */
export function plainKeyOf(text: string): string {
  return String(resolvePlainScalar(text));
}

let schema: JsYaml.Schema | undefined;
/** Unknown tags met during the current `load` (it runs synchronously). */
let unknownTags: Set<string> | undefined;

/**
 * The js-yaml schema that reads scalars the way Kubernetes does, with `<<`
 * merge keys. A node with a tag Kubernetes does not know (`!Ref`,
 * `!!binary`, ...) is read as if untagged; the tag is recorded in the set
 * given to {@link withUnknownTags}.
 */
export function kubernetesSchema(jsYaml: typeof JsYaml): JsYaml.Schema {
  if (schema) {
    return schema;
  }
  const { Type, FAILSAFE_SCHEMA } = jsYaml;
  const scalar = (
    tag: string,
    resolve: (data: string) => boolean,
    construct: (data: string) => unknown,
  ) =>
    new Type(`tag:yaml.org,2002:${tag}`, {
      kind: 'scalar',
      resolve: data => data !== null && resolve(data),
      construct,
    });
  const nullType = new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: data => data === null || data === '' || NULLS.has(data),
    construct: () => null,
  });
  const boolType = scalar(
    'bool',
    data => data.length <= 5 && BOOLEANS.has(data),
    data => BOOLEANS.get(data),
  );
  const intType = scalar(
    'int',
    data => isNumberStart(data) && INTEGER.test(data.replace(/_/g, '')),
    data => parseInteger(data.replace(/_/g, '')),
  );
  const floatType = scalar(
    'float',
    data => numberOf(data) !== undefined,
    data => numberOf(data),
  );
  const unknown = (prefix: string, kind: 'scalar' | 'sequence' | 'mapping') =>
    new Type(prefix, {
      kind,
      multi: true,
      construct: (data: unknown, tag?: string) => {
        if (tag !== undefined) {
          unknownTags?.add(tag);
        }
        if (data !== null) {
          return data;
        }
        if (kind === 'mapping') return {};
        return kind === 'sequence' ? [] : '';
      },
    });
  // `<<: *defaults` merge keys, as Kubernetes' own YAML reader accepts.
  const mergeType = new Type('tag:yaml.org,2002:merge', {
    kind: 'scalar',
    resolve: data => data === '<<',
  });
  // Untagged plain scalars go through one type rather than four: js-yaml
  // asks each implicit type in turn about every plain scalar.
  let resolved: unknown;
  const plainType = new Type('tag:yaml.org,2002:kubernetes-plain', {
    kind: 'scalar',
    resolve: data => {
      resolved = data === null ? null : resolvePlainScalar(data);
      return typeof resolved !== 'string';
    },
    construct: () => resolved,
  });
  const kinds = ['scalar', 'sequence', 'mapping'] as const;
  schema = FAILSAFE_SCHEMA.extend({
    implicit: [mergeType, plainType],
    explicit: [
      // For `!!null ~`, `!!bool yes`, `!!int "0644"`, `!!float 1`.
      nullType,
      boolType,
      intType,
      floatType,
      ...kinds.map(kind => unknown('!', kind)),
      ...kinds.map(kind => unknown('tag:', kind)),
    ],
  });
  return schema;
}

/** Runs `read`, collecting the unknown tags met into `tags`. */
export function withUnknownTags<T>(tags: Set<string>, read: () => T): T {
  const previous = unknownTags;
  unknownTags = tags;
  try {
    return read();
  } finally {
    unknownTags = previous;
  }
}

/** A tag as written in YAML: `!!binary` for the YAML types, `!Ref` for others. */
export function displayTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:')
    ? `!!${tag.slice('tag:yaml.org,2002:'.length)}`
    : tag;
}
