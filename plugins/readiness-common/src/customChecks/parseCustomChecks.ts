/**
 * Validates the `customChecks` list of a configuration and compiles its CEL,
 * once. Every entry is judged on its own, so one bad check never hides the
 * problems of the others; each problem names the check's key and, for CEL,
 * the position: `customChecks[2].rule: undeclared reference to 'podspec'
 * (line 1, col 5)`.
 */
import type { z } from 'zod/v4';
import { isCheckId } from '../checks/definitions';
import { PLATFORM_CHECK_IDS } from '../platform/catalogue';
import { compileCelCheck } from './celCheck';
import {
  categoryProblem,
  CHECK_SCOPES,
  docsUrlProblem,
  idFormProblem,
  kindsProblem,
  moduleCheckProblems,
} from './definition';
import { CustomCheckConfig, ReadinessCheck } from './types';

type Zod = typeof z;

/** Turns zod issues of one value into sentences, each starting with its key. */
export type IssueFormatter = (
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  key: string,
) => string[];

/** The checks that compiled, their configuration, and the problems. */
export interface ParsedCustomChecks {
  configs: CustomCheckConfig[];
  checks: ReadinessCheck[];
  /** Every id declared, valid or not, so other keys may name them. */
  declaredIds: string[];
  problems: string[];
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

let entrySchema: ReturnType<typeof buildEntrySchema> | undefined;

function buildEntrySchema(zod: Zod) {
  const text = zod.string().min(1);
  return zod.strictObject({
    id: text,
    title: text,
    category: text,
    severity: zod.enum(SEVERITIES),
    scope: zod.enum(
      CHECK_SCOPES as ['workload', 'container', 'object', 'entity', 'cluster'],
    ),
    kinds: zod.array(text).optional(),
    when: text.optional(),
    rule: text,
    message: text,
    messageExpression: text.optional(),
    remediation: zod.string().optional(),
    docsUrl: text.optional(),
  });
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Tracks ids in use, to report collisions naming the earlier owner. */
class IdRegistry {
  private readonly owners = new Map<string, string>();

  /** Why `id` cannot be taken by `owner`, or undefined (and then takes it). */
  claim(id: string, owner: string): string | undefined {
    if (isCheckId(id) || PLATFORM_CHECK_IDS.includes(id)) {
      return `"${id}" is the id of a built-in check; choose another`;
    }
    const earlier = this.owners.get(id);
    if (earlier !== undefined) return `"${id}" is also the id of ${earlier}`;
    this.owners.set(id, owner);
    return undefined;
  }
}

/**
 * Validates and compiles the custom checks of a configuration (`raw` is the
 * `customChecks` value, `key` its key, e.g. `readiness.customChecks`), then
 * the checks backend modules provide.
 */
export function parseCustomChecks(
  zod: Zod,
  raw: unknown,
  key: string,
  moduleChecks: readonly ReadinessCheck[],
  formatIssues: IssueFormatter,
): ParsedCustomChecks {
  const parsed: ParsedCustomChecks = {
    configs: [],
    checks: [],
    declaredIds: [],
    problems: [],
  };
  const ids = new IdRegistry();
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    parsed.problems.push(`${key} must be a list, not ${describeValue(raw)}`);
  }
  const entries: readonly unknown[] = Array.isArray(raw) ? raw : [];
  entrySchema ??= buildEntrySchema(zod);
  entries.forEach((entry, index) => {
    const entryKey = `${key}[${index}]`;
    const problem = (field: string, text: string | undefined) => {
      if (text) parsed.problems.push(`${entryKey}.${field}: ${text}`);
    };
    const declaredId = (entry as { id?: unknown } | null)?.id;
    if (typeof declaredId === 'string') parsed.declaredIds.push(declaredId);

    const result = entrySchema!.safeParse(entry);
    if (!result.success) {
      parsed.problems.push(
        ...formatIssues(result.error.issues, entry, entryKey),
      );
      return;
    }
    const config = result.data as CustomCheckConfig;
    problem('id', idFormProblem(config.id) ?? ids.claim(config.id, entryKey));
    problem('category', categoryProblem(config.category));
    problem('kinds', kindsProblem(config.scope, config.kinds));
    if (config.docsUrl !== undefined) {
      problem('docsUrl', docsUrlProblem(config.docsUrl));
    }
    const compiled = compileCelCheck(config);
    for (const celProblem of compiled.problems) {
      problem(celProblem.key, celProblem.message);
    }
    if (compiled.check) {
      parsed.configs.push(config);
      parsed.checks.push(compiled.check);
    }
  });

  moduleChecks.forEach((check, index) => {
    const id = check?.definition?.id;
    const owner = `checks[${index}]${typeof id === 'string' ? ` (${id})` : ''}`;
    const problems = moduleCheckProblems(check);
    if (problems.length === 0) {
      const collision = ids.claim(
        check.definition.id,
        `the module check ${owner}`,
      );
      if (collision) problems.push(`definition.id: ${collision}`);
    }
    for (const text of problems) {
      parsed.problems.push(`module check ${owner}: ${text}`);
    }
    if (problems.length === 0) {
      parsed.checks.push(check);
      parsed.declaredIds.push(check.definition.id);
    }
  });
  return parsed;
}
