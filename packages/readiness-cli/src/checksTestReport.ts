/**
 * What `readiness checks test` prints: per tried check, its result on each
 * object it applies to, with messages, findings and CEL errors in full (the
 * expression, with a caret under the position CEL names).
 */
import {
  CheckResult,
  CustomCheckConfig,
} from '@prodready/backstage-plugin-readiness-common';
import type { Trial, TrialReport } from './checksTest';
import { describeScope } from './customCheckReference';
import { countStatuses, describeCounts, locationOf } from './formats/shared';
import {
  Palette,
  paletteFor,
  STATUS_LABELS,
  statusStyle,
} from './formats/table';
import { plural } from './plural';

const INDENT = '          ';

/** The CEL keys named in the engine's evaluation errors. */
const EXPRESSIONS: Array<{
  phrase: string;
  key: 'rule' | 'when' | 'messageExpression';
}> = [
  { phrase: 'The rule could not be evaluated', key: 'rule' },
  { phrase: 'The condition (when) could not be evaluated', key: 'when' },
  {
    phrase: 'messageExpression could not be evaluated',
    key: 'messageExpression',
  },
];

/**
 * The expression an evaluation error is about, with a caret under the
 * position it names (`(line 1, col 5)`), so the user sees what CEL saw.
 */
export function celErrorExcerpt(
  message: string,
  config: CustomCheckConfig | undefined,
): string[] {
  if (!config) return [];
  for (const { phrase, key } of EXPRESSIONS) {
    const at = message.indexOf(phrase);
    const source = config[key];
    if (at < 0 || !source) continue;
    const position = /\(line (\d+), col (\d+)\)/.exec(message.slice(at));
    const sourceLines = source.split('\n');
    if (!position) {
      return sourceLines.map(
        (text, index) =>
          `${index === 0 ? `${key}: ` : ' '.repeat(key.length + 2)}${text}`,
      );
    }
    const line = Number(position[1]);
    const column = Number(position[2]);
    const text = sourceLines[line - 1];
    if (text === undefined) return [];
    const label =
      sourceLines.length > 1 ? `${key} (line ${line}): ` : `${key}: `;
    return [
      `${label}${text}`,
      `${' '.repeat(label.length + Math.max(0, column - 1))}^`,
    ];
  }
  return [];
}

function resultDetail(
  result: CheckResult,
  trial: Trial,
  palette: Palette,
): string[] {
  const lines: string[] = [];
  // A pass says only the title again: its status is enough.
  if (result.status !== 'pass') {
    lines.push(...result.message.split('\n'));
  }
  for (const finding of result.findings ?? []) {
    lines.push(`- ${palette.dim(finding.path)}: ${finding.message}`);
  }
  if (result.status === 'error' || result.status === 'fail') {
    lines.push(
      ...celErrorExcerpt(result.message, trial.config).map(palette.yellow),
    );
  }
  if (result.status === 'exempt' && result.exemption?.until) {
    lines.push(`exempt until ${result.exemption.until}`);
  }
  return lines.map(line => `${INDENT}${line}`);
}

/** `fails in 1 of 3`, `passes in all 3`... a check's outcome in words. */
function verdictOf(trial: Trial): string {
  if (trial.nothingToCheck) return 'nothing to check';
  const counts = countStatuses(trial.results.map(({ result }) => result));
  const total = trial.results.length;
  if (counts.pass === total) {
    return total === 1 ? 'passes' : `passes in all ${total}`;
  }
  const phrases: Array<[number, string]> = [
    [counts.fail, 'fails'],
    [counts.error, 'could not be evaluated'],
    [counts.pass, 'passes'],
    [counts.skip, 'skipped'],
    [counts.exempt, 'exempt'],
  ];
  return phrases
    .filter(([count]) => count > 0)
    .map(([count, phrase]) => `${phrase} in ${count} of ${total}`)
    .join(', ');
}

