import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CHECK_DEFINITIONS,
  CheckDefinition,
  CheckResult,
  Finding,
  PLATFORM_CHECK_DEFINITIONS,
  Severity,
} from '@prodready/backstage-plugin-readiness-common';
import {
  docsLink,
  findingLocation,
  objectTitle,
  subjectsOf,
  Subject,
} from './shared';
import { customChecksRun, isCustomCheck } from './customChecks';
import type { FormatContext, Formatter } from './types';

type SarifLevel = 'error' | 'warning' | 'note';

/** critical/high → error, medium → warning, low → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    default:
      return 'note';
  }
}

/** GitHub's `security-severity` scale (0-10) for security alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.0',
  high: '7.0',
  medium: '5.0',
  low: '3.0',
};

const SECURITY_CATEGORIES = new Set(['security', 'secrets', 'supply-chain']);

/** `readiness-probe` → `ReadinessProbe`, the SARIF rule's friendly name. */
function ruleName(id: string): string {
  return id
    .split('-')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function ruleOf(definition: CheckDefinition, context: FormatContext) {
  const custom = isCustomCheck(definition);
  const tags = [
    'kubernetes',
    definition.target === 'cluster'
      ? 'platform-readiness'
      : 'production-readiness',
    definition.category,
  ];
  if (SECURITY_CATEGORIES.has(definition.category)) {
    tags.push('security');
  }
  if (custom) {
    tags.push('custom');
  }
  const helpUri = docsLink(context, definition.id);
  return {
    id: definition.id,
    name: ruleName(definition.id),
    shortDescription: { text: definition.title },
    ...(definition.rationale
      ? { fullDescription: { text: definition.rationale } }
      : {}),
    ...helpOf(definition),
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(definition.severity) },
    properties: {
      category: definition.category,
      tags,
      // Custom checks are the platform team's rules: the tool cannot vouch
      // for how precise they are.
      ...(custom ? {} : { precision: 'very-high' }),
      ...(SECURITY_CATEGORIES.has(definition.category)
        ? { 'security-severity': SECURITY_SEVERITY[definition.severity] }
        : {}),
    },
  };
}

/**
 * A rule's help: the remediation and its YAML snippet for a built-in check,
 * a custom check's remediation (Markdown already), or none.
 */
function helpOf(definition: CheckDefinition) {
  if (isCustomCheck(definition)) {
    const remediation = definition.remediation.trim();
    return remediation
      ? { help: { text: remediation, markdown: remediation } }
      : {};
  }
  return {
    help: {
      text: `${definition.remediation}\n\n${definition.remediationSnippet}`,
      markdown: `${definition.remediation}\n\n\`\`\`yaml\n${definition.remediationSnippet}\n\`\`\``,
    },
  };
}

/**
 * A file name as a SARIF artifact URI: relative paths stay relative (to the
 * directory the CLI ran in, normally the repository root), with forward
 * slashes; absolute paths become `file:` URLs.
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) {
    return pathToFileURL(file).href;
  }
  if (/^<.*>$/.test(file)) {
    return file.slice(1, -1); // <stdin> → stdin
  }
  const relative = file
    .split(path.sep)
    .join('/')
    .replace(/^(\.\/)+/, '');
  return encodeURI(relative).replace(/[?#]/g, encodeURIComponent);
}

function physicalLocation(file: string, line: number | undefined) {
  const artifactLocation: Record<string, unknown> = {
    uri: artifactUri(file),
  };
  if (!path.isAbsolute(file)) {
    artifactLocation.uriBaseId = '%SRCROOT%';
  }
  return {
    artifactLocation,
    ...(line === undefined ? {} : { region: { startLine: line } }),
  };
}

function logicalLocation(subject: Subject, finding?: Finding) {
  const ref = finding?.object ?? subject.ref;
  if (ref) {
    return {
      name: ref.name,
      fullyQualifiedName: ref.namespace
        ? `${ref.namespace}/${ref.kind}/${ref.name}`
        : `${ref.kind}/${ref.name}`,
      kind: 'object',
    };
  }
  return subject.type === 'cluster'
    ? {
        fullyQualifiedName: subject.title.replace(/^Cluster /, ''),
        kind: 'cluster',
      }
    : {
        fullyQualifiedName: subject.title.replace(/^Entity /, ''),
        kind: 'entity',
      };
}

/**
 * Where a result points: the file of the object the finding is about (a
 * related PodDisruptionBudget has its own), at the line of the field it
 * names when the reader knows it, else where the object starts.
 */
