/**
 * Compiles a type-checked CEL expression of `@marcbachmann/cel-js` into
 * JavaScript closures, once per configuration: the library keeps parsing,
 * type checking and its error messages; the closures evaluate the
 * expressions custom checks are made of (field access, comparisons, `&&`
 * and `||`, `has()`, the list macros, `.?` with `orValue`, string
 * functions) several times faster than the library's tree walk, and
 * without allocating per evaluation.
 *
 * The closures give a value only where it is the library's; anywhere else
 * (an error, a type they do not model) they throw FAULT and the caller
 * asks the library. An expression with a node the compiler does not know
 * is not compiled at all.
 */
import type { Optional as OptionalType } from '@marcbachmann/cel-js';
import { FAULT, fault, Unsupported } from './fault';
import { functionOf, methodOf } from './functions';
import {
  add,
  divide,
  equals,
  field,
  fieldIfPresent,
  greaterOrEqual,
  greaterThan,
  index,
  isIn,
  isModelled,
  iterationItems,
  lessOrEqual,
  lessThan,
  multiply,
  negate,
  not,
  remainder,
  subtract,
} from './values';

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

/** The library's Optional class, whose instances `.?` gives. */
type OptionalClass = typeof OptionalType;

/** A comprehension's variable: its value while an element is judged. */
interface Binding {
  name: string;
  value: unknown;
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

const BINARY: Record<string, (a: unknown, b: unknown) => unknown> = {
  '==': equals,
  '!=': (a, b) => !equals(a, b),
  '<': lessThan,
  '<=': lessOrEqual,
  '>': greaterThan,
  '>=': greaterOrEqual,
  '+': add,
  '-': subtract,
  '*': multiply,
  '/': divide,
  '%': remainder,
  in: isIn,
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

class ClosureCompiler {
  constructor(private readonly optional: OptionalClass) {}

  compile(ast: CelNode, scope: Binding | undefined): Closure {
    const alternate = ast.meta?.alternate;
    if (alternate !== undefined) {
      if (ast.op === 'rcall') return this.comprehension(ast, scope);
      throw new Unsupported(`an expanded ${ast.op}`);
    }
    if (ast.meta?.macro !== undefined) return this.macro(ast, scope);
    switch (ast.op) {
      case 'value':
        return this.constant(ast.args);
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
        return this.unary(ast, scope, not);
      case '-_':
        return this.unary(ast, scope, negate);
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

  private constant(value: unknown): Closure {
    return () => value;
  }

  private identifier(ast: CelNode, scope: Binding | undefined): Closure {
    const name = text(ast.args);
    for (let binding = scope; binding; binding = binding.parent) {
      if (binding.name === name) {
        const bound = binding;
        return () => bound.value;
      }
    }
    const type = ast.checkedType;
    if (type?.kind === 'dyn') {
      return variables => {
        const value = variables[name];
        return value !== undefined && isModelled(value) ? value : fault();
      };
    }
    if (type?.name === TIMESTAMP) {
      return variables => {
        const value = variables[name];
        return value instanceof Date ? value : fault();
      };
    }
    throw new Unsupported(`a variable of type ${type?.name}`);
  }

  /** The operand a field or index access reads, with its checked kind. */
  private operand(
    ast: CelNode,
    scope: Binding | undefined,
  ): { closure: Closure; kind: string | undefined } {
    const [target] = ast.args as unknown[];
    const targetNode = node(target);
    return {
      closure: this.compile(targetNode, scope),
      kind: targetNode.checkedType?.kind,
    };
  }

  private fieldAccess(ast: CelNode, scope: Binding | undefined): Closure {
    const path = this.path(ast, scope);
    if (path) return path;
    const { closure, kind } = this.operand(ast, scope);
    const key = text((ast.args as unknown[])[1]);
    if (kind === 'optional') return this.optionalFieldOf(closure, key);
    if (kind !== 'dyn') throw new Unsupported(`a field of a ${kind}`);
    return variables => field(closure(variables), key);
  }

  /**
   * `a.b.c` on a variable or a comprehension's element, read by one
   * closure rather than one per step: custom checks are mostly such paths,
   * and each closure call costs as much as the field it reads. `field`
   * faults on anything but a map, as the variable's own check would, so the
   * variable is read unchecked. Undefined for any other chain.
   */
  private path(ast: CelNode, scope: Binding | undefined): Closure | undefined {
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
    const read = this.uncheckedRoot(current, scope);
    if (!read) return undefined;
    const [first, second] = keys;
    if (keys.length === 1) return variables => field(read(variables), first);
    if (keys.length === 2) {
      return variables => field(field(read(variables), first), second);
    }
    return variables => {
      let value = read(variables);
      for (let i = 0; i < keys.length; i++) value = field(value, keys[i]);
      return value;
    };
  }

  /**
   * The value of an identifier without the check of a variable's runtime
   * type, for callers that fault on anything but a map themselves; undefined
   * when `ast` is no plain identifier of a dynamic value.
   */
  private uncheckedRoot(
    ast: CelNode,
    scope: Binding | undefined,
  ): Closure | undefined {
    if (ast.op !== 'id' || !isPlainNode(ast)) return undefined;
    const name = text(ast.args);
    for (let binding = scope; binding; binding = binding.parent) {
      if (binding.name === name) {
        const bound = binding;
        return () => bound.value;
      }
    }
    if (ast.checkedType?.kind !== 'dyn') return undefined;
    return variables => variables[name];
  }

  private optionalField(ast: CelNode, scope: Binding | undefined): Closure {
    const { closure, kind } = this.operand(ast, scope);
    if (kind !== 'dyn' && kind !== 'optional') {
      throw new Unsupported(`an optional field of a ${kind}`);
    }
    return this.optionalFieldOf(closure, text((ast.args as unknown[])[1]));
  }

  /** `target.?key`: an optional of the field, none when it is absent. */
  private optionalFieldOf(target: Closure, key: string): Closure {
    const optional = this.optional;
    return variables => {
      let value = target(variables);
      if (value instanceof optional) value = value.orValue(undefined);
      if (value === undefined) return optional.none();
      return optional.of(fieldIfPresent(value, key));
    };
  }

  private indexAccess(ast: CelNode, scope: Binding | undefined): Closure {
    const { closure, kind } = this.operand(ast, scope);
    if (kind !== 'dyn') throw new Unsupported(`an index of a ${kind}`);
    const key = this.compile(node((ast.args as unknown[])[1]), scope);
    return variables => index(closure(variables), key(variables));
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
  ): Closure {
    const [left, right] = nodes(ast.args).map(operand =>
      this.compile(operand, scope),
    );
    return variables => {
      let first: unknown;
      try {
        first = left(variables);
      } catch {
        first = FAULT;
      }
      if (first === absorbing) return absorbing;
      const second = right(variables);
      if (second === absorbing) return absorbing;
      if (first === !absorbing && second === !absorbing) return !absorbing;
      return fault();
    };
  }

  private unary(
    ast: CelNode,
    scope: Binding | undefined,
    operator: (value: unknown) => unknown,
  ): Closure {
    const operand = this.compile(node(ast.args), scope);
    return variables => operator(operand(variables));
  }

  private binary(
    ast: CelNode,
    scope: Binding | undefined,
    operator: (a: unknown, b: unknown) => unknown,
  ): Closure {
    const [left, right] = nodes(ast.args).map(operand =>
      this.compile(operand, scope),
    );
    return variables => operator(left(variables), right(variables));
  }

  private ternary(ast: CelNode, scope: Binding | undefined): Closure {
    const [condition, then, otherwise] = nodes(ast.args).map(operand =>
      this.compile(operand, scope),
    );
    return variables => {
      const decided = condition(variables);
      if (decided === true) return then(variables);
      if (decided === false) return otherwise(variables);
      return fault();
    };
  }

  private list(ast: CelNode, scope: Binding | undefined): Closure {
    const elements = nodes(ast.args);
    if (
      elements.every(
        element => element.op === 'value' && !element.meta?.alternate,
      )
    ) {
      // A literal list is built once; nothing the closures do changes it.
      const values = elements.map(element => element.args);
      return () => values;
    }
    const items = elements.map(element => this.compile(element, scope));
    return variables => items.map(item => item(variables));
  }

  /**
   * `{'a': x}` with string keys, as in `.orValue({})`: a new map each time,
   * as the library makes it.
   */
  private mapLiteral(ast: CelNode, scope: Binding | undefined): Closure {
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
      return { key, value: this.compile(valueNode, scope) };
    });
    return variables => {
      const map: Record<string, unknown> = {};
      for (const entry of entries) map[entry.key] = entry.value(variables);
      return map;
    };
  }

  private call(ast: CelNode, scope: Binding | undefined): Closure {
    const [name, argumentNodes] = ast.args as [unknown, unknown];
    const operands = nodes(argumentNodes);
    const implementation = functionOf(text(name), operands.length);
    if (!implementation) throw new Unsupported(`the function ${name}`);
    const args = operands.map(operand => this.compile(operand, scope));
    if (args.length === 1) {
      const [only] = args;
      return variables => implementation(only(variables));
    }
    return variables => implementation(...args.map(arg => arg(variables)));
  }

  private methodCall(ast: CelNode, scope: Binding | undefined): Closure {
    const [name, receiverNode, argumentNodes] = ast.args as [
      unknown,
      unknown,
      unknown,
    ];
    const operands = nodes(argumentNodes);
    const methodName = text(name);
    const receiver = this.compile(node(receiverNode), scope);
    if (methodName === 'hasValue' || methodName === 'value') {
      if (operands.length === 0)
        return this.optionalMethod(receiver, methodName);
    }
    const implementation = methodOf(methodName, operands.length);
    if (!implementation) throw new Unsupported(`the method ${methodName}`);
    const args = operands.map(operand => this.compile(operand, scope));
    if (args.length === 0) {
      return variables => implementation(receiver(variables));
    }
    if (args.length === 1) {
      const [only] = args;
      return variables => implementation(receiver(variables), only(variables));
    }
    return variables =>
      implementation(receiver(variables), ...args.map(arg => arg(variables)));
  }

  private optionalMethod(receiver: Closure, name: string): Closure {
    const optional = this.optional;
    return variables => {
      const value = receiver(variables);
      if (!(value instanceof optional)) return fault();
      if (name === 'hasValue') return value.hasValue();
      return value.hasValue() ? value.value() : fault();
    };
  }

  /** `has()` and `orValue()`, the macros the library evaluates itself. */
  private macro(ast: CelNode, scope: Binding | undefined): Closure {
    const [name] = ast.args as unknown[];
    const macro = ast.meta!.macro!;
    if (ast.op === 'call' && name === 'has') return this.has(macro, scope);
    if (ast.op === 'rcall' && name === 'orValue') {
      const receiver = this.compile(node(macro.receiver), scope);
      const fallback = this.compile(node(macro.arg), scope);
      const optional = this.optional;
      return variables => {
        const value = receiver(variables);
        if (!(value instanceof optional)) return fault();
        return value.hasValue() ? value.value() : fallback(variables);
      };
    }
    throw new Unsupported(`the macro ${String(name)}`);
  }

  /**
   * `has(a.b.c)`: a missing `c` is false; a missing `b` is the library's
   * error (no such key), as in cel-go.
   */
  private has(
    macro: Record<string, unknown>,
    scope: Binding | undefined,
  ): Closure {
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
    const last = keys.length - 1;
    return variables => {
      let value = root(variables);
      for (let i = 0; i <= last; i++) {
        value = fieldIfPresent(value, keys[i]);
        if (value === undefined) return i === last ? false : fault();
      }
      return true;
    };
  }

  /** `list.all(x, p)` and the other macros CEL expands to comprehensions. */
  private comprehension(ast: CelNode, scope: Binding | undefined): Closure {
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
      value: undefined,
      parent: scope,
    };
    const bodies = operands.map(operand => this.compile(operand, binding));
    const itemsOf = (variables: Variables) => {
      const items = iterationItems(receiver(variables));
      for (const item of items) if (!isModelled(item)) fault();
      return items;
    };
    switch (`${macroName}/${bodies.length}`) {
      case 'all/1':
        return quantifier(itemsOf, binding, bodies[0], false);
      case 'exists/1':
        return quantifier(itemsOf, binding, bodies[0], true);
      case 'exists_one/1':
        return existsOne(itemsOf, binding, bodies[0]);
      case 'map/1':
        return mapped(itemsOf, binding, undefined, bodies[0]);
      case 'map/2':
        return mapped(itemsOf, binding, bodies[0], bodies[1]);
      case 'filter/1':
        return mapped(itemsOf, binding, bodies[0], undefined);
      default:
        throw new Unsupported(`${macroName} with ${bodies.length} arguments`);
    }
  }
}

type Items = (variables: Variables) => readonly unknown[];

/**
 * `all` (decided by a false) and `exists` (decided by a true): the first
 * deciding element ends the loop; otherwise an element that gave an error
 * or a non-bool makes the whole an error.
 */
function quantifier(
  itemsOf: Items,
  binding: Binding,
  predicate: Closure,
  decisive: boolean,
): Closure {
  return variables => {
    const items = itemsOf(variables);
    let failed = false;
    for (let i = 0; i < items.length; i++) {
      binding.value = items[i];
      let verdict: unknown;
      try {
        verdict = predicate(variables);
      } catch {
        failed = true;
        continue;
      }
      if (verdict === decisive) return decisive;
      if (verdict !== !decisive) failed = true;
    }
    return failed ? fault() : !decisive;
  };
}

/** `exists_one`: every element judged, any error is the result's. */
function existsOne(
  itemsOf: Items,
  binding: Binding,
  predicate: Closure,
): Closure {
  return variables => {
    const items = itemsOf(variables);
    let count = 0;
    for (let i = 0; i < items.length; i++) {
      binding.value = items[i];
      const verdict = predicate(variables);
      if (verdict === true) count++;
      else if (verdict !== false) fault();
    }
    return count === 1;
  };
}

/** `map(x, t)`, `map(x, p, t)` and `filter(x, p)`; errors are the result's. */
function mapped(
  itemsOf: Items,
  binding: Binding,
  predicate: Closure | undefined,
  transform: Closure | undefined,
): Closure {
  return variables => {
    const items = itemsOf(variables);
    const result: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      binding.value = items[i];
      if (predicate) {
        const kept = predicate(variables);
        if (kept === false) continue;
        if (kept !== true) fault();
      }
      result.push(transform ? transform(variables) : items[i]);
    }
    return result;
  };
}

/**
 * The closure of a checked expression (the `ast` of the library's parse
 * result after `check()`), or undefined when it holds a node the compiler
 * does not handle.
 */
export function compileClosure(
  ast: unknown,
  optional: OptionalClass,
): Closure | undefined {
  try {
    return new ClosureCompiler(optional).compile(node(ast), undefined);
  } catch (problem) {
    if (problem instanceof Unsupported) return undefined;
    throw problem;
  }
}
