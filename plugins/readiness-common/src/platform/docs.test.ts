/**
 * docs/platform-checks.md shows the signature table and documents every
 * platform check: this test keeps both in step with the data, so the docs
 * cannot rot when a signature or a check is added.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseReadinessConfig } from '../config';
import { PLATFORM_CHECK_DEFINITIONS } from './catalogue';
import { KUBERNETES_RELEASES } from './releases';
import { PLATFORM_SIGNATURES } from './signatures';

const DOC = path.resolve(__dirname, '../../../../docs/platform-checks.md');
const text = fs.readFileSync(DOC, 'utf8');

const cell = (values: readonly string[] | undefined) =>
  values && values.length > 0 ? values.map(v => `\`${v}\``).join(', ') : '';

/** The signature table's rows as the doc must show them, cell by cell. */
function signatureRows(): string[][] {
  return Object.entries(PLATFORM_SIGNATURES).map(([id, s]) => [
    `\`${id}\``,
    cell(s.images),
    cell(s.crds),
    cell(s.kinds),
    cell(s.workloads),
  ]);
}

/** The rows of the first table after a heading, cells trimmed (prettier pads them). */
function tableAfter(heading: string): string[][] {
  const start = text.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = text.slice(start).split('\n');
  const first = lines.findIndex(line => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map(c => c.trim()),
    );
  }
  return rows;
}

describe('docs/platform-checks.md', () => {
  it('shows the signature table of the engine', () => {
    expect(tableAfter('## Signatures')).toEqual(signatureRows());
  });

  it('documents every platform check under its id, with its category and severity', () => {
    for (const check of PLATFORM_CHECK_DEFINITIONS) {
      expect(text).toContain(
        `### ${check.id}\n\n**${check.title}** · ${check.category} · severity ${check.severity}`,
      );
    }
  });

  it('shows the version table of the engine', () => {
    expect(tableAfter('### kubernetes-version')).toEqual(
      [...KUBERNETES_RELEASES].reverse().map(r => [r.minor, r.released]),
    );
  });

  it('has configuration examples that load', () => {
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m =>
      parse(m[1]),
    );
    const configs = blocks.filter(block => block?.readiness);
    expect(configs.length).toBeGreaterThan(0);
    for (const block of configs) {
      expect(() =>
        parseReadinessConfig(block.readiness, { keyPrefix: 'readiness' }),
      ).not.toThrow();
    }
  });
});
