/**
 * Compiles a type-checked CEL expression of `@marcbachmann/cel-js` into one
 * JavaScript function, once per configuration: the library keeps parsing,
 * type checking and its error messages; the function evaluates the
 * expressions custom checks are made of (field access, comparisons, `&&`
 * and `||`, `has()`, the list macros, `.?` with `orValue`, string
 * functions) several times faster than the library's tree walk, and
 * without allocating per evaluation.
 *
 * Why generated code rather than a closure per node: every closure made
 * from the same source shares V8's call-site feedback, so with a few
 * checks configured each call from one node to the next was megamorphic
 * and nothing was inlined. A function per expression has call sites of its
 * own, and calls the runtime's helpers directly. The generated text holds
 * only the compiler's own templates, names it numbers itself (`$b0`,
 * `$n1`, `$c2`) and literals written by `JSON.stringify` or as bigint
 * digits: no text of the expression becomes code.
 *
 * The function gives a value only where it is the library's; anywhere else
 * (an error, a type it does not model) it throws FAULT and the caller asks
 * the library. An expression with a node the compiler does not know is not
 * compiled at all, nor is anything where `new Function` is not allowed (a
 * browser's content security policy).
 */
import {
  fieldAccessor,
  hasAccessor,
  itemsAccessor,
  membershipTest,
  presentFieldAccessor,
} from './accessors';
import { Unsupported } from './fault';
import { functionOf, methodOf } from './functions';
import { OptionalClass, Runtime, RUNTIME_NAMES, runtimeFor } from './runtime';

/** The variables of one evaluation, by name. */
export type Variables = Readonly<Record<string, unknown>>;

/** A compiled expression; throws FAULT where the library must answer. */
export type Closure = (variables: Variables) => unknown;

/** A type as the library's checker records it on a node. */
interface CheckedType {
  kind: string;
  name: string;
}

/** A node of the checked AST, as far as the compiler reads it. */
interface CelNode {
  op: string;
  args: unknown;
  checkedType?: CheckedType;
  meta?: { alternate?: unknown; macro?: Record<string, unknown> };
}

/** A comprehension's variable and the JavaScript name that holds it. */
interface Binding {
  name: string;
  local: string;
  parent: Binding | undefined;
}

const TIMESTAMP = 'google.protobuf.Timestamp';

function isNode(value: unknown): value is CelNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CelNode).op === 'string' &&
    'args' in value
  );
}

function node(value: unknown): CelNode {
  if (!isNode(value)) throw new Unsupported('a node of unknown shape');
  return value;
}

function nodes(value: unknown): CelNode[] {
  if (!Array.isArray(value)) throw new Unsupported('a node list');
  return value.map(node);
}

/** A node with no macro behind it: what it says is what it does. */
function isPlainNode(ast: CelNode): boolean {
  return ast.meta?.alternate === undefined && ast.meta?.macro === undefined;
}

function text(value: unknown): string {
  if (typeof value !== 'string') throw new Unsupported('a name');
  return value;
}

/** A string as a JavaScript literal; never more than the string. */
function quote(value: string): string {
  return JSON.stringify(value);
}

/** The runtime helper of each binary operator, by CEL operator. */
const BINARY: Record<string, keyof Runtime> = {
  '==': 'equals',
  '<': 'lessThan',
  '<=': 'lessOrEqual',
  '>': 'greaterThan',
  '>=': 'greaterOrEqual',
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '%': 'remainder',
  in: 'isIn',
};

/** Keys the library leaves out of a map literal. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The macros over lists and maps the compiler builds loops for. */
const COMPREHENSIONS = new Set([
  'all',
  'exists',
  'exists_one',
  'map',
  'filter',
]);

/**
 * The body of a comprehension's function: `before` the loop over the
 * elements, `each` with the element bound to the comprehension's
 * variable, `after` it.
 */
type Loop = (parts: {
  before: string;
  each: string[];
  after: string;
}) => string;

