import { CheckCatalogue } from './checks/CheckCatalogue';
import { parseReadinessConfig, ReadinessConfigError } from './config';

function errorOf(raw: unknown): string {
  try {
    parseReadinessConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ReadinessConfigError);
    expect((error as Error).name).toBe('ReadinessConfigError');
    return (error as Error).message;
  }
  throw new Error('expected a ReadinessConfigError');
}

describe('parseReadinessConfig', () => {
  it('fills in defaults', () => {
    expect(parseReadinessConfig(undefined)).toEqual({
      checks: {},
      minReplicas: 2,
      allowedRegistries: undefined,
      maxRestoreTestAgeDays: 30,
      gate: 'silver',
      exemptions: [],
      customChecks: [],
      catalogue: CheckCatalogue.builtIn,
      platform: {
        systemNamespaces: [],
        signatures: {},
        provided: {},
        maxBackupAgeHours: 48,
        workloadsReadyShare: 0.8,
      },
    });
    expect(parseReadinessConfig({}).gate).toBe('silver');
  });

  it('accepts a full config and ignores keys it does not own', () => {
    const config = parseReadinessConfig({
      checks: {
        'readiness-probe': { severity: 'high' },
        'cpu-limits': { enabled: false },
      },
      minReplicas: 3,
      allowedRegistries: ['ghcr.io'],
      maxRestoreTestAgeDays: 7,
      gate: 'gold',
      exemptions: [
        {
          entityRef: 'component:default/web',
          check: 'pdb',
          reason: 'singleton',
          until: '2025-12-31',
        },
      ],
      schedule: { frequency: { minutes: 30 } },
    });
    expect(config.checks['cpu-limits']).toEqual({ enabled: false });
    expect(config.minReplicas).toBe(3);
    expect(config.exemptions[0].until).toBe('2025-12-31');
  });

  it.each([
    [
      { checks: { 'readiness-probe': { severity: 'urgent' } } },
      'checks.readiness-probe.severity must be one of critical, high, medium, low',
    ],
    [
      { checks: { 'readyness-probe': {} } },
      '"readyness-probe" is not a known check id; did you mean readiness-probe?',
    ],
    [
      { checks: { pdb: { enabled: 'yes' } } },
      'checks.pdb.enabled must be a boolean',
    ],
    [
      { checks: { pdb: { severty: 'low' } } },
      'checks.pdb has unknown key severty',
    ],
    [{ minReplicas: 0 }, 'minReplicas must be at least 1'],
    [{ minReplicas: 1.5 }, 'minReplicas must be an integer'],
    [{ maxRestoreTestAgeDays: 'soon' }, 'maxRestoreTestAgeDays must be a'],
    [{ gate: 'platinum' }, 'gate must be one of gold, silver, bronze, none'],
    [
      { allowedRegistries: 'ghcr.io' },
      'allowedRegistries must be a list, not a string',
    ],
    [
      {
        exemptions: [
          { entityRef: 'x', check: 'pdb', reason: 'r', until: '31/12/2025' },
        ],
      },
      'exemptions[0].until must be a date written as YYYY-MM-DD',
    ],
    [
      { exemptions: [{ entityRef: 'x', check: 'pbd', reason: 'r' }] },
      'exemptions[0].check: "pbd" is not a known check id; did you mean pdb?',
    ],
    [
      { exemptions: [{ check: 'pdb', reason: 'r' }] },
      'exemptions[0].entityRef is missing; it must be a string',
    ],
    ['nope', 'readiness config must be an object'],
  ])('rejects %j', (raw, message) => {
    expect(errorOf(raw)).toContain(message);
  });

  it('lists valid ids for an unknown check', () => {
    expect(errorOf({ checks: { whatever: {} } })).toContain(
      'valid ids are: readiness-probe, liveness-probe',
    );
  });

  it('allows an exemption with an empty reason (reported as ignored at evaluation)', () => {
    expect(
      parseReadinessConfig({
        exemptions: [{ entityRef: 'x', check: 'pdb', reason: '' }],
      }).exemptions,
    ).toHaveLength(1);
  });
});

