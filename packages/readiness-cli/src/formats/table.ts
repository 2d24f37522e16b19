import {
  CheckResult,
  CheckStatus,
  isAtLeastLevel,
  LEVELS_ASCENDING,
  ReadinessLevel,
  scoreResults,
  Severity,
} from '@prodready/backstage-plugin-readiness-common';
import { describeGate, describeVerdict, GateResult } from '../gate';
import {
  compareSeverity,
  countStatuses,
  describeCounts,
  describeLevelCause,
  findingLocationNote,
  isNotable,
  locationOf,
  sortResults,
  Subject,
  subjectsOf,
} from './shared';
import { failingCustomChecks } from './customChecks';
import type { FormatContext, Formatter } from './types';
import { plural } from '../plural';

type Style = (text: string) => string;

export interface Palette {
  bold: Style;
  dim: Style;
  red: Style;
  yellow: Style;
  green: Style;
  cyan: Style;
}

function ansi(open: number, close: number): Style {
  return text => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain: Style = text => text;

/** ANSI styles, or none without colour. */
export function paletteFor(color: boolean): Palette {
  if (!color) {
    return {
      bold: plain,
      dim: plain,
      red: plain,
      yellow: plain,
      green: plain,
      cyan: plain,
    };
  }
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    red: ansi(31, 39),
    yellow: ansi(33, 39),
    green: ansi(32, 39),
    cyan: ansi(36, 39),
  };
}

export const STATUS_LABELS: Record<CheckStatus, string> = {
  fail: 'FAIL',
  error: 'ERROR',
  exempt: 'EXEMPT',
  skip: 'SKIP',
  pass: 'PASS',
};

export function statusStyle(palette: Palette, status: CheckStatus): Style {
  switch (status) {
    case 'fail':
      return palette.red;
    case 'error':
      return palette.yellow;
    case 'exempt':
      return palette.cyan;
    case 'pass':
      return palette.green;
    default:
      return palette.dim;
  }
}

function levelStyle(palette: Palette, level: ReadinessLevel): Style {
  switch (level) {
    case 'gold':
      return palette.green;
    case 'silver':
      return palette.cyan;
    case 'bronze':
      return palette.yellow;
    default:
      return palette.red;
  }
}

/** More workloads than this, and the table rolls up by check. */
export const COMPACT_THRESHOLD = 10;
/** Rolled-up tables list at most this many subjects below the gate... */
export const MAX_LISTED = 100;
/** ...and show the worst this many of them in full. */
export const MAX_DETAILED = 5;

/** The block of one subject: title, score and level, notable results. */
function subjectBlock(
  subject: Subject,
  palette: Palette,
  context: FormatContext,
): string[] {
  const out: string[] = [];
  // A cluster's passing results say what satisfied them: all are shown.
  const notable = sortResults(
    subject.type === 'cluster'
      ? subject.results
      : subject.results.filter(isNotable),
  );
  const location = locationOf(subject);
  out.push(
    `${palette.bold(subject.title)}${
      location ? `  ${palette.dim(location)}` : ''
    }`,
  );
  const counts = describeCounts(countStatuses(subject.results));
  if (subject.score !== undefined && subject.level !== undefined) {
    out.push(
      `  score ${subject.score}/100  level ${levelStyle(
        palette,
        subject.level,
      )(subject.level)}  ${palette.dim(`(${counts})`)}`,
    );
  } else {
    out.push(`  ${palette.dim(`(${counts})`)}`);
  }
  const idWidth = Math.max(0, ...notable.map(result => result.check.length));
  for (const result of notable) {
    out.push(...resultLines(result, idWidth, palette, subject, context));
  }
  out.push('');
  return out;
}

/** The level of a subject: its own for workloads, from its results otherwise. */
function levelOf(subject: Subject): { score: number; level: ReadinessLevel } {
  if (subject.score !== undefined && subject.level !== undefined) {
    return { score: subject.score, level: subject.level };
  }
  return scoreResults(subject.results);
}