class FunctionCompiler {
  /** Values the code reads as `$c0`, `$c1`, ...: lists, functions. */
  readonly constants: unknown[] = [];
  /** Functions the code calls as `$n0`, `$n1`, ...: where CEL needs statements. */
  readonly helpers: string[] = [];
  /** Functions the code calls as `$a0`, `$a1`, ...: one per key read (see accessors.ts). */
  readonly accessors: string[] = [];
  private bindings = 0;

  /** The JavaScript expression that evaluates `ast`. */
  compile(ast: CelNode, scope: Binding | undefined): string {
    const alternate = ast.meta?.alternate;
    if (alternate !== undefined) {
      if (ast.op === 'rcall') return this.comprehension(ast, scope);
      throw new Unsupported(`an expanded ${ast.op}`);
    }
    if (ast.meta?.macro !== undefined) return this.macro(ast, scope);
    switch (ast.op) {
      case 'value':
        return this.literal(ast.args);
      case 'id':
        return this.identifier(ast, scope);
      case '.':
        return this.fieldAccess(ast, scope);
      case '.?':
        return this.optionalField(ast, scope);
      case '[]':
        return this.indexAccess(ast, scope);
      case '&&':
        return this.logical(ast, scope, false);
      case '||':
        return this.logical(ast, scope, true);
      case '!_':
        return `not(${this.compile(node(ast.args), scope)})`;
      case '-_':
        return `negate(${this.compile(node(ast.args), scope)})`;
      case '!=':
        return `!${this.binary(ast, scope, 'equals')}`;
      case '?:':
        return this.ternary(ast, scope);
      case 'list':
        return this.list(ast, scope);
      case 'map':
        return this.mapLiteral(ast, scope);
      case 'call':
        return this.call(ast, scope);
      case 'rcall':
        return this.methodCall(ast, scope);
      default:
        if (Object.prototype.hasOwnProperty.call(BINARY, ast.op)) {
          return this.binary(ast, scope, BINARY[ast.op]);
        }
        throw new Unsupported(`the operator ${ast.op}`);
    }
  }

  /** A value the code reads from the constants: the same one every time. */
  private constant(value: unknown): string {
    this.constants.push(value);
    return `$c${this.constants.length - 1}`;
  }

  /** A CEL literal as JavaScript: the value itself, as the library holds it. */
  private literal(value: unknown): string {
    switch (typeof value) {
      case 'boolean':
        return String(value);
      case 'string':
        return quote(value);
      case 'bigint':
        return `(${value.toString()}n)`;
      case 'number':
        return Number.isFinite(value) && !Object.is(value, -0)
          ? `(${String(value)})`
          : this.constant(value);
      default:
        return value === null ? 'null' : this.constant(value);
    }
  }

  /**
   * A function for a node that needs statements (a loop, a try): it takes
   * the variables and every comprehension variable in scope, and the call
   * passes them on under the same names.
   */
  private helper(scope: Binding | undefined, body: string): string {
    const parameters = ['v'];
    for (let binding = scope; binding; binding = binding.parent) {
      parameters.push(binding.local);
    }
    const name = `$n${this.helpers.length}`;
    const list = parameters.join(', ');
    this.helpers.push(`function ${name}(${list}) {\n${body}\n}`);
    return `${name}(${list})`;
  }

  /** A function of this expression's own, `$a0`, ..., whose source `define` writes given its name. */
  private defineAccessor(define: (name: string) => string): string {
    const name = `$a${this.accessors.length}`;
    this.accessors.push(define(name));
    return name;
  }

  /** An accessor made by `template` for `key`. */
  private accessor(
    template: (name: string, quotedKey: string) => string,
    key: string,
  ): string {
    return this.defineAccessor(name => template(name, quote(key)));
  }

  /** `code.key` on a dynamic value: the runtime's `field`, with its own accessor where it can. */
  private read(code: string, key: string): string {
    return hasAccessor(key)
      ? `${this.accessor(fieldAccessor, key)}(${code})`
      : `field(${code}, ${quote(key)})`;
  }

