import {
  CheckResult,
  CheckStatus,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { describeVerdict } from '../gate';
import {
  countStatuses,
  describeCounts,
  isNotable,
  locationOf,
  sortResults,
  subjectsOf,
} from './shared';
import type { Formatter } from './types';

type Style = (text: string) => string;

interface Palette {
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

function paletteFor(color: boolean): Palette {
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

const STATUS_LABELS: Record<CheckStatus, string> = {
  fail: 'FAIL',
  error: 'ERROR',
  exempt: 'EXEMPT',
  skip: 'SKIP',
  pass: 'PASS',
};

function statusStyle(palette: Palette, status: CheckStatus): Style {
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

/**
 * The default, human-readable report: one block per workload (and per object
 * or entity with something to say), failing checks first with their severity,
 * id, message and findings, then a summary line.
 */
export const formatTable: Formatter = context => {
  const { report, gate } = context;
  const palette = paletteFor(context.color);
  const out: string[] = [];

  for (const subject of subjectsOf(context)) {
    const notable = sortResults(subject.results.filter(isNotable));
    // Workloads always show their score; other objects only when they have
    // something to fix.
    if (subject.type === 'object' && notable.length === 0) {
      continue;
    }
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
      out.push(...resultLines(result, idWidth, palette));
    }
    out.push('');
  }

  const subjects = [
    plural(report.workloads.length, 'workload'),
    ...(report.objects.length > 0
      ? [plural(report.objects.length, 'other object')]
      : []),
    ...(report.entity ? [`entity ${report.entity.ref}`] : []),
  ].join(', ');
  const verdict = describeVerdict(report.summary, gate);
  out.push(
    `${palette.bold('Summary:')} ${subjects}; ${describeCounts(
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
): string[] {
  const label = STATUS_LABELS[result.status].padEnd(6);
  const lines = [
    `  ${statusStyle(palette, result.status)(label)}  ${result.severity.padEnd(
      8,
    )}  ${result.check.padEnd(idWidth)}  ${result.message}`,
  ];
  const indent = ' '.repeat(2 + 6 + 2 + 8 + 2);
  for (const finding of result.findings ?? []) {
    lines.push(`${indent}- ${palette.dim(finding.path)}: ${finding.message}`);
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

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