/** True when the subject on its own would fail the gate. */
function sinksGate(subject: Subject, gate: GateResult): boolean {
  const { score, level } = levelOf(subject);
  return (
    !isAtLeastLevel(level, gate.minLevel) ||
    (gate.minScore !== undefined && subject.type === 'workload'
      ? score < gate.minScore
      : false)
  );
}

/**
 * Per check: severity, how many workloads (or objects) fail it, or could not
 * be evaluated, out of those it was evaluated on.
 */
function rollupLines(subjects: readonly Subject[], palette: Palette): string[] {
  interface Row {
    check: string;
    severity: Severity;
    fail: number;
    error: number;
    of: number;
  }
  const rows = new Map<string, Row>();
  for (const subject of subjects) {
    for (const result of subject.results) {
      if (result.status === 'skip') continue;
      // A check has one effective severity in a run (config overrides it
      // for every object alike).
      let row = rows.get(result.check);
      if (!row) {
        row = {
          check: result.check,
          severity: result.severity,
          fail: 0,
          error: 0,
          of: 0,
        };
        rows.set(result.check, row);
      }
      row.of++;
      if (result.status === 'fail' || result.status === 'error') {
        row[result.status]++;
      }
    }
  }
  const sorted = [...rows.values()]
    .filter(row => row.fail + row.error > 0)
    .sort(
      (a, b) =>
        compareSeverity(a.severity, b.severity) ||
        b.fail + b.error - (a.fail + a.error) ||
        compareNames(a.check, b.check),
    );
  if (sorted.length === 0) {
    return [];
  }
  const idWidth = Math.max(...sorted.map(row => row.check.length));
  const out = [palette.bold('Failing checks')];
  for (const row of sorted) {
    const counts = [
      ...(row.fail > 0
        ? [palette.red(`fails in ${row.fail} of ${row.of}`)]
        : []),
      ...(row.error > 0
        ? [palette.yellow(`not evaluated in ${row.error} of ${row.of}`)]
        : []),
    ].join(', ');
    out.push(
      `  ${row.severity.padEnd(8)}  ${row.check.padEnd(idWidth)}  ${counts}`,
    );
  }
  out.push('');
  return out;
}

/**
 * How to fix the custom checks that fail, once per check: their
 * remediation and docs link from configuration (built-in checks are
 * described by `readiness checks`).
 */
function guidanceLines(
  context: FormatContext,
  subjects: readonly Subject[],
  palette: Palette,
): string[] {
  const checks = failingCustomChecks(context, subjects);
  if (checks.length === 0) return [];
  const out = [palette.bold('How to fix the custom checks that fail')];
  for (const check of checks) {
    out.push(`  ${check.id}  ${palette.dim(check.title)}`);
    const remediation = check.remediation.trim();
    if (remediation) {
      out.push(
        ...remediation.split(/\r?\n/).map(line => `    ${line}`.trimEnd()),
      );
    }
    if (check.docsUrl) {
      out.push(`    Docs: ${check.docsUrl}`);
    }
  }
  out.push('');
  return out;
}

/** `readiness-probe, run-as-non-root +3 more`: a subject's worst results. */
function worstChecks(subject: Subject): string {
  const failing = sortResults(
    subject.results.filter(r => r.status === 'fail' || r.status === 'error'),
  );
  const shown = failing.slice(0, 3).map(r => r.check);
  return failing.length > shown.length
    ? `${shown.join(', ')} +${failing.length - shown.length} more`
    : shown.join(', ');
}

/**
 * The default, human-readable report. Up to {@link COMPACT_THRESHOLD}
 * workloads (or with `--verbose`): one block per workload (and per object
 * or entity with something to say), failing checks first with their
 * severity, id, message and findings. More: a roll-up per check, the
 * workloads and objects that fail the gate one per line, and the first of
 * them in full. Then a summary line and the verdict, which names what
 * caused the level.
 */
