import {
  evaluateReadiness,
  EvaluationInput,
  ObjectRef,
  ReadinessLevel,
  SourcedObjectWithLine,
} from '@prodready/backstage-plugin-readiness-common';
import { readCommandInputs } from './commandInputs';
import { disabledCheckIds, reportLocations } from './reportLocations';
import { chooseEntity } from './entity';
import { FORMATS, FormatName } from './formats';
import { describeVerdict, evaluateGate } from './gate';
import { explainNothingEvaluated } from './empty';
import { CliIo } from './io';
import { writeReport } from './output';
import { describeLevelCause } from './formats/shared';
import type { FormatContext } from './formats';

/** Options of `readiness check`, as parsed from the command line. */
export interface CheckOptions {
  format: FormatName;
  entity?: string;
  config?: string;
  minLevel?: ReadinessLevel;
  minScore?: number;
  output?: string;
  color: boolean;
  namespace?: string;
  stdinFilename: string;
  maxFileSize: number;
  docsUrl: string;
  /** `--exclude` patterns. */
  exclude?: string[];
  /** Accept an input without workloads (`--allow-empty`). */
  allowEmpty?: boolean;
  /** Every workload in full in the table (`--verbose`). */
  verbose?: boolean;
}

/**
 * Finds the object a reference of the report names (by file, kind,
 * namespace and name), built on first use: JSON and large inputs rarely
 * need it.
 */
function sourceIndex(
  objects: readonly SourcedObjectWithLine[],
  defaultNamespace: string,
) {
  let index: Map<string, SourcedObjectWithLine> | undefined;
  const keyOf = (
    file: string | undefined,
    kind: unknown,
    namespace: unknown,
    name: unknown,
  ) =>
    `${file ?? ''}\u0000${String(kind)}\u0000${String(namespace)}\u0000${String(
      name,
    )}`;
  const build = () => {
    const built = new Map<string, SourcedObjectWithLine>();
    for (const source of objects) {
      const metadata = source.object.metadata ?? {};
      const namespace =
        typeof metadata.namespace === 'string' && metadata.namespace
          ? metadata.namespace
          : defaultNamespace;
      const name =
        typeof metadata.name === 'string' && metadata.name
          ? metadata.name
          : `${String(
              (metadata as { generateName?: unknown }).generateName ?? '',
            )}*`;
      const key = keyOf(source.file, source.object.kind, namespace, name);
      if (!built.has(key)) {
        built.set(key, source);
      }
    }
    return built;
  };
  return (ref: ObjectRef) => {
    index ??= build();
    return index.get(keyOf(ref.file, ref.kind, ref.namespace, ref.name));
  };
}

/**
 * `readiness check`: reads the manifests, evaluates them, prints the report
 * and returns the exit code: 0 the gate holds, 1 it fails (or nothing was
 * evaluated), 2 some input could not be read (the rest is still evaluated
 * and reported).
 */
export async function runCheck(
  paths: string[],
  options: CheckOptions,
  io: CliIo,
  toolVersion: string,
): Promise<number> {
  const { config, minLevel, inputs, maxBytes, warn } = await readCommandInputs(
    paths,
    options,
    io,
  );

  const entity = chooseEntity(options.entity, inputs.entities, maxBytes, warn);

  const defaultNamespace = options.namespace || 'default';
  let report = evaluateReadiness({
    objects: inputs.objects,
    entity: entity?.object as EvaluationInput['entity'],
    config: { ...config, gate: minLevel },
    defaultNamespace,
    configMapScope: 'all',
  });
  for (const warning of report.warnings ?? []) {
    warn(`warning: ${warning}`);
  }

  // An input without workloads proves nothing: it does not hold the gate.
  let nothingEvaluated: string | undefined;
  if (report.workloads.length === 0 && inputs.errors.length === 0) {
    const reason = explainNothingEvaluated(
      paths,
      inputs,
      options.stdinFilename,
    );
    if (options.allowEmpty) {
      warn(`nothing evaluated: ${reason} (accepted with --allow-empty)`);
    } else {
      nothingEvaluated = reason;
      warn(
        `nothing evaluated: ${reason} (--allow-empty accepts an input without workloads)`,
      );
    }
  }
  if (report.workloads.length === 0 && !options.allowEmpty) {
    // Nothing was judged, so no level is earned, whatever else went wrong.
    report = {
      ...report,
      summary: { ...report.summary, level: 'none', productionReady: false },
    };
  }
  if (inputs.errors.length > 0) {
    // What could not be read is not certified.
    report = {
      ...report,
      summary: { ...report.summary, productionReady: false },
    };
  }
  const gate = evaluateGate(report.summary, minLevel, options.minScore, {
    unreadableInputs: inputs.errors.length,
    nothingEvaluated,
  });

  const sourceOf = sourceIndex(inputs.objects, defaultNamespace);
  const context: FormatContext = {
    report,
    gate,
    color: options.color,
    ...reportLocations(sourceOf, inputs),
    entitySource: entity ? { file: entity.file, line: entity.line } : undefined,
    docsUrl: options.docsUrl,
    toolVersion,
    inputErrors: inputs.errors,
    verbose: options.verbose,
    catalogue: config.catalogue,
    disabledChecks: disabledCheckIds(config),
  };
  const output = FORMATS[options.format](context);

  writeReport(output, options.output, io, () =>
    warn(
      `${options.format} report written to ${options.output}; ${describeVerdict(
        report.summary,
        gate,
        describeLevelCause(context),
      )}`,
    ),
  );
  if (inputs.errors.length > 0) {
    return 2;
  }
  return gate.passed ? 0 : 1;
}
