import {
  entity,
  evaluate,
  goodPodSpec,
  result,
  workload,
} from '../testing/fixtures';

// A Deployment without a PDB: `pdb` fails unless exempted.
const base = (options: Parameters<typeof workload>[0] = {}) =>
  workload(options);

describe('exemptions', () => {
  it('exempts a check by workload annotation, keeping the reason and expiry', () => {
    const report = evaluate([
      base({
        annotations: {
          'prodready.dev/exempt.pdb': 'singleton by design',
          'prodready.dev/exempt-until.pdb': '2025-12-31',
        },
      }),
    ]);
    const pdb = result(report, 'pdb');
    expect(pdb.status).toBe('exempt');
    expect(pdb.exemption).toEqual({
      reason: 'singleton by design',
      until: '2025-12-31',
      source: 'workload',
    });
    expect(pdb.severity).toBe('high');
  });

  it('accepts the pod template annotation', () => {
    const report = evaluate([
      base({ podAnnotations: { 'prodready.dev/exempt.pdb': 'ok' } }),
    ]);
    expect(result(report, 'pdb').exemption?.source).toBe('pod-template');
  });

  it('ignores an exemption with an empty reason and says why', () => {
    const report = evaluate([
      base({ annotations: { 'prodready.dev/exempt.pdb': '  ' } }),
    ]);
    const pdb = result(report, 'pdb');
    expect(pdb.status).toBe('fail');
    expect(pdb.exemptionIgnored).toMatch(/reason is empty/);
  });

  it('ignores an expired exemption and says so; the last day still counts', () => {
    const expired = evaluate([
      base({
        annotations: {
          'prodready.dev/exempt.pdb': 'r',
          'prodready.dev/exempt-until.pdb': '2025-06-14',
        },
      }),
    ]);
    expect(result(expired, 'pdb').status).toBe('fail');
    expect(result(expired, 'pdb').exemptionIgnored).toMatch(
      /expired on 2025-06-14/,
    );
    const lastDay = evaluate([
      base({
        annotations: {
          'prodready.dev/exempt.pdb': 'r',
          'prodready.dev/exempt-until.pdb': '2025-06-15',
        },
      }),
    ]);
    expect(result(lastDay, 'pdb').status).toBe('exempt');
  });

  it('ignores a malformed end date', () => {
    const report = evaluate([
      base({
        annotations: {
          'prodready.dev/exempt.pdb': 'r',
          'prodready.dev/exempt-until.pdb': 'soon',
        },
      }),
    ]);
    expect(result(report, 'pdb').exemptionIgnored).toMatch(
      /not a YYYY-MM-DD date/,
    );
  });

  it('applies entity annotations to every workload and to entity checks', () => {
    const report = evaluate([base({ name: 'a' }), base({ name: 'b' })], {
      entity: entity({
        annotations: {
          'prodready.dev/exempt.pdb': 'handled by the platform',
          'prodready.dev/exempt.docs': 'internal tool',
          'backstage.io/techdocs-ref': '',
        },
      }),
    });
    expect(result(report, 'pdb', 'a').exemption?.source).toBe('entity');
    expect(result(report, 'pdb', 'b').status).toBe('exempt');
    expect(report.entity?.results.find(r => r.check === 'docs')?.status).toBe(
      'exempt',
    );
  });

  it('applies config exemptions for the matching entity only', () => {
    const config = {
      exemptions: [
        {
          entityRef: 'Component:web',
          check: 'pdb',
          reason: 'migrating',
          until: '2025-07-01',
        },
        {
          entityRef: 'component:default/other',
          check: 'replicas',
          reason: 'x',
        },
      ],
    };
    const objects = [base({ spec: { replicas: 1 } })];
    const report = evaluate(objects, { entity: entity(), config });
    expect(result(report, 'pdb').exemption).toEqual({
      reason: 'migrating',
      until: '2025-07-01',
      source: 'config',
      configKey: 'exemptions[0]',
    });
    expect(result(report, 'replicas').status).toBe('fail');
    // Without an entity there is no ref to match.
    expect(result(evaluate(objects, { config }), 'pdb').status).toBe('fail');
  });

  it('prefers a valid exemption from a less specific source over an invalid one', () => {
    const report = evaluate(
      [base({ annotations: { 'prodready.dev/exempt.pdb': '' } })],
      {
        entity: entity({
          annotations: { 'prodready.dev/exempt.pdb': 'entity-wide' },
        }),
      },
    );
    expect(result(report, 'pdb').exemption?.source).toBe('entity');
  });

  it('leaves checks that do not apply as skip', () => {
    const report = evaluate([
      base({
        annotations: { 'prodready.dev/exempt.controller-managed': 'n/a' },
      }),
    ]);
    expect(result(report, 'controller-managed').status).toBe('skip');
  });

  it('exempt results count in neither score sum', () => {
    const podSpec = goodPodSpec({ priorityClassName: undefined });
    const failing = evaluate([base({ podSpec })]).workloads[0];
    const exempted = evaluate([
      base({
        podSpec,
        annotations: {
          'prodready.dev/exempt.pdb': 'r',
          'prodready.dev/exempt.priority-class': 'r',
        },
      }),
    ]).workloads[0];
    expect(exempted.score).toBeGreaterThan(failing.score);
  });
});
