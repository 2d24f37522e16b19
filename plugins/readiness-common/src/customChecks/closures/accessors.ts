/**
 * Field reads written into each expression's own code, for the keys an
 * expression names (`object.spec.replicas`, `has(container.ports)`,
 * `'memory' in limits`) and the lists its comprehensions run over.
 *
 * Why not the runtime's `field`: one helper read by every expression sees
 * every shape of every manifest, so V8 gives up on its property loads
 * (megamorphic, a hash lookup by key each time). A function of the
 * expression's own, with the key written in, reads one key on the few
 * shapes that reach it.
 *
 * Each accessor answers only the common case, a plain object holding a
 * value the closures model, and hands everything else to the runtime's
 * helper, so it can never answer differently from the helper. It reads
 * the key as a property rather than asking whether the object owns it;
 * that is the same for the keys it is used for, which no plain object
 * inherits (see {@link hasAccessor}), on objects whose constructor is
 * `Object`: what the YAML and JSON parsers build.
 */

/**
 * True when a key can be read by an accessor: not one a plain object
 * inherits from `Object.prototype` (`constructor`, `toString`,
 * `__proto__`, ...), whose read would not say whether the object holds it.
 */
export function hasAccessor(key: string): boolean {
  return !(key in Object.prototype);
}

/** A value the closures model, as far as the accessors check it inline. */
const IS_COMMON_VALUE = `(${[
  'typeof $found === "object"',
  '? $found !== null && ($found.constructor === Object || $found.constructor === Array)',
  ': typeof $found === "string" || typeof $found === "number" || typeof $found === "boolean"',
].join(' ')})`;

/** Whether `$object` is a plain object, as the helpers define it, or the common case of one. */
const IS_PLAIN_OBJECT =
  'typeof $object === "object" && $object !== null && $object.constructor === Object';

/**
 * `function name($object)` that reads the key from a plain object and
 * returns what it found when `answers` holds of it (`$found`), else what
 * the runtime's `helper($object, key)` returns. `quotedKey` is a
 * JavaScript string literal.
 */
function keyReader(
  name: string,
  quotedKey: string,
  answers: string,
  helper: 'field' | 'fieldIfPresent',
): string {
  return [
    `function ${name}($object) {`,
    `if (${IS_PLAIN_OBJECT}) {`,
    `const $found = $object[${quotedKey}];`,
    `if (${answers}) return $found;`,
    '}',
    `return ${helper}($object, ${quotedKey});`,
    '}',
  ].join('\n');
}

/** The runtime's `field($object, key)`, for a key {@link hasAccessor} accepts. */
export function fieldAccessor(name: string, quotedKey: string): string {
  return keyReader(name, quotedKey, IS_COMMON_VALUE, 'field');
}

/** The runtime's `fieldIfPresent($object, key)`: undefined when the key is missing. */
export function presentFieldAccessor(name: string, quotedKey: string): string {
  return keyReader(
    name,
    quotedKey,
    `$found === undefined || ${IS_COMMON_VALUE}`,
    'fieldIfPresent',
  );
}

/** `function name($object)`: the runtime's `isIn(key, $object)`. */
export function membershipTest(name: string, quotedKey: string): string {
  return [
    `function ${name}($object) {`,
    `if (${IS_PLAIN_OBJECT}) return $object[${quotedKey}] !== undefined;`,
    `return isIn(${quotedKey}, $object);`,
    '}',
  ].join('\n');
}

/**
 * `function name($list)`: the runtime's `items($list)`, the elements a
 * comprehension runs over, for lists of plain values.
 */
export function itemsAccessor(name: string): string {
  return [
    `function ${name}($list) {`,
    'if (!Array.isArray($list)) return items($list);',
    'for (let $i = 0; $i < $list.length; $i++) {',
    'const $found = $list[$i];',
    `if (!${IS_COMMON_VALUE}) return items($list);`,
    '}',
    'return $list;',
    '}',
  ].join('\n');
}
