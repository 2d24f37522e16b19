/**
 * `readiness checks test`: a platform team tries its custom checks on
 * manifests before rolling them out, and sees each check's result on each
 * object it applies to, with CEL errors in full.
 */
import {
  CheckConfig,
  CheckResult,
  CustomCheckConfig,
  CustomCheckDefinition,
  EvaluationInput,
  evaluateReadiness,
  isCheckId,
  ObjectRef,
  ReadinessConfig,
  Severity,
  SourcedObjectWithLine,
} from '@prodready/backstage-plugin-readiness-common';
import { loadConfig } from './config';
import { chooseEntity } from './entity';
import { CliError } from './errors';
import { describeInputError, InputError, readInputs } from './inputs';
import { CliIo } from './io';
import { plural } from './plural';
import { renderTrialJson, renderTrialTable } from './checksTestReport';

/** Options of `readiness checks test`, as parsed from the command line. */
export interface ChecksTestOptions {
  config: string;
  /** `--check` ids (repeatable, or comma-separated); all custom checks when empty. */
  checks: string[];
  entity?: string;
  format: 'table' | 'json';
  color: boolean;
  namespace?: string;
  stdinFilename: string;
  maxFileSize: number;
  exclude: string[];
}

/** One result of a tried check: on a workload, another object or the entity. */
export interface TrialResult {
  /** The workload or object; absent for the entity. */
  ref?: ObjectRef;
  /** `component:default/web` when the result is the entity's. */
  entity?: string;
  /** `Deployment shop/web` or `Entity component:default/web`. */
  title: string;
  /** Where the object (or entity) starts, when known. */
  file?: string;
  line?: number;
  result: CheckResult;
}

/** A tried check and its results. */
export interface Trial {
  definition: CustomCheckDefinition;
  /** The check as configured, for its CEL. */
  config?: CustomCheckConfig;
  /** Its severity in this configuration (overrides applied). */
  severity: Severity;
  results: TrialResult[];
  /** Why it has no result at all (nothing it applies to), when it has none. */
  nothingToCheck?: string;
}

/** Everything a rendering of the trial needs. */
export interface TrialReport {
  configFile: string;
  trials: Trial[];
  /** Workloads and other objects read. */
  workloads: number;
  objects: number;
  inputErrors: readonly InputError[];
  warnings: readonly string[];
  /** True when no tried check failed or errored anywhere. */
  passed: boolean;
  color: boolean;
}

const MIB = 1024 * 1024;

/** `--check a --check b,c` → `[a, b, c]`, without repeats. */
export function splitCheckIds(values: readonly string[]): string[] {
  const ids = values
    .flatMap(value => value.split(','))
    .map(id => id.trim())
    .filter(Boolean);
  return [...new Set(ids)];
}

/** The custom checks `--check` names (all of them without it), or why not. */
function selectChecks(
  config: ReadinessConfig,
  file: string,
  wanted: readonly string[],
): CustomCheckDefinition[] {
  const custom = config.catalogue.customChecks.map(check => check.definition);
  if (custom.length === 0) {
    throw new CliError(
      `${file}: no customChecks to test; define them under customChecks (see the README's "Custom checks")`,
    );
  }
  if (wanted.length === 0) return custom;
  const known = custom.map(definition => definition.id).join(', ');
  return wanted.map(id => {
    const found = custom.find(definition => definition.id === id);
    if (found) return found;
    if (isCheckId(id)) {
      throw new CliError(
        `--check ${id}: a built-in check; checks test tries the custom checks of ${file} (${known}); readiness check runs the built-in ones`,
      );
    }
    throw new CliError(
      `--check ${id}: no custom check with this id in ${file}; its custom checks are ${known}`,
    );
  });
}

/**
 * The configuration to evaluate with: the selected custom checks on (even
 * when the file turns one off, as one may while trying it), every other
 * check off, so only their results are computed.
 */
function trialConfig(
  config: ReadinessConfig,
  selected: readonly CustomCheckDefinition[],
): ReadinessConfig {
  const chosen = new Set(selected.map(definition => definition.id));
  const checks: Record<string, CheckConfig> = {};
  for (const id of config.catalogue.ids) {
    checks[id] = chosen.has(id)
      ? { ...config.checks[id], enabled: true }
      : { enabled: false };
  }
  return { ...config, checks };
}

/** True when a result is about an object the check applies to. */
function appliesTo(
  definition: CustomCheckDefinition,
  kind: string | undefined,
): boolean {
  return !definition.kinds || kind === undefined
    ? true
    : definition.kinds.includes(kind);
}

