import {
  CheckResult,
  CheckStatus,
} from '@prodready/backstage-plugin-readiness-common';
import { describeGate } from '../gate';
import {
  compareSeverity,
  countStatuses,
  describeCounts,
  describeExemption,
  describeLevelCause,
  docsLink,
  findingLocationNote,
  isNotable,
  locationOf,
  sortResults,
  subjectsOf,
  Subject,
} from './shared';
import { failingCustomChecks } from './customChecks';
import type { FormatContext, Formatter } from './types';

/** A pull-request comment must stay well under GitHub's 65,536 characters. */
export const MAX_FAILING_ROWS = 50;
export const MAX_DETAILED_SUBJECTS = 30;
/** Details stop before the comment grows past this many characters. */
const MAX_LENGTH = 60_000;

/** Marks the comment, so a CI job can find and update its previous one. */
export const COMMENT_MARKER = '<!-- prodready-readiness-report -->';

const STATUS_ICONS: Record<CheckStatus, string> = {
  fail: '❌',
  error: '⚠️',
  exempt: '🛡️',
  skip: '⏭️',
  pass: '✅',
};

/** Text safe inside a Markdown table cell (no HTML, no pipes, one line). */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** A check's id, linked to its documentation when it has any. */
function checkLink(context: FormatContext, check: string): string {
  const link = docsLink(context, check);
  return link ? `[${code(check)}](${link})` : code(check);
}

/**
 * The remediation (Markdown, as written in configuration) and docs link of
 * each failing custom check, once: no reference page describes them.
 */
function guidanceSection(
  context: FormatContext,
  subjects: readonly Subject[],
): string[] {
  const checks = failingCustomChecks(context, subjects);
  if (checks.length === 0) return [];
  const out = ['### How to fix the custom checks that fail', ''];
  for (const check of checks) {
    out.push(`#### ${code(check.id)}: ${escapeCell(check.title)}`, '');
    const remediation = check.remediation.trim();
    if (remediation) out.push(remediation, '');
    if (check.docsUrl) out.push(`Documentation: ${check.docsUrl}`, '');
  }
  return out;
}

function subjectCell(subject: Subject): string {
  const location = locationOf(subject);
  return location
    ? `${escapeCell(subject.title)}<br><sub>${escapeCell(location)}</sub>`
    : escapeCell(subject.title);
}

function resultMessage(
  context: FormatContext,
  subject: Subject,
  result: CheckResult,
): string {
  const parts = [escapeCell(result.message)];
  for (const finding of result.findings ?? []) {
    const elsewhere = findingLocationNote(context, subject, finding);
    parts.push(
      `${code(finding.path)} ${escapeCell(finding.message)}${
        elsewhere ? ` (${escapeCell(elsewhere)})` : ''
      }`,
    );
  }
  if (result.status === 'exempt') {
    const exemption = describeExemption(result);
    if (exemption && !result.message.includes(exemption)) {
      parts.push(`exempt: ${escapeCell(exemption)}`);
    }
  }
  if (result.exemptionIgnored) {
    parts.push(`exemption ignored: ${escapeCell(result.exemptionIgnored)}`);
  }
  return parts.join('<br>');
}

/** A collapsible section: the subject's notable results, with findings. */
function detailsOf(context: FormatContext, subject: Subject): string {
  const figures =
    subject.score !== undefined
      ? `: ${subject.score}/100, ${subject.level}`
      : '';
  const counts = countStatuses(subject.results);
  let icon = '✅';
  if (counts.fail > 0) icon = '❌';
  else if (counts.error > 0) icon = '⚠️';
  const lines = [
    '<details>',
    `<summary>${icon} ${escapeCell(subject.title)}${figures} (${describeCounts(
      counts,
    )})</summary>`,
    '',
  ];
  const location = locationOf(subject);
  if (location) {
    lines.push(`File: ${code(location)}`, '');
  }
  // A cluster's passing results say what satisfied them: all are shown.
  const notable = sortResults(
    subject.type === 'cluster'
      ? subject.results
      : subject.results.filter(isNotable),
  );
  if (notable.length > 0) {
    lines.push('| | Check | Severity | Result |', '| --- | --- | --- | --- |');
    for (const result of notable) {
      lines.push(
        `| ${STATUS_ICONS[result.status]} | ${checkLink(
          context,
          result.check,
        )} | ${result.severity} | ${resultMessage(context, subject, result)} |`,
      );
    }
  } else {
    lines.push('Every applicable check passes.');
  }
  lines.push('', '</details>', '');
  return lines.join('\n');
}

