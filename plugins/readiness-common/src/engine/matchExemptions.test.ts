import { KubeObject, ReadinessReport } from '../types';
import { entity, evaluate, result, workload } from '../testing/fixtures';

// `workload()` alone fails `pdb` (no PodDisruptionBudget among the
// inputs); `spec: { replicas: 1 }` makes `replicas` fail too.
const failingTwice = (options: Parameters<typeof workload>[0] = {}) =>
  workload({ ...options, spec: { replicas: 1 } });

const matchExemption = (
  match: Record<string, unknown>,
  checks: string[] = ['*'],
  extra: Record<string, unknown> = {},
) => ({ match, checks, reason: 'third-party chart', ...extra });

const statusOf = (report: ReadinessReport, check: string, name: string) =>
  result(report, check, name).status;

describe('match exemptions', () => {
  it('exempts workloads whose namespace matches a glob, and no others', () => {
    const report = evaluate(
      [
        failingTwice({ name: 'a', namespace: 'cert-manager' }),
        failingTwice({ name: 'b', namespace: 'cert-manager-system' }),
        failingTwice({ name: 'c', namespace: 'shop' }),
        failingTwice({ name: 'd', namespace: 'xcert-manager' }),
      ],
      { config: { exemptions: [matchExemption({ namespaces: ['cert-*'] })] } },
    );
    expect(statusOf(report, 'pdb', 'a')).toBe('exempt');
    expect(statusOf(report, 'replicas', 'b')).toBe('exempt');
    expect(statusOf(report, 'pdb', 'c')).toBe('fail');
    expect(statusOf(report, 'pdb', 'd')).toBe('fail');
  });

  it('matches namespaces given without a namespace in the manifest against the default one', () => {
    const config = {
      exemptions: [matchExemption({ namespaces: ['default'] })],
    };
    expect(statusOf(evaluate([failingTwice()], { config }), 'pdb', 'web')).toBe(
      'exempt',
    );
    expect(
      statusOf(
        evaluate([failingTwice()], { config, defaultNamespace: 'shop' }),
        'pdb',
        'web',
      ),
    ).toBe('fail');
  });

  it('limits an exemption to the kinds listed', () => {
    const report = evaluate(
      [
        failingTwice({ name: 'agent', kind: 'StatefulSet', namespace: 'ops' }),
        failingTwice({ name: 'api', namespace: 'ops' }),
      ],
      {
        config: {
          exemptions: [
            matchExemption({ namespaces: ['ops'], kinds: ['StatefulSet'] }),
          ],
        },
      },
    );
    expect(statusOf(report, 'pdb', 'agent')).toBe('exempt');
    expect(statusOf(report, 'pdb', 'api')).toBe('fail');
  });

  it('matches names with * and ?', () => {
    const names = [
      'cert-manager-webhook',
      'cert-manager-',
      'cert-manager',
      'web-1',
      'web-12',
    ];
    const report = evaluate(
      names.map(name => failingTwice({ name })),
      {
        config: {
          exemptions: [matchExemption({ names: ['cert-manager-*', 'web-?'] })],
        },
      },
    );
    expect(names.map(name => statusOf(report, 'pdb', name))).toEqual([
      'exempt',
      'exempt',
      'fail',
      'exempt',
      'fail',
    ]);
  });

  it('needs every label listed, on the object itself, its value matching', () => {
    const helm = {
      'app.kubernetes.io/managed-by': 'Helm',
      'helm.sh/chart': 'ingress-nginx-4.11.2',
    };
    const withLabels = (
      name: string,
      labels: Record<string, string>,
    ): KubeObject => {
      const object = failingTwice({ name });
      object.metadata = { ...object.metadata, labels };
      return object;
    };
    // Labels on the pod template only do not count: `kubectl get -l`
    // selects by the object's own labels too.
    const podLabelsOnly = failingTwice({ name: 'pods-only', labels: helm });
    podLabelsOnly.metadata = { name: 'pods-only' };
    const report = evaluate(
      [
        withLabels('chart', helm),
        withLabels('other-chart', { ...helm, 'helm.sh/chart': 'redis-1.0' }),
        withLabels('manual', { 'helm.sh/chart': 'ingress-nginx-4.11.2' }),
        podLabelsOnly,
      ],
      {
        config: {
          exemptions: [
            matchExemption({
              labels: {
                'app.kubernetes.io/managed-by': 'Helm',
                'helm.sh/chart': 'ingress-nginx-*',
              },
            }),
          ],
        },
      },
    );
    expect(statusOf(report, 'pdb', 'chart')).toBe('exempt');
    expect(statusOf(report, 'pdb', 'other-chart')).toBe('fail');
    expect(statusOf(report, 'pdb', 'manual')).toBe('fail');
    expect(statusOf(report, 'pdb', 'pods-only')).toBe('fail');
  });

  it('exempts every check with "*", and only the ids listed otherwise', () => {
    const objects = [failingTwice({ namespace: 'vendor' })];
    const every = evaluate(objects, {
      config: { exemptions: [matchExemption({ namespaces: ['vendor'] })] },
    });
    expect(statusOf(every, 'pdb', 'web')).toBe('exempt');
    expect(statusOf(every, 'replicas', 'web')).toBe('exempt');
    expect(every.summary.counts.fail).toBe(0);
    // As with annotations, the exemption covers the check whatever its
    // outcome, so the report shows what was waived.
    expect(statusOf(every, 'readiness-probe', 'web')).toBe('exempt');

    const listed = evaluate(objects, {
      config: {
        exemptions: [matchExemption({ namespaces: ['vendor'] }, ['pdb'])],
      },
    });
    expect(statusOf(listed, 'pdb', 'web')).toBe('exempt');
    expect(statusOf(listed, 'replicas', 'web')).toBe('fail');
  });

  it('says which entry applied, with its reason and end date', () => {
    const report = evaluate([failingTwice({ namespace: 'vendor' })], {
      config: {
        exemptions: [
          matchExemption({ namespaces: ['other'] }),
          matchExemption({ namespaces: ['vendor'] }, ['pdb'], {
            until: '2025-06-15',
          }),
        ],
      },
    });
    const pdb = result(report, 'pdb');
    expect(pdb.exemption).toEqual({
      reason: 'third-party chart',
      until: '2025-06-15',
      source: 'config',
      configKey: 'exemptions[1]',
    });
    expect(pdb.message).toBe(
      'Exempt (exemptions[1]): third-party chart (No PodDisruptionBudget in namespace vendor selects the pods.)',
    );
  });

  it('ignores an expired or reason-less match exemption and says why', () => {
    const objects = [failingTwice({ namespace: 'vendor' })];
    const expired = result(
      evaluate(objects, {
        config: {
          exemptions: [
            matchExemption({ namespaces: ['vendor'] }, ['pdb'], {
              until: '2025-06-14',
            }),
          ],
        },
      }),
      'pdb',
    );
    expect(expired.status).toBe('fail');
    expect(expired.exemptionIgnored).toBe(
      'An exemption in config (exemptions[0]) was ignored because it expired on 2025-06-14.',
    );

    const noReason = result(
      evaluate(objects, {
        config: {
          exemptions: [
            matchExemption({ namespaces: ['vendor'] }, ['*'], { reason: ' ' }),
          ],
        },
      }),
      'pdb',
    );
    expect(noReason.status).toBe('fail');
    expect(noReason.exemptionIgnored).toBe(
      'An exemption in config (exemptions[0]) was ignored because its reason is empty.',
    );
  });

  it('takes the most specific exemption: annotations, then config for the entity, then matches in order', () => {
    const objects = [
      failingTwice({
        name: 'annotated',
        annotations: { 'prodready.dev/exempt.pdb': 'singleton by design' },
      }),
      failingTwice({ name: 'plain' }),
    ];
    const report = evaluate(objects, {
      entity: entity(),
      config: {
        exemptions: [
          matchExemption({ names: ['*'] }, ['pdb', 'replicas'], {
            reason: 'expired match',
            until: '2025-01-01',
          }),
          matchExemption({ names: ['*'] }, ['pdb', 'replicas'], {
            reason: 'first valid match',
          }),
          matchExemption({ names: ['*'] }, ['pdb', 'replicas'], {
            reason: 'second valid match',
          }),
          {
            entityRef: 'component:default/web',
            check: 'replicas',
            reason: 'entity',
          },
        ],
      },
    });
    expect(result(report, 'pdb', 'annotated').exemption?.source).toBe(
      'workload',
    );
    expect(result(report, 'replicas', 'annotated').exemption).toMatchObject({
      reason: 'entity',
      configKey: 'exemptions[3]',
    });
    expect(result(report, 'pdb', 'plain').exemption).toMatchObject({
      reason: 'first valid match',
      configKey: 'exemptions[1]',
    });
    // A valid exemption was found, so the expired one is not reported.
    expect(result(report, 'pdb', 'plain').exemptionIgnored).toBeUndefined();
  });

  it('applies to Ingresses and ConfigMaps the engine reports', () => {
    const ingress: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'controller-admission', namespace: 'ingress-nginx' },
      spec: {},
    };
    const configMap: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'vendor-settings', namespace: 'ingress-nginx' },
      data: { 'db.password': 'hunter2' },
    };
    const ownIngress: KubeObject = {
      ...ingress,
      metadata: { name: 'web', namespace: 'shop' },
    };
    const report = evaluate([ingress, configMap, ownIngress], {
      config: {
        exemptions: [
          matchExemption(
            { namespaces: ['ingress-nginx'], kinds: ['Ingress', 'ConfigMap'] },
            ['ingress-tls', 'no-secrets-in-configmap'],
          ),
        ],
      },
    });
    const statusOfObject = (kind: string, namespace: string) =>
      report.objects.find(o => o.kind === kind && o.namespace === namespace)
        ?.results[0].status;
    expect(statusOfObject('Ingress', 'ingress-nginx')).toBe('exempt');
    expect(statusOfObject('ConfigMap', 'ingress-nginx')).toBe('exempt');
    expect(statusOfObject('Ingress', 'shop')).toBe('fail');
  });

  it('never applies to entity-level results, which have no object', () => {
    const report = evaluate([failingTwice()], {
      entity: entity({ annotations: { 'prodready.dev/runbook': '' } }),
      config: { exemptions: [matchExemption({ names: ['*'] })] },
    });
    expect(statusOf(report, 'pdb', 'web')).toBe('exempt');
    const runbook = report.entity?.results.find(r => r.check === 'runbook');
    expect(runbook?.status).toBe('fail');
  });

  it('exempts third-party software while the team’s own workloads still fail', () => {
    const objects = [
      failingTwice({
        name: 'ingress-nginx-controller',
        namespace: 'ingress-nginx',
      }),
      failingTwice({ name: 'cert-manager', namespace: 'cert-manager' }),
      failingTwice({ name: 'cert-manager-webhook', namespace: 'cert-manager' }),
      failingTwice({ name: 'checkout', namespace: 'shop' }),
      failingTwice({ name: 'cert-manager-lookalike', namespace: 'shop' }),
    ];
    const config = {
      exemptions: [
        {
          match: {
            namespaces: ['ingress-nginx', 'cert-manager'],
            kinds: ['Deployment', 'DaemonSet'],
          },
          checks: ['*'],
          reason: 'third-party chart, reviewed by the platform team',
          until: '2027-03-31',
        },
      ],
    };
    const report = evaluate(objects, { config });
    const unexempted = evaluate(objects);
    const failing = (r: ReadinessReport) =>
      r.workloads
        .filter(w => w.results.some(x => x.status === 'fail'))
        .map(w => w.name);
    expect(failing(unexempted)).toHaveLength(5);
    expect(failing(report)).toEqual(['checkout', 'cert-manager-lookalike']);
    // The team's own workloads are judged exactly as without the exemption.
    expect(report.workloads.slice(3)).toEqual(unexempted.workloads.slice(3));
    expect(report.summary.productionReady).toBe(false);
  });
});
