import {
  CheckResult,
  clusterSnapshotFromObjects,
  emptyStatusCounts,
  evaluatePlatform,
  isAtLeastLevel,
  ObjectRef,
  PlatformReport,
  ReadinessLevel,
  ReadinessReport,
  scoreResults,
  ServerVersion,
  SourcedObjectWithLine,
} from '@prodready/backstage-plugin-readiness-common';
import { readCommandInputs } from './commandInputs';
import { disabledCheckIds, reportLocations } from './reportLocations';
import { explainNoObjects } from './empty';
import { entityRefOf } from './entity';
import { FormatContext, FormatName, PLATFORM_FORMATS } from './formats';
import { describeLevelCause } from './formats/shared';
import { describeVerdict, evaluateGate } from './gate';
import { CliIo } from './io';
import { writeReport } from './output';

/** Options of `readiness platform`, as parsed from the command line. */
export interface PlatformOptions {
  format: FormatName;
  /** The cluster's name in the report (`--cluster-name`). */
  clusterName: string;
  /** `--server-version`: stands for the dump's missing `/version`. */
  serverVersion?: ServerVersion;
  config?: string;
  minLevel?: ReadinessLevel;
  minScore?: number;
  output?: string;
  color: boolean;
  stdinFilename: string;
  maxFileSize: number;
  docsUrl: string;
  exclude?: string[];
  /** Accept an input without Kubernetes objects (`--allow-empty`). */
  allowEmpty?: boolean;
  /** The evaluation time; now by default (tests pin it). */
  now?: Date;
}

/** The cluster name's default, as the contract has it. */
export const DEFAULT_CLUSTER_NAME = 'cluster';

const VERSION_PATTERN = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?$/;

/**
 * `1.31`, `v1.31` or `v1.31.2-eks-1234` as the server's version; undefined
 * for anything else.
 */
export function parseServerVersion(value: string): ServerVersion | undefined {
  const text = value.trim();
  const match = VERSION_PATTERN.exec(text);
  if (!match) return undefined;
  const [, major, minor] = match;
  const full = /^v?\d+\.\d+\.\d+/.test(text);
  return {
    major,
    minor,
    ...(full ? { gitVersion: text.startsWith('v') ? text : `v${text}` } : {}),
  };
}

/** `kind`, namespace (empty for cluster-scoped objects) and name of an object. */
function keyOf(kind: unknown, namespace: unknown, name: unknown): string {
  return `${String(kind)}\u0000${
    typeof namespace === 'string' ? namespace : ''
  }\u0000${String(name)}`;
}

/**
 * Finds a dumped object by the kind, namespace and name a finding names:
 * the file and line it was read from.
 */
function dumpIndex(objects: readonly SourcedObjectWithLine[]) {
  let index: Map<string, SourcedObjectWithLine> | undefined;
  const build = () => {
    const built = new Map<string, SourcedObjectWithLine>();
    for (const source of objects) {
      const { kind, metadata } = source.object;
      const key = keyOf(kind, metadata?.namespace, metadata?.name);
      if (!built.has(key)) built.set(key, source);
    }
    return built;
  };
  return (ref: ObjectRef) => {
    index ??= build();
    const source = index.get(keyOf(ref.kind, ref.namespace, ref.name));
    // A finding that names its file is about that file's object only.
    return source && (!ref.file || ref.file === source.file)
      ? source
      : undefined;
  };
}

/** The results, each finding's object with the file it was read from. */
function withFindingFiles(
  results: readonly CheckResult[],
  sourceOf: (ref: ObjectRef) => SourcedObjectWithLine | undefined,
): CheckResult[] {
  return results.map(result => {
    if (
      !result.findings?.some(finding => finding.object && !finding.object.file)
    ) {
      return result;
    }
    return {
      ...result,
      findings: result.findings.map(finding => {
        const file = finding.object && sourceOf(finding.object)?.file;
        return file && finding.object && !finding.object.file
          ? { ...finding, object: { ...finding.object, file } }
          : finding;
      }),
    };
  });
}