/**
 * Markdown for pull-request comments: a headline with the verdict, score and
 * level; a table of failing checks, worst first; then one collapsible
 * section per workload (and object or entity with something to say).
 */
export const formatMarkdown: Formatter = context => {
  const { report, gate } = context;
  const { summary } = report;
  const subjects = subjectsOf(context);
  const out: string[] = [COMMENT_MARKER];

  const verdict = gate.passed
    ? '✅ Production ready'
    : '❌ Not production ready';
  const cause = describeLevelCause(context);
  out.push(
    `## ${verdict}: score ${summary.score}/100, level ${summary.level}`,
    '',
  );
  const unreadable = context.inputErrors ?? [];
  if (unreadable.length > 0) {
    out.push(
      `**${unreadable.length} ${
        unreadable.length === 1 ? 'input' : 'inputs'
      } could not be read**; the rest is reported below:`,
      '',
      ...unreadable
        .slice(0, MAX_FAILING_ROWS)
        .map(
          error =>
            `- ${code(
              error.line === undefined
                ? error.file
                : `${error.file}:${error.line}`,
            )}: ${escapeCell(error.message)}`,
        ),
      '',
    );
  }
  if (gate.nothingEvaluated !== undefined) {
    out.push(
      `**Nothing was evaluated**: ${escapeCell(gate.nothingEvaluated)}.`,
      '',
    );
  }
  if (cause) {
    out.push(`Level ${summary.level}: ${escapeCell(cause)}.`, '');
  }
  let checked = `${report.workloads.length} workloads`;
  if (context.cluster) checked = `Cluster ${code(context.cluster.name)}`;
  else if (report.workloads.length === 1) checked = '1 workload';
  out.push(
    `Gate: ${describeGate(gate)}. ${checked} checked: ${describeCounts(
      summary.counts,
    )}.`,
    '',
  );

  const failing = subjects
    .flatMap(subject =>
      subject.results
        .filter(result => result.status === 'fail')
        .map(result => ({ subject, result })),
    )
    .sort((a, b) => compareSeverity(a.result.severity, b.result.severity));
  if (failing.length > 0) {
    out.push(
      '### Failing checks',
      '',
      '| Severity | Check | Object | Message |',
      '| --- | --- | --- | --- |',
    );
    for (const { subject, result } of failing.slice(0, MAX_FAILING_ROWS)) {
      out.push(
        `| ${result.severity} | ${checkLink(
          context,
          result.check,
        )} | ${subjectCell(subject)} | ${resultMessage(
          context,
          subject,
          result,
        )} |`,
      );
    }
    if (failing.length > MAX_FAILING_ROWS) {
      out.push(
        '',
        `…and ${
          failing.length - MAX_FAILING_ROWS
        } more failing checks; run \`readiness check\` locally for the full list.`,
      );
    }
    out.push('');
  }

  out.push(...guidanceSection(context, subjects));

  const detailed = subjects.filter(
    subject =>
      subject.type === 'workload' ||
      subject.type === 'cluster' ||
      subject.results.some(isNotable),
  );
  if (detailed.length > 0) {
    out.push('### Details', '');
  }
  let length = out.join('\n').length;
  let shown = 0;
  for (const subject of detailed) {
    const section = detailsOf(context, subject);
    if (
      shown >= MAX_DETAILED_SUBJECTS ||
      length + section.length > MAX_LENGTH
    ) {
      break;
    }
    out.push(section);
    length += section.length + 1;
    shown++;
  }
  if (shown < detailed.length) {
    out.push(
      `…and ${
        detailed.length - shown
      } more; run \`readiness check\` locally for every detail.`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
};