export const formatTable: Formatter = context => {
  const { report, gate } = context;
  const palette = paletteFor(context.color);
  const out: string[] = [];
  const subjects = subjectsOf(context);
  const compact =
    !context.verbose && report.workloads.length > COMPACT_THRESHOLD;
  if (!compact) {
    for (const subject of subjects) {
      // Workloads always show their score; other objects only when they
      // have something to fix.
      if (subject.type === 'object' && !subject.results.some(isNotable)) {
        continue;
      }
      out.push(...subjectBlock(subject, palette, context));
    }
  } else {
    out.push(...rollupLines(subjects, palette));
    // Worst first: by level, then score; report order among equals.
    const sinking = subjects
      .filter(subject => sinksGate(subject, gate))
      .map(subject => ({ subject, ...levelOf(subject) }))
      .sort(
        (a, b) =>
          LEVELS_ASCENDING.indexOf(a.level) -
            LEVELS_ASCENDING.indexOf(b.level) || a.score - b.score,
      )
      .map(entry => entry.subject);
    if (sinking.length > 0) {
      out.push(
        palette.bold(
          `Below the gate (${describeGate(gate)}): ${sinking.length} of ${
            subjects.length
          }`,
        ),
      );
      for (const subject of sinking.slice(0, MAX_LISTED)) {
        const { score, level } = levelOf(subject);
        const location = locationOf(subject);
        out.push(
          `  ${subject.title}${
            location ? `  ${palette.dim(location)}` : ''
          }  score ${score}/100  level ${levelStyle(
            palette,
            level,
          )(level)}  ${worstChecks(subject)}`,
        );
      }
      if (sinking.length > MAX_LISTED) {
        out.push(`  …and ${sinking.length - MAX_LISTED} more`);
      }
      out.push('');
      for (const subject of sinking.slice(0, MAX_DETAILED)) {
        out.push(...subjectBlock(subject, palette, context));
      }
    }
    const shown = Math.min(sinking.length, MAX_DETAILED);
    const hidden = subjects.length - shown;
    if (hidden > 0) {
      out.push(
        palette.dim(
          `${shown > 0 ? 'The other ' : ''}${
            subjects.every(subject => subject.type === 'workload')
              ? plural(hidden, 'workload is', 'workloads are')
              : plural(
                  hidden,
                  'workload or object is',
                  'workloads and objects are',
                )
          } not shown in full: --verbose shows every one.`,
        ),
        '',
      );
    }
  }
  out.push(...guidanceLines(context, subjects, palette));
  const subjectsText = context.cluster
    ? `cluster ${context.cluster.name}`
    : [
        plural(report.workloads.length, 'workload'),
        ...(report.objects.length > 0
          ? [plural(report.objects.length, 'other object')]
          : []),
        ...(report.entity ? [`entity ${report.entity.ref}`] : []),
      ].join(', ');
  const verdict = describeVerdict(
    report.summary,
    gate,
    describeLevelCause(context),
  );
  out.push(
    `${palette.bold('Summary:')} ${subjectsText}; ${describeCounts(
      report.summary.counts,
    )}`,
  );
  out.push(
    `${palette.bold(
      gate.passed ? palette.green('READY') : palette.red('NOT READY'),
    )} ${verdict}`,
  );
  return `${out.join('\n')}\n`;
};

function resultLines(
  result: CheckResult,
  idWidth: number,
  palette: Palette,
  subject: Subject,
  context: FormatContext,
): string[] {
  const label = STATUS_LABELS[result.status].padEnd(6);
  const lines = [
    `  ${statusStyle(palette, result.status)(label)}  ${result.severity.padEnd(
      8,
    )}  ${result.check.padEnd(idWidth)}  ${result.message}`,
  ];
  const indent = ' '.repeat(2 + 6 + 2 + 8 + 2);
  for (const finding of result.findings ?? []) {
    const elsewhere = findingLocationNote(context, subject, finding);
    lines.push(
      `${indent}- ${palette.dim(finding.path)}: ${finding.message}${
        elsewhere ? palette.dim(` (${elsewhere})`) : ''
      }`,
    );
  }
  if (result.exemption?.until) {
    lines.push(`${indent}exempt until ${result.exemption.until}`);
  }
  if (result.exemptionIgnored) {
    lines.push(
      `${indent}${palette.yellow('exemption ignored:')} ${
        result.exemptionIgnored
      }`,
    );
  }
  return lines;
}

/** Code-point order: the same whatever the machine's locale. */
function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
