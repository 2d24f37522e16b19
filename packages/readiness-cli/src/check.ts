import fs from 'node:fs';
import {
  evaluateReadiness,
  EvaluationInput,
  ObjectRef,
  parseReadinessConfig,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { loadConfig } from './config';
import { entityRefOf, isComponent, loadEntity } from './entity';
import { CliError, describeError } from './errors';
import { FORMATS, FormatName } from './formats';
import { describeVerdict, evaluateGate } from './gate';
import { readInputs } from './inputs';
import { CliIo } from './io';
import { SourcedObjectWithLine } from '@prodready/backstage-plugin-readiness-common';

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
}

const MIB = 1024 * 1024;

function locate(source: SourcedObjectWithLine): string {
  return source.line === undefined
    ? String(source.file)
    : `${source.file}:${source.line}`;
}

function lineIndex(objects: SourcedObjectWithLine[], defaultNamespace: string) {
  const lines = new Map<string, number>();
  const keyOf = (
    file: string | undefined,
    kind: unknown,
    namespace: unknown,
    name: unknown,
  ) =>
    `${file ?? ''}\u0000${String(kind)}\u0000${String(namespace)}\u0000${String(
      name,
    )}`;
  for (const source of objects) {
    if (source.line === undefined) continue;
    const metadata = source.object.metadata ?? {};
    const namespace =
      typeof metadata.namespace === 'string' && metadata.namespace
        ? metadata.namespace
        : defaultNamespace;
    const key = keyOf(
      source.file,
      source.object.kind,
      namespace,
      metadata.name,
    );
    if (!lines.has(key)) {
      lines.set(key, source.line);
    }
  }
  return (ref: ObjectRef) =>
    lines.get(keyOf(ref.file, ref.kind, ref.namespace, ref.name));
}

/** {@link lineIndex}, built on first use (JSON and large inputs rarely need it). */
function lazyLineIndex(
  objects: SourcedObjectWithLine[],
  defaultNamespace: string,
) {
  let lookup: ((ref: ObjectRef) => number | undefined) | undefined;
  return (ref: ObjectRef) => {
    lookup ??= lineIndex(objects, defaultNamespace);
    return lookup(ref);
  };
}

/** Writes a report given whole or in pieces (a workload or object each). */
function writeInPieces(
  output: string | Iterable<string>,
  write: (text: string) => void,
) {
  if (typeof output === 'string') {
    write(output);
    return;
  }
  for (const piece of output) {
    write(piece);
  }
}

function writeReportFile(file: string, output: string | Iterable<string>) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'w');
    const target = fd;
    writeInPieces(output, text => fs.writeSync(target, text));
  } catch (error) {
    throw new CliError(
      `${file}: cannot write the report: ${describeError(error)}`,
    );
  } finally {
    if (fd !== undefined) {
      fs.closeSync(fd);
    }
  }
}

/**
 * `readiness check`: reads the manifests, evaluates them, prints the report
 * and returns the exit code (0 the gate holds, 1 it fails).
 */
export async function runCheck(
  paths: string[],
  options: CheckOptions,
  io: CliIo,
  toolVersion: string,
): Promise<number> {
  const maxBytes = Math.floor(options.maxFileSize * MIB);
  const warn = (message: string) => io.stderr.write(`readiness: ${message}\n`);

  const config = options.config
    ? loadConfig(options.config, maxBytes, warn)
    : parseReadinessConfig(undefined);
  const minLevel = options.minLevel ?? config.gate;

  const inputs = await readInputs(paths, {
    io,
    maxBytes,
    stdinName: options.stdinFilename,
  });
  for (const note of inputs.notes) {
    if (note.reason !== 'empty') {
      warn(note.message);
    }
  }

  let entity: SourcedObjectWithLine | undefined;
  if (options.entity) {
    entity = loadEntity(options.entity, maxBytes);
  } else {
    // A catalog-info.yaml among the inputs: its Component is evaluated when
    // it is the only one; with several, --entity must choose.
    const components = inputs.entities.filter(isComponent);
    if (components.length === 1) {
      entity = components[0];
      warn(
        `${locate(entity)}: evaluating entity ${entityRefOf(
          entity,
        )} (found among the inputs)`,
      );
    } else if (components.length > 1) {
      warn(
        `${components.length} catalog Components among the inputs: no entity-level checks (choose one with --entity)`,
      );
    }
  }
  for (const other of inputs.entities) {
    if (other !== entity) {
      warn(`${locate(other)}: catalog entity ${entityRefOf(other)} ignored`);
    }
  }

  if (inputs.objects.length === 0 && !entity) {
    throw new CliError(`no Kubernetes objects found in ${paths.join(', ')}`);
  }

  const defaultNamespace = options.namespace || 'default';
  const report = evaluateReadiness({
    objects: inputs.objects,
    entity: entity?.object as EvaluationInput['entity'],
    config: { ...config, gate: minLevel },
    defaultNamespace,
    configMapScope: 'all',
  });
  const gate = evaluateGate(report.summary, minLevel, options.minScore);

  const output = FORMATS[options.format]({
    report,
    gate,
    color: options.color,
    lineOf: lazyLineIndex(inputs.objects, defaultNamespace),
    entitySource: entity ? { file: entity.file, line: entity.line } : undefined,
    docsUrl: options.docsUrl,
    toolVersion,
  });

  if (options.output) {
    writeReportFile(options.output, output);
    warn(
      `${options.format} report written to ${options.output}; ${describeVerdict(
        report.summary,
        gate,
      )}`,
    );
  } else {
    writeInPieces(output, text => io.stdout.write(text));
  }
  return gate.passed ? 0 : 1;
}
