/**
 * The readiness configuration (`readiness:` in app-config, or the CLI's
 * config file), validated with zod. Errors name the offending key path and
 * say what is wrong, because the people reading them are editing YAML.
 */
import type { z } from 'zod/v4';
import { CheckCatalogue } from './checks/CheckCatalogue';
import { parseCustomChecks } from './customChecks/parseCustomChecks';
import type { CustomCheckConfig, ReadinessCheck } from './customChecks/types';
import {
  kindProblem,
  labelKeyProblem,
  labelValuePatternProblem,
  namePatternProblem,
  namespacePatternProblem,
} from './matchPatterns';
import { closest } from './util/editDistance';
import { ReadinessLevel, Severity } from './types';
import {
  buildPlatformSchema,
  DEFAULT_PLATFORM_CONFIG,
  PlatformConfig,
  platformConfigOf,
} from './platform/platformConfig';
import { SIGNATURE_CHECK_IDS } from './platform/signatures';

/** Per-check settings. @public */
export interface CheckConfig {
  /** `false` turns the check off: it produces no result at all. */
  enabled?: boolean;
  /** Overrides the check's default severity. */
  severity?: Severity;
}

/** An exemption from one check for one catalog entity. @public */
export interface EntityExemptionConfig {
  /** The entity it applies to, e.g. `component:default/web`. */
  entityRef: string;
  /** The check id. */
  check: string;
  /** Why the check does not apply; an empty reason makes the exemption invalid. */
  reason: string;
  /** `YYYY-MM-DD`; the exemption ends at the end of that day, UTC. */
  until?: string;
}

/**
 * Which objects a match exemption covers: every condition given must hold.
 * Patterns are globs: `*` any run of characters, `?` one character.
 * @public
 */
export interface ExemptionMatch {
  /** The object's namespace is any of these (globs). */
  namespaces?: string[];
  /** The object's kind is any of these, exactly as Kubernetes spells it. */
  kinds?: string[];
  /** The object's name is any of these (globs). */
  names?: string[];
  /** The object carries every one of these labels, its value matching (globs). */
  labels?: Record<string, string>;
}

/**
 * An exemption for every workload and object that matches, whatever its
 * entity: for third-party software a team does not control.
 * @public
 */
export interface MatchExemptionConfig {
  /** Which objects it covers; at least one condition is required. */
  match: ExemptionMatch;
  /** `['*']` for every check, or the ids of the checks exempted. */
  checks: string[];
  /** Why the checks do not apply; an empty reason makes the exemption invalid. */
  reason: string;
  /** `YYYY-MM-DD`; the exemption ends at the end of that day, UTC. */
  until?: string;
}

/** An exemption declared in config. @public */
export type ExemptionConfig = EntityExemptionConfig | MatchExemptionConfig;

/** True for an exemption that matches objects rather than naming an entity. @public */
export function isMatchExemption(
  exemption: ExemptionConfig,
): exemption is MatchExemptionConfig {
  return 'match' in exemption;
}

/** Validated readiness configuration, with defaults filled in. @public */
export interface ReadinessConfig {
  checks: Record<string, CheckConfig>;
  /** Minimum effective replicas for the `replicas` check. Default 2. */
  minReplicas: number;
  /** Registries images may come from; unset means `image-registry` skips. */
  allowedRegistries?: string[];
  /** Oldest acceptable restore test, in days. Default 30. */
  maxRestoreTestAgeDays: number;
  /** Level required to be production ready. Default `silver`. */
  gate: ReadinessLevel;
  exemptions: ExemptionConfig[];
  /** The custom checks of the configuration, validated, in order. */
  customChecks: CustomCheckConfig[];
  /**
   * Every check of this configuration: built-in, then custom (those of
   * `customChecks`, then those given to `parseReadinessConfig` in
   * `options.checks`), compiled. A copy made by `structuredClone` or
   * `postMessage` keeps only its data; the engine then compiles
   * `customChecks` again, and checks from `options.checks` are lost, since
   * code cannot be copied between threads.
   */
  catalogue: CheckCatalogue;
  /**
   * Platform readiness settings (`platform`); `parseReadinessConfig`
   * always fills it in, the engine takes the defaults when it is absent.
   */
  platform?: PlatformConfig;
}

/**
 * How {@link parseReadinessConfig} reads a configuration.
 * @public
 */
