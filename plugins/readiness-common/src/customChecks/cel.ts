/**
 * CEL for custom checks, with `@marcbachmann/cel-js` (chosen by measuring,
 * see docs/benchmarks.md): one environment per scope declaring exactly the
 * variables of that scope, so a typo (`podspec`) or a variable of another
 * scope (`container` in a workload check) is an error when the
 * configuration loads, not at evaluation.
 */
import type * as CelModule from '@marcbachmann/cel-js';
import type { Environment } from '@marcbachmann/cel-js';
import { CheckScope } from '../types';
import { closest } from '../util/editDistance';
import { compileClosure } from './closures/compileClosure';

const WORKLOAD_VARIABLES = [
  'object',
  'podTemplate',
  'podSpec',
  'related',
  'namespaceObject',
  'entity',
  'now',
];

/** The variables each scope declares, as the custom checks contract lists them. */
export const SCOPE_VARIABLES: Readonly<Record<CheckScope, readonly string[]>> =
  {
    workload: WORKLOAD_VARIABLES,
    container: [...WORKLOAD_VARIABLES, 'container'],
    object: ['object', 'namespaceObject', 'entity', 'now'],
    entity: ['entity', 'now'],
    cluster: ['objects', 'cluster', 'entity', 'now'],
  };

const EVERY_VARIABLE = [...new Set(Object.values(SCOPE_VARIABLES).flat())];

let cel: typeof CelModule | undefined;

/**
 * The CEL library, loaded on first use: most runs have no custom checks,
 * and loading it costs 30 to 60 ms of the CLI's start-up.
 */
function loadCel(): typeof CelModule {
  cel ??= require('@marcbachmann/cel-js') as typeof CelModule;
  return cel;
}

const environments = new Map<CheckScope, Environment>();

/** Creating an environment is the library's costly step: one per scope. */
function environmentFor(scope: CheckScope): Environment {
  let environment = environments.get(scope);
  if (!environment) {
    // Optional types give Kubernetes users `object.?spec.?replicas.orValue(1)`,
    // as in ValidatingAdmissionPolicy.
    environment = new (loadCel().Environment)({ enableOptionalTypes: true });
    for (const name of SCOPE_VARIABLES[scope]) {
      environment.registerVariable(
        name,
        name === 'now' ? 'google.protobuf.Timestamp' : 'dyn',
      );
    }
    environments.set(scope, environment);
  }
  return environment;
}

/** `(line 1, col 5)` for an offset into the expression; both 1-based. */
export function describePosition(source: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `(line ${line}, col ${offset - lineStart + 1})`;
}

interface CelErrorLike {
  code?: unknown;
  summary?: unknown;
  message?: unknown;
  range?: { start?: unknown };
}

/** The error's one-line summary, without the library's source excerpt. */
function summaryOf(error: CelErrorLike): string {
  if (typeof error.summary === 'string' && error.summary) return error.summary;
  const message = typeof error.message === 'string' ? error.message : '';
  return message.split('\n')[0] || 'unknown error';
}

function offsetOf(error: CelErrorLike): number | undefined {
  const start = error.range?.start;
  return typeof start === 'number' ? start : undefined;
}

/** Hints for a name the scope does not declare. */
function undeclaredHint(name: string, scope: CheckScope): string {
  if (EVERY_VARIABLE.includes(name)) {
    const scopes = (Object.keys(SCOPE_VARIABLES) as CheckScope[]).filter(
      other => SCOPE_VARIABLES[other].includes(name),
    );
    return `, a variable of scope ${scopes.join(' and ')} only`;
  }
  const best = closest(name, SCOPE_VARIABLES[scope]);
  if (best && best.distance <= Math.max(2, Math.floor(name.length / 3))) {
    return `, did you mean ${best.match}?`;
  }
  return `, scope ${scope} declares ${SCOPE_VARIABLES[scope].join(', ')}`;
}

/**
 * A CEL error as one line: what is wrong and where, e.g. `undeclared
 * reference to 'podspec' (line 1, col 5)`. Wording follows cel-go where
 * the library's differs, since that is what Kubernetes users know.
 */
export function describeCelError(
  error: unknown,
  source: string,
  scope?: CheckScope,
): string {
  const details = (
    typeof error === 'object' && error !== null ? error : {}
  ) as CelErrorLike;
  const offset = offsetOf(details);
  const where =
    offset === undefined ? '' : ` ${describePosition(source, offset)}`;
  const summary = summaryOf(details);
  const unknown = /^Unknown variable: (.+)$/.exec(summary);
  if (details.code === 'unknown_variable' && unknown) {
    const name = unknown[1];
    return `undeclared reference to '${name}'${where}${
      scope ? undeclaredHint(name, scope) : ''
    }`;
  }
  if (details.code === 'reserved_identifier' && summary.endsWith('namespace')) {
    return `${summary}${where}, CEL reserves the word: the variable is namespaceObject`;
  }
  return `${summary}${where}`;
}

/** A compiled CEL expression; evaluating it may throw the library's errors. */
export type CompiledExpression = (variables: object) => unknown;

/** What the expression must give. */
export type ExpressionType = 'bool' | 'string';

/**
 * Thrown by {@link compileExpression}: the message is the one-line
 * description, e.g. `undeclared reference to 'podspec' (line 1, col 5)`.
 */
export class CelCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelCompileError';
  }
}

/**
 * Parses and type-checks an expression in a scope's environment. Throws
 * {@link CelCompileError} for a syntax error, an undeclared variable or a
 * result of the wrong type.
 */
export function compileExpression(
  source: string,
  scope: CheckScope,
  expected: ExpressionType,
): CompiledExpression {
  return withClosure(checkExpression(source, scope, expected));
}

/**
 * The library's parse result of a valid expression, checked; what
 * {@link compileExpression} compiles. Throws as it does.
 */
export function checkExpression(
  source: string,
  scope: CheckScope,
  expected: ExpressionType = 'bool',
): ReturnType<Environment['parse']> {
  const environment = environmentFor(scope);
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = environment.parse(source);
  } catch (error) {
    throw new CelCompileError(describeCelError(error, source, scope));
  }
  const checked = parsed.check();
  if (!checked.valid) {
    throw new CelCompileError(describeCelError(checked.error, source, scope));
  }
  // `dyn` is decided at evaluation, where a wrong type becomes an error.
  if (checked.type !== expected && checked.type !== 'dyn') {
    throw new CelCompileError(
      `must give a ${expected}, but gives ${checked.type}`,
    );
  }
  return parsed;
}

/**
 * The expression as one generated JavaScript function where the compiler
 * handles all of it (see closures/compileClosure.ts), else as the library
 * evaluates it. Where the function cannot give the library's answer (an
 * error, a value it does not model) the library evaluates the expression
 * again: its result, and its error messages with positions, stay the
 * reference.
 */
function withClosure(
  parsed: ReturnType<Environment['parse']>,
): CompiledExpression {
  const compiled = compileClosure(parsed.ast, loadCel().Optional, parsed);
  return (compiled as CompiledExpression | undefined) ?? parsed;
}