  /** `code.key` for `has()`: the runtime's `fieldIfPresent`, with its own accessor where it can. */
  private readIfPresent(code: string, key: string): string {
    return hasAccessor(key)
      ? `${this.accessor(presentFieldAccessor, key)}(${code})`
      : `fieldIfPresent(${code}, ${quote(key)})`;
  }

  private bound(name: string, scope: Binding | undefined): string | undefined {
    for (let binding = scope; binding; binding = binding.parent) {
      if (binding.name === name) return binding.local;
    }
    return undefined;
  }

  private identifier(ast: CelNode, scope: Binding | undefined): string {
    const name = text(ast.args);
    const local = this.bound(name, scope);
    if (local) return local;
    const type = ast.checkedType;
    if (type?.kind === 'dyn') return `variable(v[${quote(name)}])`;
    if (type?.name === TIMESTAMP) return `timestamp(v[${quote(name)}])`;
    throw new Unsupported(`a variable of type ${type?.name}`);
  }

  /** The operand a field or index access reads, with its checked kind. */
  private operand(
    ast: CelNode,
    scope: Binding | undefined,
  ): { code: string; kind: string | undefined } {
    const [target] = ast.args as unknown[];
    const targetNode = node(target);
    return {
      code: this.compile(targetNode, scope),
      kind: targetNode.checkedType?.kind,
    };
  }

  private fieldAccess(ast: CelNode, scope: Binding | undefined): string {
    const path = this.path(ast, scope);
    if (path) return path;
    const { code, kind } = this.operand(ast, scope);
    const key = text((ast.args as unknown[])[1]);
    if (kind === 'optional') return `optionalField(${code}, ${quote(key)})`;
    if (kind !== 'dyn') throw new Unsupported(`a field of a ${kind}`);
    return this.read(code, key);
  }

  /**
   * `a.b.c` on a variable or a comprehension's element, read without the
   * check of the variable's runtime type: `field` faults on anything but a
   * map, as that check would. Undefined for any other chain.
   */
  private path(ast: CelNode, scope: Binding | undefined): string | undefined {
    const keys: string[] = [];
    let current = ast;
    while (current.op === '.' && isPlainNode(current)) {
      const [target, key] = current.args as unknown[];
      const targetNode = node(target);
      if (targetNode.checkedType?.kind !== 'dyn') return undefined;
      keys.unshift(text(key));
      current = targetNode;
    }
    if (keys.length === 0) return undefined;
    let code = this.uncheckedRoot(current, scope);
    if (!code) return undefined;
    for (const key of keys) code = this.read(code, key);
    return code;
  }

  /**
   * The value of an identifier without the check of a variable's runtime
   * type, for callers that fault on anything but a map themselves; undefined
   * when `ast` is no plain identifier of a dynamic value.
   */
  private uncheckedRoot(
    ast: CelNode,
    scope: Binding | undefined,
  ): string | undefined {
    if (ast.op !== 'id' || !isPlainNode(ast)) return undefined;
    const name = text(ast.args);
    const local = this.bound(name, scope);
    if (local) return local;
    if (ast.checkedType?.kind !== 'dyn') return undefined;
    return `v[${quote(name)}]`;
  }

  private optionalField(ast: CelNode, scope: Binding | undefined): string {
    const { code, kind } = this.operand(ast, scope);
    if (kind !== 'dyn' && kind !== 'optional') {
      throw new Unsupported(`an optional field of a ${kind}`);
    }
    return `optionalField(${code}, ${quote(text((ast.args as unknown[])[1]))})`;
  }

  private indexAccess(ast: CelNode, scope: Binding | undefined): string {
    const { code, kind } = this.operand(ast, scope);
    if (kind !== 'dyn') throw new Unsupported(`an index of a ${kind}`);
    const key = this.compile(node((ast.args as unknown[])[1]), scope);
    return `index(${code}, ${key})`;
  }