/** The report of a cluster of which nothing was read. */
function emptyReport(
  cluster: string,
  minLevel: ReadinessLevel,
  now: Date,
): PlatformReport {
  const { score, level } = scoreResults([]);
  return {
    summary: {
      score,
      level,
      productionReady: isAtLeastLevel(level, minLevel),
      counts: emptyStatusCounts(),
    },
    cluster: { name: cluster, results: [] },
    evaluatedAt: now.toISOString(),
  };
}

/**
 * `readiness platform`: reads a cluster dump (`kubectl get ... -A -o json`),
 * scores the cluster against the platform checks, prints the report and
 * returns the exit code: 0 the gate holds, 1 it fails (or the dump holds no
 * Kubernetes object), 2 some input could not be read (the rest is still
 * evaluated and reported).
 */
export async function runPlatform(
  paths: string[],
  options: PlatformOptions,
  io: CliIo,
  toolVersion: string,
): Promise<number> {
  const { config, minLevel, inputs, warn } = await readCommandInputs(
    paths,
    options,
    io,
  );
  if (inputs.entities.length > 0) {
    warn(
      `catalog entities ignored: a cluster is scored from its objects only (${inputs.entities
        .map(entityRefOf)
        .join(', ')})`,
    );
  }

  const objects = inputs.objects.map(source => source.object);
  const hasClusterKinds = objects.some(
    object => object.kind === 'Namespace' || object.kind === 'Node',
  );
  if (objects.length > 0 && !hasClusterKinds) {
    warn(
      'the input holds no Namespace and no Node: is it a cluster dump? The README gives the kubectl command that makes one',
    );
  }

  const now = options.now ?? new Date();
  const snapshot = clusterSnapshotFromObjects(options.clusterName, objects, {
    ...(options.serverVersion ? { serverVersion: options.serverVersion } : {}),
    readAt: now.toISOString(),
  });
  const sourceOf = dumpIndex(inputs.objects);
  // A dump without objects has no results, as `check` has none for an
  // input without workloads: 21 failures would only hide why.
  const evaluated: PlatformReport =
    objects.length === 0
      ? emptyReport(options.clusterName, minLevel, now)
      : evaluatePlatform({
          snapshot,
          config: { ...config, gate: minLevel },
          now,
        });
  for (const warning of evaluated.warnings ?? []) {
    warn(`warning: ${warning}`);
  }
  let summary = evaluated.summary;

  // A dump without objects proves nothing: it does not hold the gate.
  let nothingEvaluated: string | undefined;
  if (objects.length === 0 && inputs.errors.length === 0) {
    const reason = explainNoObjects(paths, inputs, options.stdinFilename);
    if (options.allowEmpty) {
      warn(`nothing evaluated: ${reason} (accepted with --allow-empty)`);
    } else {
      nothingEvaluated = reason;
      warn(
        `nothing evaluated: ${reason} (--allow-empty accepts an input without Kubernetes objects)`,
      );
    }
  }
  if (objects.length === 0 && !options.allowEmpty) {
    summary = { ...summary, level: 'none', productionReady: false };
  }
  if (inputs.errors.length > 0) {
    // What could not be read is not certified.
    summary = { ...summary, productionReady: false };
  }
  const gate = evaluateGate(summary, minLevel, options.minScore, {
    unreadableInputs: inputs.errors.length,
    nothingEvaluated,
    emptyInput: 'an input without Kubernetes objects',
  });

  const report: ReadinessReport = {
    summary,
    workloads: [],
    objects: [],
    evaluatedAt: evaluated.evaluatedAt,
    ...(evaluated.warnings ? { warnings: evaluated.warnings } : {}),
  };
  const context: FormatContext = {
    report,
    gate,
    cluster: {
      name: evaluated.cluster.name,
      results: withFindingFiles(evaluated.cluster.results, sourceOf),
      file:
        inputs.files[0] ??
        (paths[0] === '-' ? options.stdinFilename : paths[0]),
    },
    color: options.color,
    ...reportLocations(sourceOf, inputs),
    docsUrl: options.docsUrl,
    toolVersion,
    inputErrors: inputs.errors,
    catalogue: config.catalogue,
    disabledChecks: disabledCheckIds(config),
  };
  const output = PLATFORM_FORMATS[options.format](context);
  writeReport(output, options.output, io, () =>
    warn(
      `${options.format} report written to ${options.output}; ${describeVerdict(
        summary,
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
