import {
  evaluateReadiness,
  KubeObject,
  parseReadinessConfig,
} from '@prodready/backstage-plugin-readiness-common';
import { memoryBurstRatioCheck } from './memoryBurstRatio';
import { memoryBytes } from './memoryQuantity';

describe('memoryBytes', () => {
  it('reads binary and decimal suffixes, fractions and exponents', () => {
    expect(memoryBytes('512Mi')).toBe(512 * 2 ** 20);
    expect(memoryBytes('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(memoryBytes('2G')).toBe(2e9);
    expect(memoryBytes('1e9')).toBe(1e9);
    expect(memoryBytes('128974848')).toBe(128974848);
    expect(memoryBytes(1024)).toBe(1024);
  });

  it('names a value that is not a quantity', () => {
    expect(() => memoryBytes('lots')).toThrow(
      '"lots" is not a Kubernetes quantity such as 512Mi or 2Gi',
    );
    expect(() => memoryBytes('1Gb')).toThrow(/"1Gb"/);
  });
});

/** A Deployment whose containers have these memory requests and limits. */
function deployment(
  ...containers: Array<{ request?: string; limit?: string }>
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'orders', namespace: 'shop' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'orders' } },
      template: {
        metadata: { labels: { app: 'orders' } },
        spec: {
          containers: containers.map(({ request, limit }, index) => ({
            name: `c${index}`,
            image: 'registry.example/orders:1.0.0',
            resources: {
              ...(request && { requests: { memory: request } }),
              ...(limit && { limits: { memory: limit } }),
            },
          })),
        },
      },
    },
  };
}

// The module's check, validated as the backend does at start-up.
const config = parseReadinessConfig(undefined, {
  checks: [memoryBurstRatioCheck],
});

/** The check's result on one workload, as the engine gives it. */
function resultOn(object: KubeObject) {
  const report = evaluateReadiness({
    objects: [{ object, file: 'orders.yaml' }],
    config,
  });
  return report.workloads[0].results.find(
    result => result.check === 'memory-burst-ratio',
  );
}

describe('memory-burst-ratio', () => {
  it('passes a limit within twice the request', () => {
    expect(
      resultOn(deployment({ request: '512Mi', limit: '1Gi' })),
    ).toMatchObject({ status: 'pass', severity: 'low' });
  });

  it('fails a container whose limit is more than twice its request, naming it', () => {
    const result = resultOn(
      deployment(
        { request: '256Mi', limit: '256Mi' },
        { request: '256Mi', limit: '1Gi' },
      ),
    );
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'The memory limit (1Gi) is 4.0× the request (256Mi), more than 2×.',
    });
    expect(result?.findings?.map(finding => finding.path)).toEqual([
      'spec.template.spec.containers[1]',
      'spec.template.spec.containers[1].resources.limits.memory',
    ]);
  });

  it('skips containers without both values, and reports one it cannot read as an error', () => {
    expect(resultOn(deployment({ request: '256Mi' }))?.status).toBe('skip');
    const unreadable = resultOn(deployment({ request: 'lots', limit: '1Gi' }));
    expect(unreadable?.status).toBe('error');
    expect(unreadable?.message).toContain(
      '"lots" is not a Kubernetes quantity',
    );
  });
});
