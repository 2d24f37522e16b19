import { CheckResult } from '@prodready/backstage-plugin-readiness-common';
import {
  countStatuses,
  describeExemption,
  findingLocation,
  locationOf,
  subjectsOf,
  Subject,
} from './shared';
import { definitionOf, isCustomCheck } from './customChecks';
import type { FormatContext, Formatter } from './types';

/** Escapes text for XML attributes and content; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attributes(values: Record<string, string | number | undefined>) {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function findingsText(
  context: FormatContext,
  subject: Subject,
  result: CheckResult,
): string {
  const lines = [result.message];
  for (const finding of result.findings ?? []) {
    const where = locationOf(findingLocation(context, subject, finding));
    lines.push(
      `- ${finding.path}: ${finding.message}${where ? ` (${where})` : ''}`,
    );
  }
  // A custom check has no reference entry: its own guidance goes along.
  const definition = definitionOf(context, result.check);
  if (isCustomCheck(definition)) {
    const remediation = definition.remediation.trim();
    if (remediation) lines.push('', `How to fix: ${remediation}`);
    if (definition.docsUrl) lines.push('', `Docs: ${definition.docsUrl}`);
  }
  return lines.join('\n');
}

function testcase(
  context: FormatContext,
  subject: Subject,
  result: CheckResult,
): string {
  const open = `    <testcase${attributes({
    name: result.check,
    classname: subject.title,
    file: subject.file,
    time: 0,
  })}`;
  switch (result.status) {
    case 'fail':
      return `${open}>\n      <failure${attributes({
        message: result.message,
        type: result.severity,
      })}>${escapeXml(
        findingsText(context, subject, result),
      )}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error${attributes({
        message: result.message,
        type: 'error',
      })}/>\n    </testcase>`;
    case 'exempt':
      return `${open}>\n      <skipped${attributes({
        message: `exempt: ${describeExemption(result) ?? result.message}`,
      })}/>\n    </testcase>`;
    case 'skip':
      return `${open}>\n      <skipped${attributes({
        message: result.message,
      })}/>\n    </testcase>`;
    default:
      return `${open}/>`;
  }
}

/**
 * JUnit XML, which most CI systems display: one test suite per workload,
 * object and entity, one test case per check; `failure` for a failing check,
 * `skipped` for a skipped or exempt one, `error` when it could not be
 * evaluated.
 */
export const formatJunit: Formatter = context => {
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const subject of subjectsOf(context)) {
    const counts = countStatuses(subject.results);
    const tests = subject.results.length;
    const skipped = counts.skip + counts.exempt;
    total.tests += tests;
    total.failures += counts.fail;
    total.errors += counts.error;
    total.skipped += skipped;
    const properties: string[] = [];
    if (subject.score !== undefined) {
      properties.push(
        `      <property${attributes({
          name: 'score',
          value: subject.score,
        })}/>`,
      );
    }
    if (subject.level !== undefined) {
      properties.push(
        `      <property${attributes({
          name: 'level',
          value: subject.level,
        })}/>`,
      );
    }
    if (subject.line !== undefined) {
      properties.push(
        `      <property${attributes({ name: 'line', value: subject.line })}/>`,
      );
    }
    suites.push(
      [
        `  <testsuite${attributes({
          name: subject.title,
          tests,
          failures: counts.fail,
          errors: counts.error,
          skipped,
          time: 0,
          file: subject.file,
        })}>`,
        ...(properties.length > 0
          ? ['    <properties>', ...properties, '    </properties>']
          : []),
        ...subject.results.map(result => testcase(context, subject, result)),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const unreadable = context.inputErrors ?? [];
  if (unreadable.length > 0) {
    total.tests += unreadable.length;
    total.errors += unreadable.length;
    suites.push(
      [
        `  <testsuite${attributes({
          name: 'Unreadable inputs',
          tests: unreadable.length,
          failures: 0,
          errors: unreadable.length,
          skipped: 0,
          time: 0,
        })}>`,
        ...unreadable.map(
          error =>
            `    <testcase${attributes({
              name:
                error.line === undefined
                  ? error.file
                  : `${error.file}:${error.line}`,
              classname: 'Unreadable inputs',
              file: error.file,
              time: 0,
            })}>\n      <error${attributes({
              message: error.message,
              type: 'unreadable-input',
            })}/>\n    </testcase>`,
        ),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const { summary, evaluatedAt } = context.report;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name: `readiness: score ${summary.score}, level ${summary.level}`,
      tests: total.tests,
      failures: total.failures,
      errors: total.errors,
      skipped: total.skipped,
      time: 0,
      timestamp: evaluatedAt,
    })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