  /**
   * `&&` (absorbing false) and `||` (absorbing true), as the library
   * evaluates them: the left operand first, the right one unless the left
   * decides; a side that decides wins over an error on the other.
   */
  private logical(
    ast: CelNode,
    scope: Binding | undefined,
    absorbing: boolean,
  ): string {
    const [left, right] = nodes(ast.args).map(operand =>
      this.compile(operand, scope),
    );
    const decides = String(absorbing);
    const other = String(!absorbing);
    return this.helper(
      scope,
      [
        'let $first;',
        `try { $first = ${left}; } catch { $first = FAULT; }`,
        `if ($first === ${decides}) return ${decides};`,
        `const $second = ${right};`,
        `if ($second === ${decides}) return ${decides};`,
        `if ($first === ${other} && $second === ${other}) return ${other};`,
        'return fault();',
      ].join('\n'),
    );
  }

  private binary(
    ast: CelNode,
    scope: Binding | undefined,
    operator: keyof Runtime,
  ): string {
    const [leftNode, rightNode] = nodes(ast.args);
    const right = this.compile(rightNode, scope);
    // `'key' in map`, the usual test of labels and limits.
    const key = leftNode.args;
    if (
      operator === 'isIn' &&
      leftNode.op === 'value' &&
      isPlainNode(leftNode) &&
      typeof key === 'string' &&
      hasAccessor(key)
    ) {
      return `${this.accessor(membershipTest, key)}(${right})`;
    }
    return `${operator}(${this.compile(leftNode, scope)}, ${right})`;
  }

  private ternary(ast: CelNode, scope: Binding | undefined): string {
    const [condition, then, otherwise] = nodes(ast.args).map(operand =>
      this.compile(operand, scope),
    );
    return this.helper(
      scope,
      [
        `const $decided = ${condition};`,
        `if ($decided === true) return ${then};`,
        `if ($decided === false) return ${otherwise};`,
        'return fault();',
      ].join('\n'),
    );
  }

  private list(ast: CelNode, scope: Binding | undefined): string {
    const elements = nodes(ast.args);
    if (
      elements.every(
        element => element.op === 'value' && !element.meta?.alternate,
      )
    ) {
      // A literal list is built once; nothing the code does changes it.
      return this.constant(elements.map(element => element.args));
    }
    return `[${elements
      .map(element => this.compile(element, scope))
      .join(', ')}]`;
  }

  /**
   * `{'a': x}` with string keys, as in `.orValue({})`: a new map each time,
   * as the library makes it.
   */
  private mapLiteral(ast: CelNode, scope: Binding | undefined): string {
    if (!Array.isArray(ast.args)) throw new Unsupported('a map literal');
    const entries = (ast.args as unknown[]).map(entry => {
      const [keyNode, valueNode] = nodes(entry);
      const key = keyNode.args;
      if (
        keyNode.op !== 'value' ||
        typeof key !== 'string' ||
        UNSAFE_KEYS.has(key)
      ) {
        throw new Unsupported('a map literal key');
      }
      return `${quote(key)}: ${this.compile(valueNode, scope)}`;
    });
    return `({${entries.join(', ')}})`;
  }

  private call(ast: CelNode, scope: Binding | undefined): string {
    const [name, argumentNodes] = ast.args as [unknown, unknown];
    const operands = nodes(argumentNodes);
    const implementation = functionOf(text(name), operands.length);
    if (!implementation) throw new Unsupported(`the function ${name}`);
    const args = operands.map(operand => this.compile(operand, scope));
    return `${this.constant(implementation)}(${args.join(', ')})`;
  }

  private methodCall(ast: CelNode, scope: Binding | undefined): string {
    const [name, receiverNode, argumentNodes] = ast.args as [
      unknown,
      unknown,
      unknown,
    ];
    const operands = nodes(argumentNodes);
    const methodName = text(name);
    const receiver = this.compile(node(receiverNode), scope);
    if (operands.length === 0) {
      if (methodName === 'hasValue') return `optionalHasValue(${receiver})`;
      if (methodName === 'value') return `optionalValue(${receiver})`;
    }
    const implementation = methodOf(methodName, operands.length);
    if (!implementation) throw new Unsupported(`the method ${methodName}`);
    const args = operands.map(operand => this.compile(operand, scope));
    return `${this.constant(implementation)}(${[receiver, ...args].join(
      ', ',
    )})`;
  }

