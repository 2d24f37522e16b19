/**
 * The config parser on the lowest zod the package declares (3.25.76, kept as
 * the `zod-lowest` devDependency), compared with the zod installed here. On
 * 3.25 the package root is the v3 API (no `z.int`), so this fails if the
 * parser ever loads zod from anywhere but a subpath both majors serve.
 */
import type { ReadinessConfig } from './config';

type Parse = (raw: unknown) => ReadinessConfig;

interface LoadedParser {
  parse: Parse;
  zodVersion: { major: number; minor: number; patch: number };
}

function loadParser(copy: 'installed' | 'lowest'): LoadedParser {
  let loaded: LoadedParser | undefined;
  jest.isolateModules(() => {
    if (copy === 'lowest') {
      jest.doMock('zod', () => jest.requireActual('zod-lowest'));
      jest.doMock('zod/v4', () => jest.requireActual('zod-lowest/v4'));
    }
    const parse: Parse = require('./config').parseReadinessConfig;
    // The parser loads zod on first use and keeps the schema: use it once
    // here, while this copy's mocks are in force.
    parse({});
    loaded = { parse, zodVersion: require('zod/v4').z.core.version };
  });
  jest.dontMock('zod');
  jest.dontMock('zod/v4');
  return loaded!;
}

function errorOf(parse: Parse, raw: unknown): string {
  try {
    parse(raw);
  } catch (error) {
    expect((error as Error).name).toBe('ReadinessConfigError');
    return (error as Error).message;
  }
  throw new Error('expected a ReadinessConfigError');
}

const VALID = {
  checks: {
    'readiness-probe': { severity: 'high' },
    'cpu-limits': { enabled: false },
  },
  minReplicas: 3,
  allowedRegistries: ['ghcr.io', 'registry.example.com/platform'],
  maxRestoreTestAgeDays: 14,
  gate: 'gold',
  exemptions: [
    {
      entityRef: 'component:payments/rate-quote',
      check: 'pdb',
      reason: 'single replica until the Q3 migration',
      until: '2027-03-31',
    },
    {
      match: {
        namespaces: ['ingress-nginx', 'cert-*'],
        kinds: ['Deployment'],
        names: ['cert-manager-?ebhook'],
        labels: { 'app.kubernetes.io/managed-by': 'Helm' },
      },
      checks: ['*'],
      reason: 'third-party chart',
    },
  ],
};

const TEAM_LABEL = {
  id: 'team-label',
  title: 'Pods carry a team label',
  category: 'operations',
  severity: 'medium',
  scope: 'workload',
  kinds: ['Deployment'],
  rule: "'team' in podTemplate.metadata.labels",
  message: 'Pods need a team label.',
};

const INVALID: Array<[unknown, string]> = [
  [
    {
      customChecks: [
        { ...TEAM_LABEL, scope: 'pod', rules: 'true' },
        { ...TEAM_LABEL, id: 'x-y', rule: 'has(podspec.x)' },
      ],
    },
    "Invalid readiness config: customChecks[0].scope must be one of workload, container, object, entity, cluster; customChecks[0] has unknown key rules; customChecks[1].rule: undeclared reference to 'podspec' (line 1, col 5), did you mean podSpec?",
  ],
  [
    { checks: { 'readyness-probe': {} } },
    'Invalid readiness config: checks.readyness-probe: "readyness-probe" is not a known check id; did you mean readiness-probe?',
  ],
  [
    { minReplicas: 1.5, gate: 'platinum' },
    'Invalid readiness config: minReplicas must be an integer, not a number; gate must be one of gold, silver, bronze, none',
  ],
  [
    { minReplicas: 0 },
    'Invalid readiness config: minReplicas must be at least 1',
  ],
  [
    { checks: { pdb: { severty: 'low' } } },
    'Invalid readiness config: checks.pdb has unknown key severty',
  ],
  [
    { allowedRegistries: 'ghcr.io' },
    'Invalid readiness config: allowedRegistries must be a list, not a string',
  ],
  [
    {
      exemptions: [
        { entityRef: 'x', check: 'pbd', reason: 'r', until: '31/12/2027' },
      ],
    },
    'Invalid readiness config: exemptions[0].check: "pbd" is not a known check id; did you mean pdb? valid ids are:',
  ],
  [
    { exemptions: [{ entityRef: '', check: 'pdb', reason: 'r' }] },
    'Invalid readiness config: exemptions[0].entityRef must not be empty',
  ],
  [
    {
      exemptions: [
        {
          match: { namespaces: ['Ops'], labels: {} },
          checks: ['*', 'pbd'],
          reason: 'r',
          entityRef: 'x',
        },
        { match: {}, checks: [], reason: 'r' },
        { match: { kinds: ['pod'] }, reason: 'r' },
      ],
    },
    'Invalid readiness config: exemptions[0]: give either entityRef and check (one entity), or match and checks (every matching object), not both; exemptions[1].match must give at least one of namespaces, kinds, names or labels',
  ],
  [
    {
      exemptions: [
        {
          match: { namespaces: ['Ops'], labels: {} },
          checks: ['*', 'pbd'],
          reason: 'r',
        },
      ],
    },
    'Invalid readiness config: exemptions[0].match.namespaces[0]: "Ops" can never match',
  ],
];

describe('parseReadinessConfig on the lowest declared zod', () => {
  const installed = loadParser('installed');
  const lowest = loadParser('lowest');

  it('really runs on zod 3.25.76 next to the installed zod 4', () => {
    expect(jest.requireActual('zod-lowest/package.json').version).toBe(
      '3.25.76',
    );
    // zod 3.25's `zod/v4` reports the v4 API it ships, 4.0.0.
    expect(lowest.zodVersion).toEqual({ major: 4, minor: 0, patch: 0 });
    expect(installed.zodVersion).not.toEqual(lowest.zodVersion);
  });

  it('parses a valid config to the same result', () => {
    const parsed = lowest.parse({ ...VALID, customChecks: [TEAM_LABEL] });
    expect(parsed.customChecks).toEqual([TEAM_LABEL]);
    expect(parsed.catalogue.ids).toEqual(
      installed.parse({ ...VALID, customChecks: [TEAM_LABEL] }).catalogue.ids,
    );
    expect(lowest.parse(VALID)).toEqual(installed.parse(VALID));
    expect(parsed.minReplicas).toBe(3);
    expect(parsed.checks['cpu-limits']).toEqual({ enabled: false });
    expect(parsed.exemptions[0].until).toBe('2027-03-31');
  });

  it.each(INVALID)('rejects %j with the same message', (raw, message) => {
    const lowestMessage = errorOf(lowest.parse, raw);
    expect(lowestMessage.startsWith(message)).toBe(true);
    expect(lowestMessage).toBe(errorOf(installed.parse, raw));
  });
});
