import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_READINESS_CONFIG,
  evaluateReadiness,
  parseManifests,
} from '@prodready/backstage-plugin-readiness-common';
import { compactReport, reportAt, summaryReport } from './compactReport';
import { deploymentYaml } from './testManifests';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: checkout
  namespace: shop
  labels: { backstage.io/kubernetes-id: checkout }
spec:
  rules:
    - host: checkout.acme.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: checkout, port: { number: 80 } } }
`;

const ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
};

function fullReport() {
  const { objects } = parseManifests(
    `${deploymentYaml('checkout')}---\n${INGRESS}`,
    { file: 'checkout.yaml' },
  );
  return evaluateReadiness({
    objects,
    entity: ENTITY,
    config: {
      ...DEFAULT_READINESS_CONFIG,
      exemptions: [
        {
          entityRef: 'component:default/checkout',
          check: 'priority-class',
          reason: 'Runs on a dedicated node pool',
        },
      ],
    },
    now: new Date('2026-12-01T00:00:00Z'),
  });
}

describe('compactReport', () => {
  it('keeps every result that is not pass or skip, and the rest as ids', () => {
    const full = fullReport();
    const compact = compactReport(full);
    expect(compact.summary).toEqual(full.summary);

    const [workload] = full.workloads;
    const [short] = compact.workloads;
    expect(short).toMatchObject({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'checkout',
      file: 'checkout.yaml',
      score: workload.score,
      level: workload.level,
    });
    const byStatus = (status: string) =>
      workload.results.filter(r => r.status === status);
    expect(short.results).toEqual(
      workload.results.filter(r => r.status !== 'pass' && r.status !== 'skip'),
    );
    expect(short.passed).toEqual(byStatus('pass').map(r => r.check));
    expect(short.skipped).toEqual(byStatus('skip').map(r => r.check));
    expect(short.counts.exempt).toBe(1);
    expect(short.results.find(r => r.check === 'priority-class')).toMatchObject(
      {
        status: 'exempt',
        exemption: { reason: 'Runs on a dedicated node pool' },
      },
    );

    // The Ingress and the entity carry results of their own.
    expect(compact.objects).toEqual([
      expect.objectContaining({
        kind: 'Ingress',
        name: 'checkout',
        results: [
          expect.objectContaining({ check: 'ingress-tls', status: 'fail' }),
        ],
        passed: [],
      }),
    ]);
    expect(compact.entity?.ref).toBe('component:default/checkout');
    expect(compact.entity?.passed).toContain('owner');
    expect(compact.entity?.results.map(r => r.check)).toContain('runbook');
  });

  it('summarises each subject as counts and failing check ids', () => {
    const full = fullReport();
    const summary = summaryReport(full);
    const [workload] = summary.workloads;
    expect(workload.failing).toEqual(
      full.workloads[0].results
        .filter(r => r.status === 'fail' || r.status === 'error')
        .map(r => r.check),
    );
    expect(workload.exempt).toEqual(['priority-class']);
    expect(workload).not.toHaveProperty('results');
    expect(summary.objects[0].failing).toEqual(['ingress-tls']);
  });

  it('gives the full report as it is', () => {
    const full = fullReport();
    expect(reportAt(full, 'full')).toBe(full);
    expect(reportAt(full, 'compact')).toMatchObject({ detail: 'compact' });
    expect(reportAt(full, 'summary')).toMatchObject({ detail: 'summary' });
  });
});