  /** `has()` and `orValue()`, the macros the library evaluates itself. */
  private macro(ast: CelNode, scope: Binding | undefined): string {
    const [name] = ast.args as unknown[];
    const macro = ast.meta!.macro!;
    if (ast.op === 'call' && name === 'has') return this.has(macro, scope);
    if (ast.op === 'rcall' && name === 'orValue') {
      const receiver = this.compile(node(macro.receiver), scope);
      const fallback = this.compile(node(macro.arg), scope);
      return this.helper(
        scope,
        [
          `const $optional = ${receiver};`,
          'if (!($optional instanceof Optional)) return fault();',
          `return $optional.hasValue() ? $optional.value() : ${fallback};`,
        ].join('\n'),
      );
    }
    throw new Unsupported(`the macro ${String(name)}`);
  }

  /**
   * `has(a.b.c)`: a missing `c` is false; a missing `b` is the library's
   * error (no such key), as in cel-go.
   */
  private has(macro: Record<string, unknown>, scope: Binding | undefined) {
    // The checker leaves the selections outermost first, the variable last.
    const chain = nodes(macro.macroHasProps);
    // `fieldIfPresent` faults on what the variable's check would refuse.
    const rootNode = chain[chain.length - 1];
    const root =
      this.uncheckedRoot(rootNode, scope) ?? this.compile(rootNode, scope);
    const keys = chain
      .slice(0, -1)
      .reverse()
      .map(selection => {
        if (selection.op !== '.') throw new Unsupported('has() with .?');
        return text((selection.args as unknown[])[1]);
      });
    return `${this.presence(keys)}(${root})`;
  }

  /**
   * A function of this expression's own that tells whether `$object`
   * holds the chain of `keys` (see `has`), each key read by its own
   * accessor.
   */
  private presence(keys: readonly string[]): string {
    const reads = keys.map(key => this.readIfPresent('$value', key));
    const last = reads.length - 1;
    return this.defineAccessor(name =>
      [
        `function ${name}($object) {`,
        'let $value = $object;',
        ...reads.map((read, i) =>
          i < last
            ? `$value = ${read};\nif ($value === undefined) return fault();`
            : `return ${read} !== undefined;`,
        ),
        '}',
      ].join('\n'),
    );
  }

  /** `list.all(x, p)` and the other macros CEL expands to comprehensions. */
  private comprehension(ast: CelNode, scope: Binding | undefined): string {
    const [name, receiverNode, argumentNodes] = ast.args as [
      unknown,
      unknown,
      unknown,
    ];
    const macroName = text(name);
    if (!COMPREHENSIONS.has(macroName)) {
      throw new Unsupported(`the macro ${macroName}`);
    }
    const receiverChecked = node(receiverNode);
    const receiverKind = receiverChecked.checkedType?.kind;
    if (receiverKind !== 'dyn' && receiverKind !== 'list') {
      throw new Unsupported(`a comprehension over a ${receiverKind}`);
    }
    const receiver = this.compile(receiverChecked, scope);
    const [variable, ...operands] = nodes(argumentNodes);
    if (variable.op !== 'id') throw new Unsupported('a comprehension variable');
    const binding: Binding = {
      name: text(variable.args),
      local: `$b${this.bindings++}`,
      parent: scope,
    };
    const bodies = operands.map(operand => this.compile(operand, binding));
    const elements = this.defineAccessor(itemsAccessor);
    const loop: Loop = ({ before, each, after }) =>
      [
        `const $items = ${elements}(${receiver});`,
        before,
        'for (let $i = 0; $i < $items.length; $i++) {',
        `const ${binding.local} = $items[$i];`,
        ...each,
        '}',
        after,
      ].join('\n');
    switch (`${macroName}/${bodies.length}`) {
      case 'all/1':
        return this.quantifier(scope, loop, bodies[0], false);
      case 'exists/1':
        return this.quantifier(scope, loop, bodies[0], true);
      case 'exists_one/1':
        return this.helper(
          scope,
          loop({
            before: 'let $count = 0;',
            each: [
              `const $verdict = ${bodies[0]};`,
              'if ($verdict === true) $count++;',
              'else if ($verdict !== false) fault();',
            ],
            after: 'return $count === 1;',
          }),
        );
      case 'map/1':
        return this.mapped(scope, loop, undefined, bodies[0]);
      case 'map/2':
        return this.mapped(scope, loop, bodies[0], bodies[1]);
      case 'filter/1':
        return this.mapped(scope, loop, bodies[0], binding.local);
      default:
        throw new Unsupported(`${macroName} with ${bodies.length} arguments`);
    }
  }

