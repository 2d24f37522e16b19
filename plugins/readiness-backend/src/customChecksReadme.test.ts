/**
 * The custom checks README.md offers platform teams to copy: they load as
 * written, and judge what their titles say.
 */
import {
  CheckResult,
  evaluateReadiness,
  parseReadinessConfig,
} from '@prodready/backstage-plugin-readiness-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

const README = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

/** The YAML blocks of the README's "Custom checks" section. */
function yamlBlocks(): string[] {
  const start = README.indexOf('\n## Custom checks\n');
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end);
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]);
}

const [formatBlock, examplesBlock] = yamlBlocks();
const examples = parseReadinessConfig(yaml.parse(examplesBlock).readiness, {
  keyPrefix: 'readiness',
});

/** A payments Deployment that breaks every example, or meets them all. */
function inputs(compliant: boolean) {
  const javaOptions = compliant
    ? '-XX:MaxRAMPercentage=75'
    : '-XX:+ExitOnOutOfMemoryError';
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'pay', labels: { team: 'payments' } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ledger', namespace: 'pay' },
      spec: {
        replicas: compliant ? 3 : 2,
        selector: { matchLabels: { app: 'ledger' } },
        template: {
          metadata: {
            labels: compliant
              ? { app: 'ledger', team: 'payments' }
              : { app: 'ledger' },
          },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'registry.acme.example/ledger:1.0.0',
                env: [{ name: 'JAVA_TOOL_OPTIONS', value: javaOptions }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ledger', namespace: 'pay' },
      spec: { selector: { app: 'ledger' }, ports: [{ port: 80 }] },
    },
    // Routes to the Deployment's Service, so it is the entity's Ingress.
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'ledger', namespace: 'pay' },
      spec: {
        ingressClassName: compliant ? 'internal-nginx' : 'nginx',
        rules: [
          {
            host: 'ledger.acme.example',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: { name: 'ledger', port: { number: 80 } },
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ].map(object => ({ object, file: 'ledger.yaml' }));
}

function entity(compliant: boolean) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'ledger',
      annotations: (compliant
        ? { 'pagerduty.com/service-id': 'P123' }
        : {}) as Record<string, string>,
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  };
}

/** `id status` of each example's results. */
function outcomes(compliant: boolean): string[] {
  const report = evaluateReadiness({
    objects: inputs(compliant),
    entity: entity(compliant),
    config: examples,
  });
  const ids = examples.customChecks.map(check => check.id);
  const results: CheckResult[] = [
    ...report.workloads.flatMap(w => w.results),
    ...report.objects.flatMap(o => o.results),
    ...(report.entity?.results ?? []),
  ];
  return results
    .filter(result => ids.includes(result.check))
    .map(result => `${result.check} ${result.status}`)
    .sort();
}

describe("the README's custom checks", () => {
  it('load as written, the format example too', () => {
    expect(() =>
      parseReadinessConfig(yaml.parse(formatBlock).readiness, {
        keyPrefix: 'readiness',
      }),
    ).not.toThrow();
    expect(examples.customChecks.map(check => check.id)).toEqual([
      'ingress-class',
      'payments-three-replicas',
      'jvm-heap-from-limit',
      'team-label',
      'pagerduty-service',
    ]);
  });

  it('fail what breaks them', () => {
    expect(outcomes(false)).toEqual([
      'ingress-class fail',
      'jvm-heap-from-limit fail',
      'pagerduty-service fail',
      'payments-three-replicas fail',
      'team-label fail',
    ]);
  });

  it('pass what meets them', () => {
    expect(outcomes(true)).toEqual([
      'ingress-class pass',
      'jvm-heap-from-limit pass',
      'pagerduty-service pass',
      'payments-three-replicas pass',
      'team-label pass',
    ]);
  });
});
