import { KubeObject } from '../types';
import { evaluateReadiness } from './evaluate';
import {
  companions,
  entity,
  evaluate,
  goodContainer,
  goodPodSpec,
  NOW,
  result,
  workload,
} from '../testing/fixtures';

describe('evaluateReadiness', () => {
  it('produces the report contract', () => {
    const report = evaluate([workload(), ...companions()]);
    expect(report.evaluatedAt).toBe(NOW.toISOString());
    expect(report.summary).toEqual({
      score: 100,
      level: 'gold',
      productionReady: true,
      counts: { pass: 33, fail: 0, skip: 3, exempt: 0, error: 0 },
    });
    expect(report.entity).toBeUndefined();
    expect(report.objects).toEqual([]);
    for (const r of report.workloads[0].results) {
      expect(r).toEqual(
        expect.objectContaining({
          check: expect.any(String),
          status: expect.any(String),
          severity: expect.any(String),
          message: expect.any(String),
        }),
      );
    }
  });

  it('scores workloads and the summary, counting Ingress and ConfigMap results', () => {
    const report = evaluate([
      workload(),
      ...companions(),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web' },
        spec: {},
      },
    ]);
    expect(report.workloads[0].level).toBe('gold');
    expect(report.summary.level).toBe('silver'); // ingress-tls is medium
    expect(report.summary.counts.fail).toBe(1);
    expect(report.summary.productionReady).toBe(true);
  });

  it('applies the gate from config', () => {
    const objects = [
      workload({ spec: { replicas: 1 } }),
      ...companions().slice(0, 2),
    ];
    const silver = evaluate(objects);
    expect(silver.summary.level).toBe('bronze');
    expect(silver.summary.productionReady).toBe(false);
    expect(
      evaluate(objects, { config: { gate: 'bronze' } }).summary.productionReady,
    ).toBe(true);
  });

  it('disables checks and overrides severities', () => {
    const objects = [workload({ spec: { replicas: 1 } })];
    const report = evaluate(objects, {
      config: {
        checks: { replicas: { severity: 'low' }, pdb: { enabled: false } },
      },
    });
    expect(result(report, 'replicas')).toMatchObject({
      status: 'fail',
      severity: 'low',
    });
    expect(
      report.workloads[0].results.find(r => r.check === 'pdb'),
    ).toBeUndefined();
  });

  it('gives every workload one result per enabled workload check', () => {
    const report = evaluate([
      workload(),
      workload({ kind: 'Job', name: 'job' }),
      workload({ kind: 'Pod', name: 'pod' }),
    ]);
    for (const w of report.workloads) expect(w.results).toHaveLength(36);
  });

  it('uses the default namespace given by the caller', () => {
    const report = evaluate(
      [workload(), workload({ name: 'api', namespace: 'prod' })],
      {
        defaultNamespace: 'team-a',
      },
    );
    expect(report.workloads.map(w => w.namespace)).toEqual(['team-a', 'prod']);
  });

  it('marks an entity mapped to Kubernetes without workloads as none and not ready', () => {
    const report = evaluate([], { entity: entity() });
    expect(report.summary.level).toBe('none');
    expect(report.summary.productionReady).toBe(false);
    expect(
      report.entity?.results.find(r => r.check === 'workloads-found')?.status,
    ).toBe('fail');
  });

  it('includes entity results in the summary score', () => {
    const report = evaluate([workload(), ...companions()], {
      entity: entity({ spec: { owner: '' } }),
    });
    expect(report.summary.level).toBe('bronze');
    expect(report.summary.score).toBeLessThan(100);
  });

  it('turns an exception inside a check into an error result', () => {
    const container = goodContainer();
    Object.defineProperty(container, 'resources', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const report = evaluate([
      workload({ podSpec: goodPodSpec({ containers: [container] }) }),
    ]);
    const cpu = result(report, 'cpu-requests');
    expect(cpu.status).toBe('error');
    expect(cpu.message).toMatch(/boom/);
    expect(result(report, 'readiness-probe').status).toBe('pass');
  });

  it('tolerates garbage input', () => {
    const garbage: unknown[] = [
      null,
      42,
      'text',
      [],
      { apiVersion: 'apps/v1', kind: 'Deployment', spec: 'text' },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: { template: { spec: { containers: 'nope', volumes: 7 } } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: null,
        spec: { containers: [null, 5, { securityContext: 'x', env: {} }] },
      },
      { apiVersion: 'v1', kind: 'Service', spec: { selector: 'x' } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        spec: { tls: 'x' },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', data: 'x', binaryData: { a: 5 } },
    ];
    const report = evaluateReadiness({
      objects: garbage.map(object => ({ object: object as KubeObject })),
      entity: { kind: 'Component' } as any,
      now: NOW,
    });
    expect(report.workloads).toHaveLength(3);
    // The two Deployments have no readable containers: every container
    // check is an error on them (18 each; image-registry skips, as no
    // registries are configured), never a pass; nothing throws.
    const errors = report.workloads.map(
      w => w.results.filter(r => r.status === 'error').length,
    );
    expect(errors).toEqual([18, 18, 0]);
    expect(
      report.workloads[0].results.find(r => r.check === 'readiness-probe'),
    ).toMatchObject({
      status: 'error',
      message: expect.stringContaining('no containers'),
    });
    expect(() => evaluateReadiness(undefined as any)).not.toThrow();
  });

  it('uses defaults when config is partial or missing', () => {
    const report = evaluateReadiness({
      objects: [{ object: workload({ spec: { replicas: 2 } }) }],
      config: { gate: 'bronze' } as any,
      now: NOW,
    });
    expect(result(report, 'replicas').status).toBe('pass');
  });
});
