/**
 * A custom check from configuration: its CEL expressions compiled once, and
 * the verdict on one subject (`when`, then `rule`, then the message).
 */
import {
  constantError,
  constantPass,
  constantSkip,
  error,
  fail,
  Outcome,
} from '../checks/rules/outcome';
import {
  CelCompileError,
  compileExpression,
  CompiledExpression,
  describeCelError,
  ExpressionType,
} from './cel';
import { customCheckDefinition } from './definition';
import {
  CheckVariables,
  CustomCheckConfig,
  CustomCheckDefinition,
  ReadinessCheck,
} from './types';

/** The CEL keys of a custom check. */
export type CelKey = 'when' | 'rule' | 'messageExpression';

/** A CEL expression that did not compile, by key. */
export interface CelProblem {
  key: CelKey;
  message: string;
}

/** Longest message a messageExpression may produce; reports stay readable. */
const MAX_MESSAGE_LENGTH = 500;
/** Longest `when` quoted in a skip message. */
const MAX_QUOTED_LENGTH = 160;

/** The CEL type of a value the library returned, for messages. */
function celTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'timestamp';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    case 'object':
      return 'map';
    default:
      return typeof value;
  }
}

function quoted(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_QUOTED_LENGTH
    ? `${oneLine.slice(0, MAX_QUOTED_LENGTH)}…`
    : oneLine;
}

class CelCheck implements ReadinessCheck {
  readonly definition: CustomCheckDefinition;
  private readonly passed: Outcome;
  private readonly skipped: Outcome;
  private readonly failed: Outcome;
  private readonly notBoolean: Map<string, Outcome> = new Map();

  constructor(
    private readonly config: CustomCheckConfig,
    private readonly when: CompiledExpression | undefined,
    private readonly rule: CompiledExpression,
    private readonly messageExpression: CompiledExpression | undefined,
  ) {
    this.definition = customCheckDefinition(config);
    // Outcomes that do not depend on the subject are built once, so the
    // engine can share their results between subjects.
    this.passed = constantPass(config.title);
    this.skipped = constantSkip(
      `Skipped: its condition is false (when: ${quoted(config.when ?? '')}).`,
    );
    this.failed = Object.freeze({
      status: 'fail',
      message: config.message,
      constant: true,
    });
  }

  evaluate(variables: CheckVariables): Outcome {
    if (this.when) {
      let applies: unknown;
      try {
        applies = this.when(variables);
      } catch (problem) {
        return error(
          `The condition (when) could not be evaluated: ${describeCelError(
            problem,
            this.config.when ?? '',
          )}.`,
        );
      }
      if (applies === false) return this.skipped;
      if (applies !== true) return this.wrongType('condition (when)', applies);
    }
    let verdict: unknown;
    try {
      verdict = this.rule(variables);
    } catch (problem) {
      return error(
        `The rule could not be evaluated: ${describeCelError(
          problem,
          this.config.rule,
        )}.`,
      );
    }
    if (verdict === true) return this.passed;
    if (verdict !== false) return this.wrongType('rule', verdict);
    return this.messageExpression
      ? this.describedFailure(variables)
      : this.failed;
  }

  /** An error for a condition or rule that gave something else than a bool. */
  private wrongType(what: string, value: unknown): Outcome {
    const type = celTypeName(value);
    const key = `${what}\0${type}`;
    let outcome = this.notBoolean.get(key);
    if (!outcome) {
      outcome = constantError(`The ${what} gave a ${type}, not a bool.`);
      this.notBoolean.set(key, outcome);
    }
    return outcome;
  }

  /** The failure with the messageExpression's text, or `message` saying why not. */
  private describedFailure(variables: CheckVariables): Outcome {
    let text: unknown;
    try {
      text = this.messageExpression!(variables);
    } catch (problem) {
      return fail(
        `${
          this.config.message
        } (messageExpression could not be evaluated: ${describeCelError(
          problem,
          this.config.messageExpression ?? '',
        )})`,
      );
    }
    if (typeof text !== 'string' || text.trim() === '') {
      return fail(
        `${this.config.message} (messageExpression gave ${
          typeof text === 'string'
            ? 'an empty string'
            : `a ${celTypeName(text)}`
        }, not a message)`,
      );
    }
    return fail(
      text.length > MAX_MESSAGE_LENGTH
        ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…`
        : text,
    );
  }
}

/**
 * Compiles a validated custom check. Every expression is compiled, so all
 * of a check's CEL errors are reported at once; the check is returned only
 * when there are none.
 */
export function compileCelCheck(config: CustomCheckConfig): {
  check?: ReadinessCheck;
  problems: CelProblem[];
} {
  const problems: CelProblem[] = [];
  const compile = (
    key: CelKey,
    source: string | undefined,
    type: ExpressionType,
  ): CompiledExpression | undefined => {
    if (source === undefined) return undefined;
    try {
      return compileExpression(source, config.scope, type);
    } catch (problem) {
      if (!(problem instanceof CelCompileError)) throw problem;
      problems.push({ key, message: problem.message });
      return undefined;
    }
  };
  const when = compile('when', config.when, 'bool');
  const rule = compile('rule', config.rule, 'bool');
  const messageExpression = compile(
    'messageExpression',
    config.messageExpression,
    'string',
  );
  if (problems.length > 0 || !rule) return { problems };
  return {
    check: new CelCheck(config, when, rule, messageExpression),
    problems,
  };
}
