/**
 * The report of one subject (a workload or another object) with where it
 * was read from. Reports are what an evaluation keeps: tens of thousands of
 * them live until the report is returned, so each is built in one object
 * literal with its origin fields. A field added to an object after its
 * literal goes to a separate backing store: one more allocation per report,
 * copied by each garbage collection the report survives.
 */
import {
  CheckResult,
  ObjectReport,
  SourcedObject,
  WorkloadReport,
} from '../types';

/** What a report's origin fields are read from. */
type Origin = Pick<SourcedObject, 'file' | 'cluster' | 'source' | 'line'>;

/** Adds the origin fields the source has, in the report's field order. */
function addOrigin<T extends object>(report: T, source: Origin): T {
  const out: T & Origin = report;
  if (typeof source.file === 'string') out.file = source.file;
  if (typeof source.cluster === 'string') out.cluster = source.cluster;
  if (typeof source.source === 'string') out.source = source.source;
  if (typeof source.line === 'number') out.line = source.line;
  return out;
}

/**
 * Which origin fields a source has, as the literals below take them: the
 * CLI's files (with a line when the manifest had several documents), a
 * backend source's cluster objects, or none.
 */
function originShape(
  source: Origin,
): 'none' | 'file' | 'file-line' | 'cluster-source' | 'other' {
  const file = typeof source.file === 'string';
  const cluster = typeof source.cluster === 'string';
  const from = typeof source.source === 'string';
  const line = typeof source.line === 'number';
  if (!cluster && !from) {
    if (!file) return line ? 'other' : 'none';
    return line ? 'file-line' : 'file';
  }
  return cluster && from && !file && !line ? 'cluster-source' : 'other';
}

/** The report of an object that is not a workload, with its results. */
export function objectReport(
  kind: string,
  namespace: string,
  name: string,
  results: CheckResult[],
  source: Origin,
): ObjectReport {
  switch (originShape(source)) {
    case 'none':
      return { kind, namespace, name, results };
    case 'file':
      return { kind, namespace, name, results, file: source.file };
    case 'file-line':
      return {
        kind,
        namespace,
        name,
        results,
        file: source.file,
        line: source.line,
      };
    case 'cluster-source':
      return {
        kind,
        namespace,
        name,
        results,
        cluster: source.cluster,
        source: source.source,
      };
    default:
      return addOrigin({ kind, namespace, name, results }, source);
  }
}

/** The report of a workload: its score, level and results. */
export function workloadReport(
  kind: string,
  namespace: string,
  name: string,
  score: number,
  level: WorkloadReport['level'],
  results: CheckResult[],
  source: Origin,
): WorkloadReport {
  switch (originShape(source)) {
    case 'none':
      return { kind, namespace, name, score, level, results };
    case 'file':
      return {
        kind,
        namespace,
        name,
        score,
        level,
        results,
        file: source.file,
      };
    case 'file-line':
      return {
        kind,
        namespace,
        name,
        score,
        level,
        results,
        file: source.file,
        line: source.line,
      };
    case 'cluster-source':
      return {
        kind,
        namespace,
        name,
        score,
        level,
        results,
        cluster: source.cluster,
        source: source.source,
      };
    default:
      return addOrigin(
        { kind, namespace, name, score, level, results },
        source,
      );
  }
}