  /**
   * `all` (decided by a false) and `exists` (decided by a true): the first
   * deciding element ends the loop; otherwise an element that gave an error
   * or a non-bool makes the whole an error.
   */
  private quantifier(
    scope: Binding | undefined,
    loop: Loop,
    predicate: string,
    decisive: boolean,
  ): string {
    const decides = String(decisive);
    const other = String(!decisive);
    return this.helper(
      scope,
      loop({
        before: 'let $failed = false;',
        each: [
          'let $verdict;',
          `try { $verdict = ${predicate}; } catch { $failed = true; continue; }`,
          `if ($verdict === ${decides}) return ${decides};`,
          `if ($verdict !== ${other}) $failed = true;`,
        ],
        after: `return $failed ? fault() : ${other};`,
      }),
    );
  }

  /** `map(x, t)`, `map(x, p, t)` and `filter(x, p)`; errors are the result's. */
  private mapped(
    scope: Binding | undefined,
    loop: Loop,
    predicate: string | undefined,
    transform: string,
  ): string {
    const keep = predicate
      ? [
          `const $kept = ${predicate};`,
          'if ($kept === false) continue;',
          'if ($kept !== true) fault();',
        ]
      : [];
    return this.helper(
      scope,
      loop({
        before: 'const $result = [];',
        each: [...keep, `$result.push(${transform});`],
        after: 'return $result;',
      }),
    );
  }
}

/**
 * The JavaScript source of the factory for one expression: given the
 * runtime, the constants and the library's own evaluation, it returns the
 * compiled function.
 */
function generatedSource(
  root: string,
  compiler: FunctionCompiler,
  withFallback: boolean,
): string {
  const body = withFallback
    ? `try { return ${root}; } catch { return $fallback(v); }`
    : `return ${root};`;
  return [
    '"use strict";',
    `const { ${RUNTIME_NAMES.join(', ')} } = $runtime;`,
    ...compiler.constants.map((_, i) => `const $c${i} = $constants[${i}];`),
    ...compiler.accessors,
    ...compiler.helpers,
    `return function compiledCel(v) { ${body} };`,
  ].join('\n');
}

/**
 * The function of a checked expression (the `ast` of the library's parse
 * result after `check()`), or undefined when it holds a node the compiler
 * does not handle or code cannot be generated here. With `fallback`, the
 * function gives the fallback's answer wherever it would throw.
 */
export function compileClosure(
  ast: unknown,
  optional: OptionalClass,
  fallback?: Closure,
): Closure | undefined {
  const compiler = new FunctionCompiler();
  let root: string;
  try {
    root = compiler.compile(node(ast), undefined);
  } catch (problem) {
    if (problem instanceof Unsupported) return undefined;
    throw problem;
  }
  type Factory = (
    runtime: Runtime,
    constants: unknown[],
    fallback: Closure | undefined,
  ) => Closure;
  let factory: Factory;
  try {
    // eslint-disable-next-line no-new-func
    factory = new Function(
      '$runtime',
      '$constants',
      '$fallback',
      generatedSource(root, compiler, fallback !== undefined),
    ) as Factory;
  } catch {
    return undefined; // code generation is not allowed here
  }
  return factory(runtimeFor(optional), compiler.constants, fallback);
}
