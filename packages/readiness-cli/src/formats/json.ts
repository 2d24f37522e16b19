import { customChecksRun } from './customChecks';
import type { Formatter } from './types';

/**
 * Reports with up to this many workloads and objects are indented in full;
 * larger ones put each workload or object on a line of its own, which is
 * still valid, diff- and grep-friendly JSON, and several times faster to
 * produce and write (20,000 workloads make a report of over 100 MB).
 */
export const PRETTY_MAX_ENTRIES = 200;

/** One line per element of the report's arrays, streamed in pieces. */
function* linePerEntry(document: Record<string, unknown>): Iterable<string> {
  const keys = Object.keys(document).filter(key => document[key] !== undefined);
  yield '{\n';
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const value = document[key];
    const separator = k < keys.length - 1 ? ',\n' : '\n';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let i = 0; i < value.length; i++) {
        yield `    ${JSON.stringify(value[i])}${
          i < value.length - 1 ? ',\n' : '\n'
        }`;
      }
      yield `  ]${separator}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${separator}`;
    }
  }
  yield '}\n';
}

/**
 * The JSON report of the check catalogue's contract (summary, workloads,
 * objects, entity), as the engine produces it, plus the gate applied, the
 * inputs that could not be read (`inputErrors`: file, line, message) and
 * the definitions of the custom checks that ran (`customChecks`: title,
 * category, scope, kinds, remediation, docsUrl...), which no reference
 * document describes.
 */
export const formatJson: Formatter = context => {
  const { report, gate, inputErrors } = context;
  const document: Record<string, unknown> = { ...report, gate };
  if (inputErrors && inputErrors.length > 0) {
    document.inputErrors = inputErrors;
  }
  const customChecks = customChecksRun(context);
  if (customChecks.length > 0) {
    document.customChecks = customChecks;
  }
  if (report.workloads.length + report.objects.length <= PRETTY_MAX_ENTRIES) {
    return `${JSON.stringify(document, null, 2)}\n`;
  }
  return linePerEntry(document);
};

/**
 * The platform report of `readiness platform` (`summary`, `cluster: { name,
 * results }`, `evaluatedAt`, `warnings`), plus the gate, the inputs that
 * could not be read and the custom checks of scope `cluster` that ran.
 */
export const formatPlatformJson: Formatter = context => {
  const { report, gate, inputErrors, cluster } = context;
  if (!cluster) {
    throw new Error('formatPlatformJson needs the cluster of the report');
  }
  const document: Record<string, unknown> = {
    summary: report.summary,
    cluster: { name: cluster.name, results: cluster.results },
    evaluatedAt: report.evaluatedAt,
    ...(report.warnings && report.warnings.length > 0
      ? { warnings: report.warnings }
      : {}),
    gate,
  };
  if (inputErrors && inputErrors.length > 0) {
    document.inputErrors = inputErrors;
  }
  const customChecks = customChecksRun(context);
  if (customChecks.length > 0) {
    document.customChecks = customChecks;
  }
  return `${JSON.stringify(document, null, 2)}\n`;
};
