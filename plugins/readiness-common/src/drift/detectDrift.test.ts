import { KubeObject, SourcedObject } from '../types';
import { detectDrift } from './detectDrift';
import { quantityValue, sameQuantity } from './quantity';

function deployment(
  overrides: {
    name?: string;
    namespace?: string | null;
    replicas?: number;
    container?: Record<string, unknown>;
    pod?: Record<string, unknown>;
    extraContainers?: Array<Record<string, unknown>>;
  } = {},
): KubeObject {
  const name = overrides.name ?? 'web';
  const metadata: Record<string, unknown> = { name };
  if (overrides.namespace !== null) {
    metadata.namespace = overrides.namespace ?? 'shop';
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      ...(overrides.replicas !== undefined
        ? { replicas: overrides.replicas }
        : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...overrides.pod,
          containers: [
            {
              name,
              image: 'ghcr.io/acme/web:1.4.2',
              resources: {
                requests: { cpu: '500m', memory: '1Gi' },
                limits: { memory: '1Gi' },
              },
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
              securityContext: {
                runAsNonRoot: true,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              ...overrides.container,
            },
            ...(overrides.extraContainers ?? []),
          ],
        },
      },
    },
  };
}

function pdb(name = 'web'): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'shop' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: name } } },
  };
}

function hpa(minReplicas: number, maxReplicas: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
      },
      minReplicas,
      maxReplicas,
    },
  };
}

const fromGit = (...objects: KubeObject[]): SourcedObject[] =>
  objects.map(object => ({ object, file: 'deploy/web.yaml' }));
const live = (...objects: KubeObject[]): SourcedObject[] =>
  objects.map(object => ({ object, cluster: 'prod-eu' }));

describe('detectDrift', () => {
  it('finds nothing when the cluster runs what Git says, API-server defaults and other spellings aside', () => {
    const applied = deployment({
      replicas: 3,
      container: {
        resources: {
          requests: { cpu: '0.5', memory: '1024Mi' },
          limits: { memory: '1073741824' },
        },
        readinessProbe: {
          httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
      },
    });
    expect(
      detectDrift(
        fromGit(deployment({ replicas: 3 }), pdb()),
        live(applied, pdb()),
      ),
    ).toEqual([]);
  });

  it('says when the live replicas differ from Git, in words a developer reads', () => {
    const [drift] = detectDrift(
      fromGit(deployment({ replicas: 3 })),
      live(deployment({ replicas: 1 })),
    );
    expect(drift).toEqual({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      cluster: 'prod-eu',
      state: 'changed',
      differences: [
        {
          field: 'replicas',
          git: '3',
          live: '1',
          message: 'live Deployment web runs 1 replica, Git says 3',
        },
      ],
    });
  });

  it('leaves the replica count to an autoscaler, but compares its bounds', () => {
    expect(
      detectDrift(
        fromGit(deployment({ replicas: 2 }), hpa(2, 10)),
        live(deployment({ replicas: 7 }), hpa(2, 10)),
      ),
    ).toEqual([]);
    const [drift] = detectDrift(
      fromGit(deployment(), hpa(2, 10)),
      live(deployment({ replicas: 4 }), hpa(4, 10)),
    );
    expect(drift.differences).toEqual([
      {
        field: 'hpa.minReplicas',
        git: '2',
        live: '4',
        message:
          'live autoscaler of Deployment web has minReplicas 4, Git says 2',
      },
    ]);
    const [removed] = detectDrift(
      fromGit(deployment(), hpa(2, 10)),
      live(deployment({ replicas: 2 })),
    );
    expect(removed.differences.map(d => d.message)).toEqual([
      'Git scales Deployment web with HorizontalPodAutoscaler web, the cluster has none',
    ]);
  });

  it('compares images, resources, probes and security context per container', () => {
    const [drift] = detectDrift(
      fromGit(deployment()),
      live(
        deployment({
          container: {
            image: 'ghcr.io/acme/web:1.4.3-hotfix',
            resources: {
              requests: { cpu: '500m', memory: '512Mi' },
              limits: { memory: '1Gi', cpu: '2' },
            },
            readinessProbe: undefined,
            livenessProbe: { tcpSocket: { port: 8080 } },
            securityContext: {
              runAsNonRoot: true,
              readOnlyRootFilesystem: false,
              capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] },
            },
          },
          pod: { securityContext: { runAsUser: 0 } },
        }),
      ),
    );
    expect(drift.differences.map(d => d.field)).toEqual([
      'containers[web].image',
      'containers[web].resources.requests.memory',
      'containers[web].resources.limits.cpu',
      'containers[web].livenessProbe',
      'containers[web].readinessProbe',
      'containers[web].securityContext.readOnlyRootFilesystem',
      'containers[web].securityContext.capabilities.add',
      'pod.securityContext.runAsUser',
    ]);
    expect(drift.differences.map(d => d.message)).toEqual([
      'live Deployment web container web runs ghcr.io/acme/web:1.4.3-hotfix, Git says ghcr.io/acme/web:1.4.2',
      'Deployment web container web memory request: the cluster has 512Mi, Git says 1Gi',
      'Deployment web container web cpu limit: the cluster has 2, Git sets none',
      'live Deployment web container web has a livenessProbe that Git does not',
      'live Deployment web container web has no readinessProbe, Git has one',
      'Deployment web container web securityContext.readOnlyRootFilesystem: the cluster has false, Git says true',
      'Deployment web container web capabilities.add: the cluster has NET_ADMIN, Git sets none',
      'Deployment web pod securityContext.runAsUser: the cluster has 0, Git sets none',
    ]);
  });

  it('notices a PodDisruptionBudget or NetworkPolicy missing on one side, and containers added or removed', () => {
    const policy: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    const [drift] = detectDrift(
      fromGit(deployment(), pdb()),
      live(
        deployment({
          extraContainers: [{ name: 'debug', image: 'busybox:1.36' }],
        }),
        policy,
      ),
    );
    expect(drift.differences.map(d => d.message)).toEqual([
      'the cluster runs container debug in Deployment web, Git does not',
      'Git has a PodDisruptionBudget for Deployment web, the cluster has none',
      'the cluster has a NetworkPolicy for Deployment web that Git does not',
    ]);
  });

  it('pairs manifests without a namespace with the only live workload of that name, and reports workloads on one side only', () => {
    expect(
      detectDrift(fromGit(deployment({ namespace: null })), live(deployment())),
    ).toEqual([]);
    expect(
      detectDrift(
        fromGit(deployment({ name: 'worker' })),
        live(deployment({ name: 'web' })),
      ).map(
        drift =>
          `${drift.state} ${drift.name}: ${drift.differences[0].message}`,
      ),
    ).toEqual([
      'only-in-git worker: Git has Deployment worker, the cluster does not run it',
      'only-live web: the cluster runs Deployment web, Git does not have it',
    ]);
  });
});

