/**
 * How a compiled expression says "ask the library": closures give a value
 * only where they are sure it is the library's, and throw {@link FAULT}
 * anywhere else (an error, a runtime type they do not model). CEL has no
 * side effects, so the caller then evaluates the whole expression with the
 * library, whose answer (a value or an error with its position) is the
 * reference.
 */

/** The one fault, thrown again and again: no stack to capture per throw. */
class CelFault extends Error {
  constructor() {
    super('the compiled expression defers to the CEL library');
    this.name = 'CelFault';
  }
}

export const FAULT: Error = new CelFault();

/** Throws {@link FAULT}; typed `never` so that callers read as guards. */
export function fault(): never {
  throw FAULT;
}

/**
 * Thrown while compiling, for an expression with a node the compiler does
 * not handle: such an expression is evaluated by the library alone.
 */
export class Unsupported extends Error {
  constructor(what: string) {
    super(`not compiled: ${what}`);
    this.name = 'Unsupported';
  }
}
