import fs from 'node:fs';
import path from 'node:path';
import { cli, useWorkdir } from './testUtils';

/** The README's example custom checks: its YAML block that starts with `customChecks:`. */
function readmeCustomChecks(): string {
  const readme = fs.readFileSync(
    path.resolve(__dirname, '../README.md'),
    'utf8',
  );
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    match => match[1],
  );
  const found = blocks.filter(block => block.startsWith('customChecks:'));
  expect(found).toHaveLength(1);
  return found[0];
}

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function deployment(options: {
  name: string;
  namespace?: string;
  replicas: number;
  labels: string;
  image: string;
  initImage?: string;
}): string {
  const namespace = options.namespace ?? 'shop';
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${options.name}, namespace: ${namespace} }
spec:
  replicas: ${options.replicas}
  selector: { matchLabels: { app: ${options.name} } }
  template:
    metadata:
      labels: ${options.labels}
    spec:
${
  options.initImage
    ? `      initContainers:\n        - name: init\n          image: ${options.initImage}\n`
    : ''
}      containers:
        - name: app
          image: ${options.image}
---
apiVersion: v1
kind: Service
metadata: { name: ${options.name}, namespace: ${namespace} }
spec:
  selector: { app: ${options.name} }
  ports: [{ port: 80 }]
`;
}

function ingress(name: string, className?: string): string {
  return `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${name}, namespace: shop }
spec:
${className ? `  ingressClassName: ${className}\n` : ''}  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: ${name}, port: { number: 80 } } }
`;
}

interface Trial {
  id: string;
  results: Array<{
    name: string;
    status: string;
    message: string;
    findings?: Array<{ path: string; message: string }>;
  }>;
}

/** `name → status` of a check's results, and the results by name. */
function byName(trial: Trial | undefined) {
  const results = trial?.results ?? [];
  return {
    statuses: Object.fromEntries(results.map(r => [r.name, r.status])),
    get: (name: string) => results.find(r => r.name === name)!,
  };
}

describe("the README's example custom checks", () => {
  const { write } = useWorkdir();

  beforeEach(() => {
    write('checks.yaml', readmeCustomChecks());
    write(
      'deploy/web.yaml',
      deployment({
        name: 'web',
        replicas: 3,
        labels: '{ app: web, team: payments }',
        image: `registry.acme.example/payments/web@${DIGEST}`,
        initImage: `registry.acme.example/base/migrate@${DIGEST}`,
      }) + ingress('web', 'acme-public'),
    );
    write(
      'deploy/worker.yaml',
      deployment({
        name: 'worker',
        replicas: 1,
        labels: '{ app: worker }',
        image: `registry.acme.example/payments/worker@${DIGEST}`,
        initImage: 'busybox:1.36',
      }) + ingress('worker'),
    );
    write(
      'sandbox/tool.yaml',
      deployment({
        name: 'tool',
        namespace: 'sandbox',
        replicas: 1,
        labels: '{ app: tool }',
        image: `registry.acme.example/tools/tool@${DIGEST}`,
      }),
    );
    write(
      'catalog-info.yaml',
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api }
spec: { type: service, lifecycle: production, owner: group:payments, system: payments }
`,
    );
  });

  it('load, and pass and fail where a platform team expects', async () => {
    const run = await cli([
      'checks',
      'test',
      '--config',
      'checks.yaml',
      'deploy',
      'sandbox',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const trials = JSON.parse(run.stdout).checks as Trial[];
    const trial = (id: string) => byName(trials.find(t => t.id === id));
    expect(trials.map(t => t.id)).toEqual([
      'team-label',
      'platform-registry',
      'ingress-class',
      'payments-replicas',
      'image-digest',
    ]);

    const team = trial('team-label');
    expect(team.statuses).toEqual({
      web: 'pass',
      worker: 'fail',
      tool: 'skip',
    });
    expect(team.get('worker').message).toBe(
      'the pods are labelled app, but not team',
    );

    expect(trial('platform-registry').statuses).toEqual({
      web: 'pass',
      worker: 'fail',
      tool: 'pass',
    });
    expect(trial('ingress-class').statuses).toEqual({
      web: 'pass',
      worker: 'fail',
    });
    // Without a catalog entity, the payments rule does not apply.
    expect(trial('payments-replicas').statuses).toEqual({
      web: 'skip',
      worker: 'skip',
      tool: 'skip',
    });

    const digest = trial('image-digest');
    expect(digest.statuses).toEqual({
      web: 'pass',
      worker: 'fail',
      tool: 'pass',
    });
    expect(digest.get('worker').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.initContainers[0]',
        message: 'init runs busybox:1.36, not a digest',
      }),
    ]);
  });

  it('hold services of the payments system to three replicas, through the entity', async () => {
    const run = await cli([
      'checks',
      'test',
      '--config',
      'checks.yaml',
      '--check',
      'payments-replicas',
      '--entity',
      'catalog-info.yaml',
      'deploy',
      '--format',
      'json',
    ]);
    const [replicas] = JSON.parse(run.stdout).checks as Trial[];
    const { statuses, get } = byName(replicas);
    expect(statuses).toEqual({ web: 'pass', worker: 'fail' });
    expect(get('worker').message).toBe(
      'runs 1 of the 3 replicas the payments system needs',
    );
    expect(run.code).toBe(1);
  });

  it('run in readiness check beside the built-in checks', async () => {
    const run = await cli([
      'check',
      'deploy',
      '--config',
      'checks.yaml',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.customChecks.map((c: { id: string }) => c.id)).toEqual([
      'team-label',
      'platform-registry',
      'ingress-class',
      'payments-replicas',
      'image-digest',
    ]);
    const worker = report.workloads.find(
      (w: { name: string }) => w.name === 'worker',
    );
    expect(
      worker.results
        .filter((r: { check: string }) =>
          ['team-label', 'image-digest', 'readiness-probe'].includes(r.check),
        )
        .map((r: { check: string; status: string }) => [r.check, r.status]),
    ).toEqual([
      ['readiness-probe', 'fail'],
      ['team-label', 'fail'],
      ['image-digest', 'fail'],
    ]);
  });
});
