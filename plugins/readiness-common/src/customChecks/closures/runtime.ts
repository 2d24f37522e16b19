/**
 * What the JavaScript generated from a CEL expression calls (see
 * compileClosure.ts): CEL's operators from values.ts, and the few steps
 * that need more than one of them. The generated code refers to these by
 * their names here and to nothing else, so all the behaviour it can have
 * is written in TypeScript, in this folder.
 */
import type { Optional as OptionalType } from '@marcbachmann/cel-js';
import { FAULT, fault } from './fault';
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

/** The library's Optional class, whose instances `.?` gives. */
export type OptionalClass = typeof OptionalType;

/** A dynamic variable's value, or a fault for what the closures do not model. */
function variable(value: unknown): unknown {
  return value !== undefined && isModelled(value) ? value : fault();
}

function timestamp(value: unknown): Date {
  return value instanceof Date ? value : fault();
}

/** The elements a comprehension judges, each a value the closures model. */
function items(value: unknown): readonly unknown[] {
  const elements = iterationItems(value);
  for (let i = 0; i < elements.length; i++) {
    if (!isModelled(elements[i])) fault();
  }
  return elements;
}

function runtimeWith(Optional: OptionalClass) {
  return Object.freeze({
    FAULT,
    fault,
    variable,
    timestamp,
    items,
    field,
    fieldIfPresent,
    index,
    equals,
    lessThan,
    lessOrEqual,
    greaterThan,
    greaterOrEqual,
    add,
    subtract,
    multiply,
    divide,
    remainder,
    isIn,
    not,
    negate,
    Optional,
    /** `target.?key`: an optional of the field, none when it is absent. */
    optionalField(target: unknown, key: string): OptionalType {
      let value = target;
      if (value instanceof Optional) value = value.orValue(undefined);
      if (value === undefined) return Optional.none();
      return Optional.of(fieldIfPresent(value, key));
    },
    optionalHasValue(value: unknown): boolean {
      return value instanceof Optional ? value.hasValue() : fault();
    },
    optionalValue(value: unknown): unknown {
      return value instanceof Optional && value.hasValue()
        ? value.value()
        : fault();
    },
  });
}

/** The helpers generated code may call. */
export type Runtime = ReturnType<typeof runtimeWith>;

/** The names generated code declares from the runtime. */
export const RUNTIME_NAMES = Object.keys(
  runtimeWith(class {} as unknown as OptionalClass),
) as ReadonlyArray<keyof Runtime>;

const runtimes = new Map<OptionalClass, Runtime>();

/** The runtime for the library's Optional class; one per class. */
export function runtimeFor(optional: OptionalClass): Runtime {
  let runtime = runtimes.get(optional);
  if (!runtime) {
    runtime = runtimeWith(optional);
    runtimes.set(optional, runtime);
  }
  return runtime;
}