function locationOf(
  context: FormatContext,
  subject: Subject,
  finding?: Finding,
) {
  const { file, line } = findingLocation(context, subject, finding);
  const logical = logicalLocation(subject, finding);
  if (!file) {
    return { logicalLocations: [logical] };
  }
  const artifact = context.artifactFileOf?.(file) ?? file;
  return {
    // A folder (a rendered kustomization) has no lines: its kustomization
    // file is named instead, at no line.
    physicalLocation: physicalLocation(
      artifact,
      artifact === file ? line : undefined,
    ),
    logicalLocations: [logical],
  };
}

function resultOf(
  context: FormatContext,
  subject: Subject,
  result: CheckResult,
  finding: Finding | undefined,
  ruleIndex: number,
) {
  const detail = finding
    ? `${finding.message} (${
        finding.object ? `${objectTitle(finding.object)}: ` : ''
      }${finding.path})`
    : result.message;
  const location = locationOf(context, subject, finding);
  return {
    ruleId: result.check,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: sarifLevel(result.severity),
    message: { text: `${subject.title}: ${detail}` },
    locations: [location],
    partialFingerprints: {
      // The file is part of the identity: the same object name in two
      // overlays (or two charts) is two alerts, not one.
      'readinessFinding/v2': [
        result.check,
        subject.title,
        finding?.object ? objectTitle(finding.object) : '',
        finding?.path ?? '',
        findingLocation(context, subject, finding).file ?? '',
      ].join('|'),
    },
    properties: { severity: result.severity },
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check of the
 * catalogue and per custom check that ran, one result per failing finding (or per failing check without
 * findings), located at the file of the object the finding is about and
 * the line of the field it names (else the line the object starts on).
 * A cluster's results without a finding point at its dump (the first
 * file read), its findings at the dumped object they name.
 * Unreadable inputs are error notifications.
 * Checks that could not be evaluated are reported as tool notifications.
 */
export const formatSarif: Formatter = context => {
  const rules: CheckDefinition[] = [
    ...(context.cluster ? PLATFORM_CHECK_DEFINITIONS : CHECK_DEFINITIONS),
    ...customChecksRun(context),
  ];
  const ruleIndex = new Map(
    rules.map((definition, index) => [definition.id, index]),
  );
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const subject of subjectsOf(context)) {
    for (const result of subject.results) {
      if (result.status === 'fail') {
        const index = ruleIndex.get(result.check) ?? -1;
        if (result.findings && result.findings.length > 0) {
          for (const finding of result.findings) {
            results.push(resultOf(context, subject, result, finding, index));
          }
        } else {
          results.push(resultOf(context, subject, result, undefined, index));
        }
      } else if (result.status === 'error') {
        notifications.push({
          level: 'warning',
          message: {
            text: `${subject.title}: ${result.check}: ${result.message}`,
          },
          descriptor: { id: result.check },
          locations: [locationOf(context, subject)],
        });
      }
    }
  }
  for (const error of context.inputErrors ?? []) {
    notifications.push({
      level: 'error',
      message: { text: `${error.file}: ${error.message}` },
      descriptor: { id: 'unreadable-input' },
      locations: [
        { physicalLocation: physicalLocation(error.file, error.line) },
      ],
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'readiness',
            fullName: 'Production readiness checks',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: context.docsUrl,
            rules: rules.map(definition => ruleOf(definition, context)),
          },
        },
        invocations: [
          {
            executionSuccessful: (context.inputErrors ?? []).length === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
        properties: {
          score: context.report.summary.score,
          level: context.report.summary.level,
          productionReady: context.report.summary.productionReady,
          gatePassed: context.gate.passed,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