describe('parseReadinessConfig: exemptions that match many workloads', () => {
  const thirdParty = {
    match: {
      namespaces: ['ingress-nginx', 'cert-*'],
      kinds: ['Deployment', 'DaemonSet'],
      names: ['cert-manager-*'],
      labels: { 'app.kubernetes.io/managed-by': 'Helm' },
    },
    checks: ['*'],
    reason: 'third-party chart, reviewed by the platform team',
    until: '2027-03-31',
  };
  const matchEntry = (overrides: Record<string, unknown>) => ({
    exemptions: [
      { match: { namespaces: ['ops'] }, checks: ['pdb'], reason: 'r' },
      {
        match: { namespaces: ['ops'] },
        checks: ['pdb'],
        reason: 'r',
        ...overrides,
      },
    ],
  });
  const withMatch = (match: Record<string, unknown>) => matchEntry({ match });

  it('accepts the match form next to the per-entity form, as written', () => {
    const config = parseReadinessConfig({
      exemptions: [
        { entityRef: 'component:default/web', check: 'pdb', reason: 'r' },
        thirdParty,
        {
          match: { labels: { team: 'vendor' } },
          checks: ['pdb', 'replicas'],
          reason: 'r',
        },
      ],
    });
    expect(config.exemptions).toEqual([
      { entityRef: 'component:default/web', check: 'pdb', reason: 'r' },
      thirdParty,
      {
        match: { labels: { team: 'vendor' } },
        checks: ['pdb', 'replicas'],
        reason: 'r',
      },
    ]);
  });

  it.each([
    [
      withMatch({}),
      'exemptions[1].match must give at least one of namespaces, kinds, names or labels',
    ],
    [
      withMatch({ namespaces: [] }),
      'exemptions[1].match.namespaces must not be empty',
    ],
    [
      withMatch({ namespaces: [''] }),
      'exemptions[1].match.namespaces[0] must not be empty',
    ],
    [
      withMatch({ namespaces: ['ops', 'Ingress-Nginx'] }),
      'exemptions[1].match.namespaces[1]: "Ingress-Nginx" can never match: namespace names hold only lowercase letters, digits and "-"',
    ],
    [
      withMatch({ namespaces: ['team-[ab]'] }),
      'exemptions[1].match.namespaces[0]: "team-[ab]" uses "[": only * (any run of characters) and ? (one character) are wildcards',
    ],
    [
      withMatch({ names: ['{web,api}'] }),
      'exemptions[1].match.names[0]: "{web,api}" uses "{": only *',
    ],
    [
      withMatch({ names: ['cert-manager/webhook'] }),
      'exemptions[1].match.names[0]: "cert-manager/webhook" holds a "/": give the name alone and the namespace in match.namespaces',
    ],
    [
      withMatch({ names: ['Web'] }),
      'exemptions[1].match.names[0]: "Web" can never match: object names hold only lowercase letters, digits, "-" and "."',
    ],
    [
      withMatch({ kinds: ['Deploy*'] }),
      'exemptions[1].match.kinds[0]: "Deploy*": kinds are matched exactly, without wildcards; leave kinds out to match every kind',
    ],
    [
      withMatch({ kinds: ['deployment'] }),
      'exemptions[1].match.kinds[0]: "deployment": kinds are case-sensitive; did you mean Deployment?',
    ],
    [
      withMatch({ kinds: ['apps/v1/Deployment'] }),
      'exemptions[1].match.kinds[0]: "apps/v1/Deployment" is not a Kubernetes kind',
    ],
    [
      withMatch({ labels: {} }),
      'exemptions[1].match.labels must name at least one label',
    ],
    [
      withMatch({ labels: { 'team name': 'x' } }),
      'exemptions[1].match.labels.team name: "team name" is not a label key',
    ],
    [
      withMatch({ labels: { team: 'a b' } }),
      'exemptions[1].match.labels.team: "a b" can never match: label values hold only letters, digits, "-", "_" and "."',
    ],
    [
      withMatch({ labels: { tier: 1 } }),
      'exemptions[1].match.labels.tier must be a string, not a number',
    ],
    [
      withMatch({ namespace: ['ops'] }),
      'exemptions[1].match has unknown key namespace',
    ],
    [
      matchEntry({ checks: ['pbd'] }),
      'exemptions[1].checks[0]: "pbd" is not a known check id; did you mean pdb?',
    ],
    [
      matchEntry({ checks: ['*', 'pdb'] }),
      'exemptions[1].checks[0]: "*" already means every check: write ["*"] alone, or list ids',
    ],
    [matchEntry({ checks: [] }), 'exemptions[1].checks must not be empty'],
    [
      matchEntry({ checks: '*' }),
      'exemptions[1].checks must be a list, not a string',
    ],
    [
      { exemptions: [{ match: { namespaces: ['ops'] }, reason: 'r' }] },
      'exemptions[0].checks is missing; it must be a list',
    ],
    [
      { exemptions: [{ checks: ['pdb'], reason: 'r' }] },
      'exemptions[0].match is missing; it must be an object',
    ],
    [
      matchEntry({ until: '2027-02-30' }),
      'exemptions[1].until must be a date written as YYYY-MM-DD',
    ],
    [
      matchEntry({ entityRef: 'component:default/web' }),
      'exemptions[1]: give either entityRef and check (one entity), or match and checks (every matching object), not both',
    ],
  ])('rejects %j', (raw, message) => {
    expect(errorOf(raw)).toContain(message);
  });

  it('reports every bad entry and key, not only the first', () => {
    const message = errorOf({
      exemptions: [
        {
          match: { namespaces: ['Ops'], kinds: ['pod'] },
          checks: ['pbd'],
          reason: 'r',
        },
        { entityRef: 'component:default/web', check: 'replica', reason: 'r' },
      ],
    });
    expect(message).toContain('exemptions[0].match.namespaces[0]: "Ops"');
    expect(message).toContain('exemptions[0].match.kinds[0]: "pod"');
    expect(message).toContain('exemptions[0].checks[0]: "pbd"');
    expect(message).toContain('exemptions[1].check: "replica"');
  });

  it('allows a match exemption with an empty reason (reported as ignored at evaluation)', () => {
    expect(
      parseReadinessConfig(matchEntry({ reason: '' })).exemptions,
    ).toHaveLength(2);
  });
});
