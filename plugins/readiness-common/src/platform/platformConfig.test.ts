import { parseReadinessConfig, ReadinessConfigError } from '../config';

function problemsOf(raw: unknown, keyPrefix?: string): readonly string[] {
  try {
    parseReadinessConfig(raw, { keyPrefix });
  } catch (error) {
    if (error instanceof ReadinessConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ReadinessConfigError');
}

describe('the platform section of the readiness config', () => {
  it('fills in defaults and keeps what is given', () => {
    expect(parseReadinessConfig({}).platform).toEqual({
      systemNamespaces: [],
      signatures: {},
      provided: {},
      maxBackupAgeHours: 48,
      workloadsReadyShare: 0.8,
    });
    const platform = {
      systemNamespaces: ['flux-system', 'monitoring'],
      signatures: {
        'cluster-logging': {
          images: ['acme/log-agent'],
          crds: ['logpipes.acme.io'],
        },
      },
      provided: {
        'image-scanning': 'The registry scans every image (Harbor + Trivy)',
      },
      maxBackupAgeHours: 26,
      workloadsReadyShare: 0.9,
      kubernetesReleases: [{ minor: '1.38', released: '2026-12-16' }],
    };
    expect(parseReadinessConfig({ platform }).platform).toEqual(platform);
  });

  it('names unknown check ids in signatures and provided, with a did-you-mean', () => {
    const problems = problemsOf(
      {
        platform: {
          signatures: {
            'cluster-loging': { images: ['x'] },
            'node-redundancy': { images: ['x'] },
          },
          provided: {
            'gitops-delivry': 'Argo CD runs in the management cluster',
          },
        },
      },
      'readiness',
    );
    expect(problems[0]).toMatch(
      /^readiness\.platform\.signatures\.cluster-loging: "cluster-loging" is not a known check id; did you mean cluster-logging\? valid ids are: cluster-metrics, cluster-logging, /,
    );
    // Only checks recognised by signatures take signatures.
    expect(problems[1]).toMatch(
      /^readiness\.platform\.signatures\.node-redundancy: "node-redundancy" is not a known check id;/,
    );
    expect(problems[2]).toMatch(
      /^readiness\.platform\.provided\.gitops-delivry: "gitops-delivry" is not a known check id; did you mean gitops-delivery\?/,
    );
  });

  it('names each bad value by its key', () => {
    // Sorted: zod versions differ in the order of an object's issues.
    expect(
      [
        ...problemsOf({
          platform: {
            systemNamespaces: ['Flux System'],
            signatures: {
              'cluster-metrics': { image: ['x'], workloads: ['anetd'] },
            },
            provided: { 'cluster-logging': '  ' },
            maxBackupAgeHours: 0,
            workloadsReadyShare: 80,
            kubernetesReleases: [{ minor: '1.34.0', released: '2025-08-32' }],
            extra: true,
          },
        }),
      ].sort(),
    ).toEqual(
      [
        'platform.systemNamespaces[0] must be a namespace name: lowercase letters, digits and "-"',
        'platform.signatures.cluster-metrics has unknown key image',
        'platform.signatures.cluster-metrics.workloads[0] must be written namespace/name, e.g. kube-system/anetd',
        'platform.provided.cluster-logging must not be empty',
        'platform.maxBackupAgeHours must be at least 1',
        'platform.workloadsReadyShare must be at most 1',
        'platform.kubernetesReleases[0].minor must be a minor version written major.minor, e.g. "1.34"',
        'platform.kubernetesReleases[0].released must be a date written as YYYY-MM-DD',
        'platform has unknown key extra',
      ].sort(),
    );
  });

  it('accepts platform check ids in checks and exemptions', () => {
    const config = parseReadinessConfig({
      checks: { 'runtime-security': { severity: 'medium' } },
      exemptions: [
        {
          entityRef: 'resource:prod-eu',
          check: 'node-autoscaling',
          reason: 'Fixed size',
        },
      ],
    });
    expect(config.checks['runtime-security'].severity).toBe('medium');
  });

  it('refuses a custom check that takes a platform check id', () => {
    expect(
      problemsOf({
        customChecks: [
          {
            id: 'cluster-metrics',
            title: 'x',
            category: 'observability',
            severity: 'low',
            scope: 'cluster',
            rule: 'true',
            message: 'x',
          },
        ],
      }),
    ).toEqual([
      'customChecks[0].id: "cluster-metrics" is the id of a built-in check; choose another',
    ]);
  });
});
