/**
 * The custom checks of a configuration in `readiness checks`: their entries
 * in the Markdown reference and their table in the terminal.
 */
import {
  CustomCheckConfig,
  CustomCheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import type { ReferenceChecks } from './checkReference';
import { alignColumns } from './columns';
import { isCustomCheck } from './formats/customChecks';
import { plural } from './plural';

function customDefinitions(checks: ReferenceChecks): CustomCheckDefinition[] {
  return checks.catalogue.definitions.filter(isCustomCheck);
}

/** `platform-conventions` → `Platform conventions`: a new category's heading. */
export function categoryHeading(category: string): string {
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a custom check runs on, in words. */
export function describeScope(definition: CustomCheckDefinition): string {
  const kinds = definition.kinds?.join(', ');
  switch (definition.scope) {
    case 'container':
      return kinds
        ? `each container of ${kinds} workloads`
        : 'each container of every workload';
    case 'object':
      return `${kinds ?? 'the'} objects`;
    case 'entity':
      return 'the catalog entity';
    case 'cluster':
      return 'the cluster (readiness platform)';
    default:
      return kinds ? `${kinds} workloads` : 'every workload';
  }
}

/** A CEL expression as a Markdown code block. */
function celBlock(source: string): string[] {
  const fence = source.includes('```') ? '~~~' : '```';
  return [fence, source.trimEnd(), fence];
}

/** The paragraph saying where the custom checks of the reference come from. */
export function customChecksIntro(checks: ReferenceChecks): string[] {
  const count = customDefinitions(checks).length;
  if (count === 0) return [];
  const from = checks.file ? ` of \`${checks.file}\`` : '';
  return [
    `This reference includes the ${plural(
      count,
      'custom check',
    )}${from}, marked _custom_: the platform team's own rules, written in CEL.`,
    '',
  ];
}

/** The Markdown entry of a custom check, as built-in entries are laid out. */
export function customCheckEntry(
  definition: CustomCheckDefinition,
  configs: readonly CustomCheckConfig[],
): string[] {
  const config = configs.find(entry => entry.id === definition.id);
  const lines = [
    `### ${definition.docsAnchor}`,
    '',
    `**${definition.title}** · severity ${
      definition.severity
    } · _custom_, scope ${definition.scope} · evaluated on ${describeScope(
      definition,
    )}`,
    '',
  ];
  if (config?.when) {
    lines.push('_Runs when._', '', ...celBlock(config.when), '');
  }
  if (config) {
    lines.push('_Passes when._', '', ...celBlock(config.rule), '');
    lines.push(`_On failure._ ${config.message}`, '');
  }
  const remediation = definition.remediation.trim();
  if (remediation) {
    lines.push('_How to fix._', '', remediation, '');
  }
  if (definition.docsUrl) {
    lines.push(`_Documentation._ ${definition.docsUrl}`, '');
  }
  return lines;
}

/** The custom checks as a terminal table, after the built-in one. */
export function customChecksTable(checks: ReferenceChecks): string {
  const definitions = customDefinitions(checks);
  if (definitions.length === 0) return '';
  const rows = definitions.map(c => [
    c.id,
    c.severity,
    c.category,
    c.scope,
    c.kinds?.join(',') ?? (c.scope === 'entity' ? '-' : 'all workloads'),
    c.title,
    c.docsUrl ?? '',
  ]);
  const title = `\nCustom checks${checks.file ? ` (${checks.file})` : ''}:\n`;
  return `${title}${alignColumns([
    ['CHECK', 'SEVERITY', 'CATEGORY', 'SCOPE', 'KINDS', 'TITLE', 'DOCS'],
    ...rows,
  ])}`;
}
