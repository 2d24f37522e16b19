import { KubeObject } from '../../types';
import { check, entity, evaluate, workload } from '../../testing/fixtures';

const policy = (
  spec: Record<string, unknown>,
  namespace?: string,
): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np', ...(namespace ? { namespace } : {}) },
  spec: { podSelector: { matchLabels: { app: 'web' } }, ...spec },
});

describe('network-policy', () => {
  it.each([
    [{ policyTypes: ['Ingress'] }, 'pass'],
    [{}, 'pass'],
    [{ policyTypes: ['Egress'] }, 'fail'],
    [{ policyTypes: ['Ingress'], podSelector: {} }, 'pass'],
    [
      {
        policyTypes: ['Ingress'],
        podSelector: { matchLabels: { app: 'other' } },
      },
      'fail',
    ],
    [
      {
        policyTypes: ['Ingress'],
        podSelector: {
          matchExpressions: [
            { key: 'app', operator: 'In', values: ['web', 'api'] },
          ],
        },
      },
      'pass',
    ],
  ])('%j → %s', (spec, expected) => {
    expect(check('network-policy', workload(), [policy(spec)]).status).toBe(
      expected,
    );
  });

  it('fails without a policy or with one in another namespace', () => {
    expect(check('network-policy', workload()).status).toBe('fail');
    expect(
      check('network-policy', workload(), [policy({}, 'other')]).status,
    ).toBe('fail');
  });
});

describe('network-policy-egress', () => {
  it('requires Egress listed in policyTypes', () => {
    expect(
      check('network-policy-egress', workload(), [
        policy({ policyTypes: ['Egress'] }),
      ]).status,
    ).toBe('pass');
    expect(
      check('network-policy-egress', workload(), [
        policy({ policyTypes: ['Ingress'] }),
      ]).status,
    ).toBe('fail');
    // Without policyTypes, Kubernetes applies a policy to Egress exactly
    // when it has egress rules.
    expect(
      check('network-policy-egress', workload(), [policy({ egress: [{}] })])
        .status,
    ).toBe('pass');
    expect(
      check('network-policy-egress', workload(), [policy({ ingress: [{}] })])
        .status,
    ).toBe('fail');
  });
});

describe('ingress-tls', () => {
  const ingress = (
    name: string,
    spec: Record<string, unknown>,
    labels?: Record<string, string>,
  ): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec,
  });
  const service = (
    name: string,
    selector?: Record<string, string>,
  ): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: selector ? { selector } : {},
  });
  const route = (serviceName: string) => ({
    rules: [
      {
        http: {
          paths: [
            {
              path: '/',
              backend: { service: { name: serviceName, port: { number: 80 } } },
            },
          ],
        },
      },
    ],
  });

  it('checks every Ingress in the input when there is no entity', () => {
    const report = evaluate([
      ingress('secure', {
        ...route('x'),
        tls: [{ hosts: ['a'], secretName: 's' }],
      }),
      ingress('plain', route('y')),
    ]);
    expect(
      report.objects.map(o => [
        o.name,
        o.results[0].check,
        o.results[0].status,
      ]),
    ).toEqual([
      ['secure', 'ingress-tls', 'pass'],
      ['plain', 'ingress-tls', 'fail'],
    ]);
    expect(report.objects[1].results[0].findings?.[0].path).toBe('spec.tls');
  });

  it('with an entity, checks Ingresses routing to its pods or carrying its labels', () => {
    const report = evaluate(
      [
        workload({
          labels: { app: 'web', 'backstage.io/kubernetes-id': 'web' },
        }),
        service('web-svc', { app: 'web' }),
        service('other-svc', { app: 'other' }),
        ingress('routed', route('web-svc')),
        ingress('legacy', {
          backend: { serviceName: 'web-svc', servicePort: 80 },
        }),
        ingress('labelled', route('nothing'), {
          'backstage.io/kubernetes-id': 'web',
        }),
        ingress('foreign', route('other-svc')),
      ],
      { entity: entity() },
    );
    expect(report.objects.map(o => o.name).sort()).toEqual([
      'labelled',
      'legacy',
      'routed',
    ]);
  });
});