describe('quantities', () => {
  it('reads decimal, binary and exponent suffixes', () => {
    expect(quantityValue('500m')).toBe(0.5);
    expect(quantityValue('1Gi')).toBe(1073741824);
    expect(quantityValue('1e3')).toBe(1000);
    expect(quantityValue('2k')).toBe(2000);
    expect(quantityValue(2)).toBe(2);
    expect(quantityValue('lots')).toBeUndefined();
    expect(quantityValue('1Xi')).toBeUndefined();
    expect(sameQuantity('1Gi', '1024Mi')).toBe(true);
    expect(sameQuantity('0.5', '500m')).toBe(true);
    expect(sameQuantity('1G', '1Gi')).toBe(false);
    expect(sameQuantity(undefined, '1Gi')).toBe(false);
  });
});

describe('probe drift', () => {
  const withProbe = (probe: Record<string, unknown>) =>
    deployment({ container: { readinessProbe: probe } });

  it('shows how the probes check and how often', () => {
    const [drift] = detectDrift(
      fromGit(withProbe({ httpGet: { path: '/ready', port: 8080 } })),
      live(
        withProbe({
          httpGet: { path: '/ready', port: 8080 },
          periodSeconds: 30,
        }),
      ),
    );
    expect(drift.differences).toEqual([
      {
        field: 'containers[web].readinessProbe',
        git: 'HTTP GET :8080/ready, delay 0s, period 10s, timeout 1s, success 1, failure 3',
        live: 'HTTP GET :8080/ready, delay 0s, period 30s, timeout 1s, success 1, failure 3',
        message:
          'live Deployment web container web readinessProbe differs from Git',
      },
    ]);
  });

  it('never shows header values or exec commands, which can hold credentials', () => {
    const header = (value: string) =>
      withProbe({
        httpGet: {
          path: '/ready',
          port: 8080,
          httpHeaders: [{ name: 'Authorization', value }],
        },
      });
    const command = (token: string) =>
      withProbe({ exec: { command: ['curl', '-H', `X-Token: ${token}`] } });
    const drift = [
      ...detectDrift(
        fromGit(header('Bearer git-s3cret')),
        live(header('Bearer live-s3cret')),
      ),
      ...detectDrift(
        fromGit(command('git-s3cret')),
        live(command('live-s3cret')),
      ),
    ];
    expect(drift).toHaveLength(2);
    const shown = JSON.stringify(drift);
    expect(shown).not.toContain('s3cret');
    expect(drift[0].differences[0]).toMatchObject({
      git: expect.stringContaining('headers Authorization'),
      message:
        'live Deployment web container web readinessProbe differs from Git in a command or header value (not shown)',
    });
    expect(drift[1].differences[0].git).toContain('exec (command not shown)');
  });
});