function trialBlock(trial: Trial, palette: Palette): string[] {
  const { definition } = trial;
  const out = [
    `${palette.bold(definition.id)}: ${definition.title}`,
    palette.dim(
      `  severity ${trial.severity} · scope ${
        definition.scope
      } · runs on ${describeScope(definition)}`,
    ),
  ];
  if (trial.nothingToCheck) {
    out.push(`  nothing to check: ${trial.nothingToCheck}`, '');
    return out;
  }
  const width = Math.max(...trial.results.map(entry => entry.title.length));
  for (const entry of trial.results) {
    const { result } = entry;
    const location = locationOf(entry);
    out.push(
      `  ${statusStyle(
        palette,
        result.status,
      )(STATUS_LABELS[result.status].padEnd(6))}  ${
        location ? entry.title.padEnd(width) : entry.title
      }${location ? `  ${palette.dim(location)}` : ''}`,
      ...resultDetail(result, trial, palette),
    );
  }
  const counts = countStatuses(trial.results.map(({ result }) => result));
  out.push(`  ${describeCounts(counts)}`);
  if (counts.fail > 0) {
    const remediation = definition.remediation.trim();
    if (remediation) {
      out.push(
        '  How to fix:',
        ...remediation.split(/\r?\n/).map(line => `    ${line}`.trimEnd()),
      );
    }
    if (definition.docsUrl) out.push(`  Docs: ${definition.docsUrl}`);
  }
  out.push('');
  return out;
}

/** The trial for the terminal: a block per check, then the verdict. */
export function renderTrialTable(report: TrialReport): string {
  const palette = paletteFor(report.color);
  const out: string[] = [];
  for (const trial of report.trials) {
    out.push(...trialBlock(trial, palette));
  }
  const read = [
    plural(report.workloads, 'workload'),
    ...(report.objects > 0 ? [plural(report.objects, 'other object')] : []),
  ].join(' and ');
  const idWidth = Math.max(
    ...report.trials.map(trial => trial.definition.id.length),
  );
  out.push(
    `Tried ${plural(report.trials.length, 'custom check')} of ${
      report.configFile
    } on ${read}:`,
    ...report.trials.map(
      trial => `  ${trial.definition.id.padEnd(idWidth)}  ${verdictOf(trial)}`,
    ),
  );
  if (report.inputErrors.length > 0) {
    out.push(
      `${plural(
        report.inputErrors.length,
        'input',
      )} could not be read (listed on stderr)`,
    );
  }
  out.push(
    report.passed
      ? palette.bold(palette.green('PASSED'))
      : palette.bold(palette.red('FAILED')),
  );
  return `${out.join('\n')}\n`;
}

/** The trial as JSON, for scripts: the same content as the table. */
export function renderTrialJson(report: TrialReport): string {
  const document = {
    config: report.configFile,
    passed: report.passed,
    checks: report.trials.map(({ definition, ...trial }) => ({
      id: definition.id,
      title: definition.title,
      category: definition.category,
      severity: trial.severity,
      scope: definition.scope,
      ...(definition.kinds ? { kinds: definition.kinds } : {}),
      ...(definition.remediation
        ? { remediation: definition.remediation }
        : {}),
      ...(definition.docsUrl ? { docsUrl: definition.docsUrl } : {}),
      counts: countStatuses(trial.results.map(({ result }) => result)),
      ...(trial.nothingToCheck ? { nothingToCheck: trial.nothingToCheck } : {}),
      results: trial.results.map(entry => ({
        ...(entry.ref
          ? {
              kind: entry.ref.kind,
              namespace: entry.ref.namespace,
              name: entry.ref.name,
            }
          : { entity: entry.entity }),
        ...(entry.file ? { file: entry.file } : {}),
        ...(entry.line === undefined ? {} : { line: entry.line }),
        ...entry.result,
      })),
    })),
    ...(report.warnings.length > 0 ? { warnings: report.warnings } : {}),
    ...(report.inputErrors.length > 0
      ? { inputErrors: report.inputErrors }
      : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
