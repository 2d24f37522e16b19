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
      'exemptions[0].entityRef must be a string',
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