export interface ParseReadinessConfigOptions {
  /**
   * Where the configuration sits, put before every key in errors:
   * `readiness` for app-config (`readiness.customChecks[2].rule: ...`);
   * none for the CLI's config file, where the keys are at the top level.
   */
  keyPrefix?: string;
  /**
   * Checks written in TypeScript (from backend modules), validated like
   * configured ones and run after them.
   */
  checks?: readonly ReadinessCheck[];
}

/** The configuration used when none is given. @public */
export const DEFAULT_READINESS_CONFIG: Readonly<ReadinessConfig> =
  Object.freeze({
    checks: {},
    minReplicas: 2,
    allowedRegistries: undefined,
    maxRestoreTestAgeDays: 30,
    gate: 'silver',
    exemptions: [],
    customChecks: [],
    catalogue: CheckCatalogue.builtIn,
    platform: DEFAULT_PLATFORM_CONFIG,
  });

/** Thrown by {@link parseReadinessConfig} for invalid configuration. @public */
export class ReadinessConfigError extends Error {
  /** Each problem found, a sentence starting with its key. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.name = 'ReadinessConfigError';
    this.problems = problems;
  }
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** The check ids a configuration may name: its catalogue's. */
interface KnownChecks {
  has(id: string): boolean;
  readonly ids: readonly string[];
}

/**
 * Why configuration may not name `id` as a check, with a "did you mean";
 * undefined for a known check. Every check id in the configuration (check
 * settings, exemptions) is judged here and nowhere else.
 */
function checkIdProblem(id: string, known: KnownChecks): string | undefined {
  if (known.has(id)) return undefined;
  const best = closest(id, known.ids);
  const hint =
    best && best.distance <= Math.max(2, Math.floor(id.length / 3))
      ? `did you mean ${best.match}? `
      : '';
  return `"${id}" is not a known check id; ${hint}valid ids are: ${known.ids.join(
    ', ',
  )}`;
}

/**
 * zod, loaded on first use: most runs validate no configuration (the CLI
 * without `--config`, the UI), and loading zod costs about 50 ms of the
 * CLI's start-up. Always the `zod/v4` subpath: the declared range is
 * `^3.25.76 || ^4.0.0`, and zod 3.25 serves the v3 API from its root but
 * the v4 API (`z.int`, `error` options, `$ZodIssue`) from `zod/v4`, a
 * subpath zod 4 keeps.
 */
let loadedZod: typeof z | undefined;

function loadZod(): typeof z {
  loadedZod ??= require('zod/v4').z as typeof z;
  return loadedZod;
}

/** Which form an exemption entry is written in, judged by its keys. */
function exemptionForm(entry: unknown): 'entity' | 'match' | 'both' {
  if (typeof entry !== 'object' || entry === null) return 'entity';
  const has = (key: string) => Object.hasOwn(entry, key);
  const match = has('match') || has('checks');
  if (!match) return 'entity';
  return has('entityRef') || has('check') ? 'both' : 'match';
}

/** A list of patterns, each judged by `problemOf`. */
function patternList(
  zod: typeof z,
  problemOf: (p: string) => string | undefined,
) {
  return zod
    .array(
      zod
        .string()
        .min(1)
        .superRefine((pattern, context) => {
          const problem = problemOf(pattern);
          if (problem) context.addIssue({ code: 'custom', message: problem });
        }),
    )
    .min(1);
}

function buildMatchSchema(zod: typeof z) {
  const labels = zod
    .record(zod.string(), zod.string())
    .superRefine((entries, context) => {
      const keys = Object.keys(entries);
      if (keys.length === 0) {
        context.addIssue({
          code: 'custom',
          message: 'must name at least one label',
        });
      }
      for (const key of keys) {
        const value = entries[key];
        const problem =
          labelKeyProblem(key) ??
          (typeof value === 'string'
            ? labelValuePatternProblem(value)
            : undefined);
        if (problem) {
          context.addIssue({ code: 'custom', path: [key], message: problem });
        }
      }
    });
  return zod.strictObject({
    namespaces: patternList(zod, namespacePatternProblem).optional(),
    kinds: patternList(zod, kindProblem).optional(),
    names: patternList(zod, namePatternProblem).optional(),
    labels: labels.optional(),
  });
}

const MATCH_KEYS = ['namespaces', 'kinds', 'names', 'labels'];

/**
 * A match with no condition would exempt everything. Judged on the entry
 * as written: zod versions differ on whether an object's refinements see
 * keys whose values were invalid.
 */
function isEmptyMatch(entry: unknown): boolean {
  const match = (entry as Record<string, unknown>).match;
  return (
    typeof match === 'object' &&
    match !== null &&
    !Array.isArray(match) &&
    !MATCH_KEYS.some(key => Object.hasOwn(match, key))
  );
}

/** The checks `platform.signatures` may extend: those recognised by signatures. */
const SIGNATURE_CHECKS: KnownChecks = {
  has: id => SIGNATURE_CHECK_IDS.includes(id),
  ids: SIGNATURE_CHECK_IDS,
};

/**
 * The schema for one catalogue: check settings and exemptions may name
 * custom checks, so it is built per configuration (a millisecond, once).
 */
function buildConfigSchema(
  zod: typeof z,
  known: KnownChecks,
  platformChecks: KnownChecks,
) {
  const checkConfigSchema = zod.strictObject({
    enabled: zod.boolean().optional(),
    severity: zod.enum(SEVERITIES).optional(),
  });

  // An empty reason is allowed on purpose: the spec says such an exemption
  // is reported as ignored, not rejected.
  const reason = zod.string();
  const until = zod
    .string()
    .refine(isIsoDate, { error: 'must be a date written as YYYY-MM-DD' })
    .optional();

  const entityExemptionSchema = zod.strictObject({
    entityRef: zod.string().min(1),
    check: zod.string().superRefine((id, context) => {
      const problem = checkIdProblem(id, known);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
    reason,
    until,
  });

  const matchExemptionSchema = zod.strictObject({
    match: buildMatchSchema(zod),
    checks: zod
      .array(zod.string().min(1))
      .min(1)
      .superRefine((ids, context) => {
        ids.forEach((id, index) => {
          const problem =
            id === '*'
              ? ids.length > 1 &&
                '"*" already means every check: write ["*"] alone, or list ids'
              : checkIdProblem(id, known);
          if (problem) {
            context.addIssue({
              code: 'custom',
              path: [index],
              message: problem,
            });
          }
        });
      }),
    reason,
    until,
  });

  // The two forms are told apart by their keys before validating, so the
  // errors are about the form the entry is written in (a union would
  // report both forms' complaints, or pick one differently per zod version).
  const exemptionSchema = zod
    .unknown()
    .transform((entry, context): ExemptionConfig => {
      const form = exemptionForm(entry);
      if (form === 'both') {
        context.addIssue({
          code: 'custom',
          message:
            'give either entityRef and check (one entity), or match and checks (every matching object), not both',
        });
        return zod.NEVER;
      }
      const schema =
        form === 'match' ? matchExemptionSchema : entityExemptionSchema;
      const result = schema.safeParse(entry);
      const emptyMatch = form === 'match' && isEmptyMatch(entry);
      if (emptyMatch) {
        context.addIssue({
          code: 'custom',
          path: ['match'],
          message:
            'must give at least one of namespaces, kinds, names or labels (an exemption for everything is not one)',
        });
      }
      if (result.success && !emptyMatch) return result.data;
      for (const issue of result.error?.issues ?? []) {
        context.addIssue({ ...issue });
      }
      return zod.NEVER;
    });

  return zod.object({
    checks: zod
      .record(zod.string(), checkConfigSchema)
      .superRefine((checks, context) => {
        for (const id of Object.keys(checks)) {
          const problem = checkIdProblem(id, known);
          if (problem) {
            context.addIssue({ code: 'custom', path: [id], message: problem });
          }
        }
      })
      .optional(),
    minReplicas: zod.int().min(1).optional(),
    allowedRegistries: zod.array(zod.string().min(1)).optional(),
    maxRestoreTestAgeDays: zod.int().min(1).optional(),
    gate: zod.enum(['gold', 'silver', 'bronze', 'none']).optional(),
    exemptions: zod.array(exemptionSchema).optional(),
    // Validated and compiled on their own (see parseCustomChecks).
    customChecks: zod.unknown().optional(),
    platform: buildPlatformSchema(
      zod,
      id => checkIdProblem(id, SIGNATURE_CHECKS),
      id => checkIdProblem(id, platformChecks),
      isIsoDate,
    ).optional(),
  });
}

function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let text = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text || 'readiness config';
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  int: 'an integer',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/** Turns one zod issue into "key.path must ..." prose. */
function formatIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  prefix?: string,
): string {
  const where = formatPath(issue.path, prefix);
  switch (issue.code) {
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type': {
      let actual: unknown = raw;
      for (const segment of issue.path) {
        actual = (actual as any)?.[segment as any];
      }
      const expected = EXPECTED_NAMES[issue.expected] ?? `a ${issue.expected}`;
      return actual === undefined
        ? `${where} is missing; it must be ${expected}`
        : `${where} must be ${expected}, not ${describeType(actual)}`;
    }
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `${where} must not be empty`
        : `${where} must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `${where} must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `${where} has unknown key${
        issue.keys.length > 1 ? 's' : ''
      } ${issue.keys.join(', ')}`;
    case 'custom':
      return issue.message.startsWith('must ')
        ? `${where} ${issue.message}`
        : `${where}: ${issue.message}`;
    default:
      return issue.message.startsWith('must ')
        ? `${where} ${issue.message}`
        : `${where}: ${issue.message}`;
  }
}

/**
 * Validates raw configuration and fills in defaults, and compiles its
 * custom checks once. `undefined` and `null` give the defaults. Keys other
 * than the readiness engine's own are ignored, so the whole `readiness`
 * block of app-config can be passed in. Throws a
 * {@link ReadinessConfigError} listing every problem, each naming its key
 * (and for CEL the position), before anything runs.
 * @public
 */
export function parseReadinessConfig(
  raw: unknown,
  options: ParseReadinessConfigOptions = {},
): ReadinessConfig {
  const prefix = options.keyPrefix ?? '';
  const keyOf = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      throw new ReadinessConfigError(
        `${prefix || 'readiness config'} must be an object, not ${describeType(
          raw,
        )}`,
      );
    }
  }
  const moduleChecks = options.checks ?? [];
  if ((raw === undefined || raw === null) && moduleChecks.length === 0) {
    return {
      ...DEFAULT_READINESS_CONFIG,
      checks: {},
      exemptions: [],
      customChecks: [],
      platform: platformConfigOf(undefined),
    };
  }
  const zod = loadZod();
  const custom = parseCustomChecks(
    zod,
    (raw as Record<string, unknown> | null | undefined)?.customChecks,
    keyOf('customChecks'),
    moduleChecks,
    (issues, value, key) => issues.map(issue => formatIssue(issue, value, key)),
  );
  const catalogue =
    custom.checks.length > 0
      ? new CheckCatalogue(custom.checks)
      : CheckCatalogue.builtIn;
  // Ids of custom checks that failed to compile still count as known, so
  // their exemptions do not add a second, misleading error.
  const declared = new Set([
    ...catalogue.ids,
    ...catalogue.platformIds,
    ...custom.declaredIds,
  ]);
  const result = buildConfigSchema(
    zod,
    {
      has: id => declared.has(id),
      ids: [...new Set([...catalogue.ids, ...catalogue.platformIds])],
    },
    {
      has: id => catalogue.platformIds.includes(id),
      ids: catalogue.platformIds,
    },
  ).safeParse(raw ?? {});
  const problems = result.success
    ? []
    : result.error.issues.map(issue => formatIssue(issue, raw, prefix));
  problems.push(...custom.problems);
  if (!result.success || problems.length > 0) {
    throw new ReadinessConfigError(
      `Invalid readiness config: ${problems.join('; ')}`,
      problems,
    );
  }
  const parsed = result.data;
  return {
    checks: parsed.checks ?? {},
    minReplicas: parsed.minReplicas ?? DEFAULT_READINESS_CONFIG.minReplicas,
    allowedRegistries: parsed.allowedRegistries,
    maxRestoreTestAgeDays:
      parsed.maxRestoreTestAgeDays ??
      DEFAULT_READINESS_CONFIG.maxRestoreTestAgeDays,
    gate: parsed.gate ?? DEFAULT_READINESS_CONFIG.gate,
    exemptions: parsed.exemptions ?? [],
    customChecks: custom.configs,
    catalogue,
    platform: platformConfigOf(parsed.platform),
  };
}