/** Why a check has no result at all. */
function nothingToCheck(
  definition: CustomCheckDefinition,
  hasEntity: boolean,
  objects: readonly SourcedObjectWithLine[],
): string {
  if (definition.scope === 'entity') {
    return hasEntity
      ? 'the entity gave no result'
      : 'no catalog entity: give one with --entity catalog-info.yaml';
  }
  // Object checks always list their kinds; workload checks may not.
  const kinds = definition.kinds?.join(' or ');
  const what = definition.scope === 'object' ? 'object' : 'workload';
  const present = definition.kinds
    ? objects.filter(source =>
        definition.kinds!.includes(String(source.object.kind)),
      ).length
    : 0;
  if (present > 0 && hasEntity) {
    // With an entity, objects count only when they belong to it.
    return `${plural(
      present,
      `${kinds} object`,
    )} in the input, not the entity's (with --entity, an object counts when it relates to the entity's workloads or matches its selector)`;
  }
  return `the input holds no ${kinds ? `${kinds} ` : ''}${what}`;
}

/**
 * Runs `readiness checks test` and returns the exit code: 0 every tried
 * check passes or skips everywhere, 1 one fails or could not be evaluated,
 * 2 bad usage, an invalid configuration or an unreadable input (the rest
 * is still tried and reported).
 */
export async function runChecksTest(
  paths: string[],
  options: ChecksTestOptions,
  io: CliIo,
): Promise<number> {
  const maxBytes = Math.floor(options.maxFileSize * MIB);
  const warn = (message: string) => io.stderr.write(`readiness: ${message}\n`);
  const config = loadConfig(options.config, maxBytes, warn);
  const selected = selectChecks(
    config,
    options.config,
    splitCheckIds(options.checks),
  );
  if (paths.length === 0 && !options.entity) {
    throw new CliError(
      'give the manifests to try the checks on (files, directories or - for standard input), or --entity for entity checks',
    );
  }
  for (const definition of selected) {
    if (config.checks[definition.id]?.enabled === false) {
      warn(
        `${definition.id} is turned off in ${options.config} (enabled: false); tried anyway`,
      );
    }
  }

  const inputs = await readInputs(paths, {
    io,
    maxBytes,
    stdinName: options.stdinFilename,
    exclude: options.exclude,
  });
  for (const error of inputs.errors) {
    warn(describeInputError(error));
  }
  for (const note of inputs.notes) {
    if (note.reason !== 'empty') warn(note.message);
  }
  const entity = chooseEntity(options.entity, inputs.entities, maxBytes, warn);
  const report = evaluateReadiness({
    objects: inputs.objects,
    entity: entity?.object as EvaluationInput['entity'],
    config: trialConfig(config, selected),
    defaultNamespace: options.namespace || 'default',
    configMapScope: 'all',
  });
  for (const warning of report.warnings ?? []) {
    warn(`warning: ${warning}`);
  }

  const subjects: Array<
    Omit<TrialResult, 'result'> & {
      results: CheckResult[];
    }
  > = [
    ...[...report.workloads, ...report.objects].map(object => ({
      ref: object,
      title: `${object.kind} ${object.namespace}/${object.name}`,
      file: object.file,
      line: object.line,
      results: object.results,
    })),
    ...(report.entity
      ? [
          {
            entity: report.entity.ref,
            title: `Entity ${report.entity.ref}`,
            file: entity?.file,
            line: entity?.line,
            results: report.entity.results,
          },
        ]
      : []),
  ];
  const trials: Trial[] = selected.map(definition => {
    const results: TrialResult[] = [];
    for (const { results: all, ...subject } of subjects) {
      const result = all.find(candidate => candidate.check === definition.id);
      if (result && appliesTo(definition, subject.ref?.kind)) {
        results.push({ ...subject, result });
      }
    }
    return {
      definition,
      config: config.customChecks.find(entry => entry.id === definition.id),
      severity: config.checks[definition.id]?.severity ?? definition.severity,
      results,
      ...(results.length === 0
        ? {
            nothingToCheck: nothingToCheck(
              definition,
              Boolean(entity),
              inputs.objects,
            ),
          }
        : {}),
    };
  });
  const passed = trials.every(trial =>
    trial.results.every(
      ({ result }) => result.status !== 'fail' && result.status !== 'error',
    ),
  );
  const trialReport: TrialReport = {
    configFile: options.config,
    trials,
    workloads: report.workloads.length,
    objects: inputs.objects.length - report.workloads.length,
    inputErrors: inputs.errors,
    warnings: report.warnings ?? [],
    passed,
    color: options.color,
  };
  io.stdout.write(
    options.format === 'json'
      ? renderTrialJson(trialReport)
      : renderTrialTable(trialReport),
  );
  if (inputs.errors.length > 0) return 2;
  return passed ? 0 : 1;
}
