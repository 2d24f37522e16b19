import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CHECK_DEFINITIONS,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import { cli } from './testUtils';
import { parseManifests } from '@prodready/backstage-plugin-readiness-common';

/** A Deployment with everything a workload needs to reach gold. */
const GOLD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
      annotations:
        prometheus.io/scrape: "true"
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      priorityClassName: production
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: { app: web }
      containers:
        - name: web
          image: registry.example.com/shop/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: { path: /ready, port: http }
          livenessProbe:
            httpGet: { path: /healthz, port: http }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: shop }
spec:
  maxUnavailable: 1
  selector:
    matchLabels: { app: web }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 3
  maxReplicas: 10
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector:
    matchLabels: { app: web }
  policyTypes: [Ingress, Egress]
`;

/** Lines of GOLD (it ends with a newline). */
const GOLD_LINES = GOLD.split('\n').length - 1;

/** Fails critical checks (no probes, may run as root): level none. */
const BARE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels: { app: worker }
  template:
    metadata:
      labels: { app: worker }
    spec:
      containers:
        - name: worker
          image: busybox
`;

/** Gold except for a missing Egress policy (low severity): gold, score < 100. */
const GOLD_NO_EGRESS = GOLD.replace(
  'policyTypes: [Ingress, Egress]',
  'policyTypes: [Ingress]',
);

const SECRET_MARKER = 'S3CR3T-7f9c2e-DO-NOT-PRINT';

/** A secret in an env var named DB_PASSWORD and in a ConfigMap key api_token. */
const LEAKY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: leaky
  namespace: shop
spec:
  selector:
    matchLabels: { app: leaky }
  template:
    metadata:
      labels: { app: leaky }
    spec:
      containers:
        - name: app
          image: registry.example.com/shop/leaky:1.0.0
          env:
            - name: DB_PASSWORD
              value: "${SECRET_MARKER}-env"
          envFrom:
            - configMapRef: { name: leaky-config }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: leaky-config
  namespace: shop
data:
  api_token: "${SECRET_MARKER}-configmap"
  LOG_LEVEL: info
`;

const ENTITY = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: shop
spec:
  owner: group:default/shop-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: web
  annotations:
    backstage.io/kubernetes-id: web
spec:
  type: service
  lifecycle: production
  owner: group:default/shop-team
`;

describe('readiness check', () => {
  let workdir: string;
  let previousCwd: string;

  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  beforeEach(() => {
    previousCwd = process.cwd();
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-cli-'));
    // Relative paths, as a CI job in a repository checkout passes them.
    process.chdir(workdir);
  });

  afterEach(() => {
    process.chdir(previousCwd);
    fs.rmSync(workdir, { recursive: true, force: true });
  });

  describe('exit codes', () => {
    it('exits 0 when the gate holds', async () => {
      write('deploy/web.yaml', GOLD);
      const run = await cli(['check', 'deploy/web.yaml']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Deployment shop/web');
      expect(run.stdout).toContain('score 100/100  level gold');
      expect(run.stdout).toMatch(
        /READY score 100\/100, level gold: gate passed/,
      );
      expect(run.stderr).toBe('');
    });

    it('exits 1 when the level is below the gate, listing failing checks first', async () => {
      write('worker.yaml', BARE);
      const run = await cli(['check', 'worker.yaml']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('Deployment default/worker  worker.yaml:1');
      expect(run.stdout).toMatch(/FAIL\s+critical\s+readiness-probe/);
      expect(run.stdout).toContain(
        'spec.template.spec.containers[0].readinessProbe',
      );
      const lines = run.stdout.split('\n');
      const firstFail = lines.findIndex(line => line.includes('FAIL'));
      const lastFail =
        lines.length -
        1 -
        [...lines].reverse().findIndex(l => l.includes('FAIL'));
      expect(firstFail).toBeGreaterThan(0);
      // Severity order among failures: critical before low.
      const severities = lines
        .slice(firstFail, lastFail + 1)
        .map(line => /FAIL\s+(\w+)/.exec(line)?.[1])
        .filter(Boolean);
      expect(severities[0]).toBe('critical');
      expect(severities[severities.length - 1]).not.toBe('critical');
      expect(run.stdout).toMatch(
        /NOT READY .*gate failed \(needs level silver or better\)/,
      );
    });

    it('applies --min-level and --min-score', async () => {
      write('worker.yaml', BARE);
      write('web.yaml', GOLD_NO_EGRESS);
      expect(
        (await cli(['check', 'worker.yaml', '--min-level', 'none'])).code,
      ).toBe(0);
      expect(
        (await cli(['check', 'web.yaml', '--min-level', 'gold'])).code,
      ).toBe(0);
      expect(
        (await cli(['check', 'web.yaml', '--min-score', '100'])).code,
      ).toBe(1);
      expect((await cli(['check', 'web.yaml', '--min-score', '90'])).code).toBe(
        0,
      );
    });

    it('takes the gate from the config, and --min-level over it', async () => {
      write('worker.yaml', BARE);
      write('lenient.yaml', 'readiness:\n  gate: none\n');
      expect(
        (await cli(['check', 'worker.yaml', '--config', 'lenient.yaml'])).code,
      ).toBe(0);
      expect(
        (
          await cli([
            'check',
            'worker.yaml',
            '--config',
            'lenient.yaml',
            '--min-level',
            'bronze',
          ])
        ).code,
      ).toBe(1);
    });

    it('exits 2 on bad usage', async () => {
      write('web.yaml', GOLD);
      for (const args of [
        ['check'],
        ['check', 'web.yaml', '--format', 'xml'],
        ['check', 'web.yaml', '--min-level', 'platinum'],
        ['check', 'web.yaml', '--min-score', 'high'],
        ['check', 'web.yaml', '--min-score', '101'],
        ['check', 'web.yaml', '--bogus'],
        ['frobnicate'],
      ]) {
        const run = await cli(args);
        expect({ args, code: run.code }).toEqual({ args, code: 2 });
        expect(run.stderr).toMatch(/^readiness: /);
        expect(run.stdout).toBe('');
      }
    });

    it('prints help and the version with exit code 0', async () => {
      const help = await cli(['check', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--min-level');
      const version = await cli(['--version']);
      expect(version.code).toBe(0);
      expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('exits 2 naming a missing file', async () => {
      const run = await cli(['check', 'nowhere.yaml']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'readiness: nowhere.yaml: no such file or directory\n',
      );
    });

    it('exits 1 when there is nothing to check, saying why', async () => {
      write('empty/readme.md', '# nothing here');
      write('notes.yaml', 'just: data\n');
      const run = await cli(['check', 'empty', 'notes.yaml']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'readiness: nothing evaluated: no Kubernetes objects in the 1 file read from empty, notes.yaml (1 document that is not a Kubernetes object) (--allow-empty accepts an input without workloads)',
      );
      expect(run.stdout.trimEnd().split('\n').pop()).toBe(
        'NOT READY nothing evaluated: no Kubernetes objects in the 1 file read from empty, notes.yaml (1 document that is not a Kubernetes object): gate failed (--allow-empty accepts an input without workloads)',
      );
    });
  });

  describe('input', () => {
    it('names the file and line of a YAML syntax error', async () => {
      write(
        'deploy/broken.yaml',
        `${GOLD}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n    labels: [a\n`,
      );
      const run = await cli(['check', 'deploy/broken.yaml']);
      expect(run.code).toBe(2);
      // The over-indented `labels` is the 6th line after GOLD.
      expect(run.stderr).toMatch(
        new RegExp(
          `^readiness: deploy/broken\\.yaml:${GOLD_LINES + 6}: invalid YAML: `,
        ),
      );
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toContain(
        'NOT READY 1 input could not be read (listed on stderr): gate failed',
      );
    });

    it('names the file and line of a JSON syntax error', async () => {
      write(
        'list.json',
        '{\n  "kind": "List",\n  "items": [\n    {"a": 1}\n    {"b": 2}\n  ]\n}\n',
      );
      const run = await cli(['check', 'list.json']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^readiness: list\.json:5: invalid JSON: /);
    });

    it('refuses an alias bomb and over-deep nesting without crashing', async () => {
      const bomb = [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: lol }',
        'data:',
        '  a: &a [x, x, x, x, x, x, x, x, x, x]',
        ...'bcdefghi'
          .split('')
          .map(
            (name, i) =>
              `  ${name}: &${name} [${Array(10)
                .fill(`*${'abcdefghi'[i]}`)
                .join(', ')}]`,
          ),
      ].join('\n');
      write('bomb.yaml', bomb);
      const run = await cli(['check', 'bomb.yaml']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'bomb.yaml:1: too many YAML aliases (possible alias bomb)',
      );

      write(
        'deep.json',
        `{"apiVersion":"v1","kind":"ConfigMap","data":${'['.repeat(
          5000,
        )}${']'.repeat(5000)}}`,
      );
      const deep = await cli(['check', 'deep.json']);
      expect(deep.code).toBe(2);
      expect(deep.stderr).toContain('deep.json:1: nesting is too deep');
    });

    it('refuses files over --max-file-size', async () => {
      write('web.yaml', GOLD);
      const run = await cli(['check', 'web.yaml', '--max-file-size', '0.001']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^readiness: web\.yaml: file is too large: .* \(see --max-file-size\)\n$/,
      );
    });

    it('reads standard input with -', async () => {
      const run = await cli(['check', '-', '--format', 'json'], {
        stdin: GOLD,
      });
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ReadinessReport;
      expect(report.workloads).toHaveLength(1);
      expect(report.workloads[0].file).toBe('<stdin>');

      const named = await cli(
        [
          'check',
          '-',
          '--format',
          'json',
          '--stdin-filename',
          'chart/rendered.yaml',
        ],
        { stdin: GOLD },
      );
      expect(JSON.parse(named.stdout).workloads[0].file).toBe(
        'chart/rendered.yaml',
      );
    });

    it('names standard input in syntax errors', async () => {
      const run = await cli(['check', '-'], { stdin: 'a: [\n' });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^readiness: <stdin>:\d+: invalid YAML/);
    });

    it('reads directories recursively in a stable order, skipping dot-dirs, node_modules and other files', async () => {
      const deployment = (name: string) => BARE.replace(/worker/g, name);
      write('deploy/b/two.yaml', deployment('two'));
      write('deploy/a.yml', deployment('one'));
      write(
        'deploy/c.json',
        JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'three' },
          spec: {
            template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } },
          },
        }),
      );
      write('deploy/.hidden/skip.yaml', deployment('hidden'));
      write('deploy/node_modules/pkg/skip.yaml', deployment('module'));
      write('deploy/readme.txt', 'not a manifest');
      const run = await cli([
        'check',
        'deploy',
        '--format',
        'json',
        '--min-level',
        'none',
      ]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ReadinessReport;
      expect(report.workloads.map(w => [w.name, w.file])).toEqual([
        ['one', path.join('deploy', 'a.yml')],
        ['two', path.join('deploy', 'b', 'two.yaml')],
        ['three', path.join('deploy', 'c.json')],
      ]);
    });

    it('reads kind: List', async () => {
      const list = `apiVersion: v1
kind: List
items:
${GOLD.split('---\n')
  .map(doc => `  - ${doc.trimEnd().split('\n').join('\n    ')}`)
  .join('\n')}
`;
      write('list.yaml', list);
      const run = await cli(['check', 'list.yaml', '--format', 'json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ReadinessReport;
      expect(report.workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
        'Deployment/web',
      ]);
      expect(report.workloads[0].level).toBe('gold');
    });

    it('reads kubectl get -o json output', async () => {
      const items = GOLD.split('---\n').map(doc => doc);
      // The CLI's own reader turns the YAML into objects for the fixture.
      const objects = items.flatMap(text =>
        parseManifests(text).objects.map(o => o.object),
      );
      write(
        'cluster.json',
        JSON.stringify(
          {
            apiVersion: 'v1',
            kind: 'List',
            metadata: { resourceVersion: '' },
            items: objects,
          },
          null,
          4,
        ),
      );
      const run = await cli(['check', 'cluster.json', '--format', 'json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ReadinessReport;
      expect(report.workloads).toHaveLength(1);
      expect(report.workloads[0]).toMatchObject({
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        file: 'cluster.json',
        level: 'gold',
      });
    });

    it('notes documents that are not Kubernetes objects on stderr', async () => {
      write('mixed.yaml', `${GOLD}---\njust: settings\n---\n`);
      const run = await cli(['check', 'mixed.yaml']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        `readiness: mixed.yaml:${
          GOLD_LINES + 2
        }: document 5 ignored: not a Kubernetes object (it has no apiVersion and no kind)\n`,
      );
    });

    it('uses the namespace given for objects that name none', async () => {
      write('worker.yaml', BARE);
      const run = await cli([
        'check',
        'worker.yaml',
        '--format',
        'json',
        '--namespace',
        'jobs',
      ]);
      expect(JSON.parse(run.stdout).workloads[0].namespace).toBe('jobs');
    });
  });

  describe('--config', () => {
    it('reads a bare config or an app-config style readiness block', async () => {
      write('web.yaml', GOLD);
      write('bare.yaml', 'minReplicas: 5\n');
      write('wrapped.json', JSON.stringify({ readiness: { minReplicas: 5 } }));
      for (const config of ['bare.yaml', 'wrapped.json']) {
        const run = await cli([
          'check',
          'web.yaml',
          '--config',
          config,
          '--format',
          'json',
        ]);
        const report = JSON.parse(run.stdout) as ReadinessReport;
        const replicas = report.workloads[0].results.find(
          r => r.check === 'replicas',
        );
        expect(replicas?.status).toBe('fail');
        expect(run.code).toBe(1);
      }
    });

    it('exits 2 naming the file and the key of an invalid config', async () => {
      write('web.yaml', GOLD);
      write('bad.yaml', 'minReplicas: lots\n');
      const run = await cli(['check', 'web.yaml', '--config', 'bad.yaml']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^readiness: bad\.yaml: .*minReplicas/);
      expect(run.stdout).toBe('');

      write('typo.yaml', 'checks:\n  readiness-prob:\n    enabled: false\n');
      const typo = await cli(['check', 'web.yaml', '--config', 'typo.yaml']);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toMatch(/^readiness: typo\.yaml: .*readiness-prob/);
    });

    it('exits 2 on a config with a syntax error, naming its line', async () => {
      write('web.yaml', GOLD);
      write('broken.yaml', 'checks:\n  pdb: {enabled: false\n');
      const run = await cli(['check', 'web.yaml', '--config', 'broken.yaml']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^readiness: broken\.yaml:\d+: invalid YAML/);
    });

    it('warns about unknown top-level keys', async () => {
      write('web.yaml', GOLD);
      write('typo.yaml', 'minReplica: 5\n');
      const run = await cli(['check', 'web.yaml', '--config', 'typo.yaml']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        'typo.yaml: unknown configuration key "minReplica" ignored',
      );
    });

    it('exempts third-party workloads by match, naming the entry, while the team’s own still count', async () => {
      const vendor = (namespace: string, name: string) =>
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          `metadata: { name: ${name}, namespace: ${namespace} }`,
          'spec:',
          '  selector: { matchLabels: { app: x } }',
          '  template:',
          '    metadata: { labels: { app: x } }',
          '    spec: { containers: [{ name: app, image: vendor/app:latest }] }',
        ].join('\n');
      write('web.yaml', GOLD);
      write('vendor.yaml', vendor('ingress-nginx', 'ingress-nginx-controller'));
      write(
        'lookalike.yaml',
        vendor('shop', 'ingress-nginx-controller').replace(
          'vendor/app:latest',
          'registry.example.com/shop/app:1.0.0',
        ),
      );
      // `until` unquoted, as people write dates in YAML.
      write(
        'exempt.yaml',
        [
          'exemptions:',
          '  - match:',
          '      namespaces: [ingress-*, cert-manager]',
          '      kinds: [Deployment]',
          '    checks: ["*"]',
          '    reason: third-party chart, reviewed by the platform team',
          '    until: 2099-03-31',
        ].join('\n'),
      );
      const args = ['check', 'web.yaml', 'vendor.yaml', '--format', 'json'];
      expect((await cli(args)).code).toBe(1);

      const run = await cli([...args, '--config', 'exempt.yaml']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ReadinessReport;
      const controller = report.workloads.find(
        w => w.namespace === 'ingress-nginx',
      );
      expect(
        controller?.results.every(r => ['exempt', 'skip'].includes(r.status)),
      ).toBe(true);
      expect(
        controller?.results.find(r => r.check === 'image-tag')?.exemption,
      ).toEqual({
        reason: 'third-party chart, reviewed by the platform team',
        until: '2099-03-31',
        source: 'config',
        configKey: 'exemptions[0]',
      });

      // The same chart in the team's own namespace is not exempt.
      const own = await cli([
        'check',
        'lookalike.yaml',
        '--config',
        'exempt.yaml',
      ]);
      expect(own.code).toBe(1);
      expect(own.stdout).not.toContain('Exempt');

      const table = await cli([
        'check',
        'vendor.yaml',
        '--config',
        'exempt.yaml',
      ]);
      expect(table.stdout).toContain(
        'Exempt (exemptions[0]): third-party chart, reviewed by the platform team',
      );
    });

    it('exits 2 naming the key of an invalid match exemption', async () => {
      write('web.yaml', GOLD);
      write(
        'bad-match.yaml',
        [
          'exemptions:',
          '  - match: { namespaces: [Ingress-Nginx] }',
          '    checks: [pbd]',
          '    reason: vendor',
        ].join('\n'),
      );
      const run = await cli([
        'check',
        'web.yaml',
        '--config',
        'bad-match.yaml',
      ]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'bad-match.yaml: Invalid readiness config: exemptions[0].match.namespaces[0]: "Ingress-Nginx" can never match',
      );
      expect(run.stderr).toContain(
        'exemptions[0].checks[0]: "pbd" is not a known check id; did you mean pdb?',
      );
    });

    it('exits 2 when the config is missing or a directory', async () => {
      write('web.yaml', GOLD);
      fs.mkdirSync('conf');
      expect(
        (await cli(['check', 'web.yaml', '--config', 'none.yaml'])).stderr,
      ).toBe('readiness: none.yaml: no such file or directory\n');
      const dir = await cli(['check', 'web.yaml', '--config', 'conf']);
      expect(dir.code).toBe(2);
      expect(dir.stderr).toBe('readiness: conf: is a directory\n');
    });
  });

  describe('--entity', () => {
    it('evaluates the Component of a multi-document catalog file', async () => {
      write('web.yaml', GOLD);
      write('catalog-info.yaml', ENTITY);
      const run = await cli([
        'check',
        'web.yaml',
        '--entity',
        'catalog-info.yaml',
        '--format',
        'json',
      ]);
      const report = JSON.parse(run.stdout) as ReadinessReport;
      expect(report.entity?.ref).toBe('component:default/web');
      expect(report.entity?.results.map(r => r.check)).toEqual(
        expect.arrayContaining(['owner', 'runbook', 'on-call']),
      );
      // No runbook: a high entity-level check fails.
      expect(run.code).toBe(1);
    });

    it('picks up a catalog-info.yaml among the inputs', async () => {
      write('repo/deploy/web.yaml', GOLD);
      write('repo/catalog-info.yaml', ENTITY);
      const run = await cli(['check', 'repo', '--format', 'json']);
      expect(JSON.parse(run.stdout).entity.ref).toBe('component:default/web');
      expect(run.stderr).toContain('evaluating entity component:default/web');
      expect(run.stderr).toContain(
        'catalog entity system:default/shop ignored',
      );
    });

    it('exits 2 for a file without an entity', async () => {
      write('web.yaml', GOLD);
      const run = await cli(['check', 'web.yaml', '--entity', 'web.yaml']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('web.yaml: no catalog entity found');
    });
  });

  describe('formats', () => {
    beforeEach(() => {
      write('deploy/web.yaml', GOLD);
      write('deploy/worker.yaml', BARE);
      write(
        'deploy/ingress.yaml',
        `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: web, port: { number: 80 } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
`,
      );
    });

    it('json: the report of the contract', async () => {
      const run = await cli(['check', 'deploy', '--format', 'json']);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report.summary).toEqual({
        score: expect.any(Number),
        level: 'none',
        productionReady: false,
        counts: {
          pass: expect.any(Number),
          fail: expect.any(Number),
          skip: expect.any(Number),
          exempt: expect.any(Number),
          error: expect.any(Number),
        },
      });
      expect(
        report.workloads.map((w: any) => [w.kind, w.namespace, w.name, w.file]),
      ).toEqual([
        ['Deployment', 'shop', 'web', path.join('deploy', 'web.yaml')],
        ['Deployment', 'default', 'worker', path.join('deploy', 'worker.yaml')],
      ]);
      for (const workload of report.workloads) {
        expect(workload.score).toBeGreaterThanOrEqual(0);
        expect(['gold', 'silver', 'bronze', 'none']).toContain(workload.level);
        for (const result of workload.results) {
          expect(result).toEqual(
            expect.objectContaining({
              check: expect.any(String),
              status: expect.stringMatching(/^(pass|fail|skip|exempt|error)$/),
              severity: expect.stringMatching(/^(critical|high|medium|low)$/),
              message: expect.any(String),
            }),
          );
        }
      }
      const ingress = report.objects.find((o: any) => o.kind === 'Ingress');
      expect(ingress).toMatchObject({
        namespace: 'shop',
        name: 'web',
        file: path.join('deploy', 'ingress.yaml'),
      });
      expect(
        ingress.results.find((r: any) => r.check === 'ingress-tls').status,
      ).toBe('fail');
      expect(report.gate).toEqual({
        minLevel: 'silver',
        levelPassed: false,
        scorePassed: true,
        passed: false,
      });
    });

    it('sarif: SARIF 2.1.0 with a rule per check and a located result per failing finding', async () => {
      const run = await cli(['check', 'deploy', '--format', 'sarif']);
      expect(run.code).toBe(1);
      const log = JSON.parse(run.stdout);
      expect(log.version).toBe('2.1.0');
      expect(log.$schema).toMatch(/sarif-2\.1\.0/);
      const [sarifRun] = log.runs;
      const { rules } = sarifRun.tool.driver;
      expect(rules.map((r: any) => r.id)).toEqual(
        CHECK_DEFINITIONS.map(d => d.id),
      );
      const probe = rules.find((r: any) => r.id === 'readiness-probe');
      expect(probe).toMatchObject({
        name: 'ReadinessProbe',
        shortDescription: { text: expect.any(String) },
        fullDescription: { text: expect.any(String) },
        help: { text: expect.stringContaining('readinessProbe') },
        helpUri: expect.stringMatching(/#readiness-probe$/),
        defaultConfiguration: { level: 'error' },
      });
      expect(
        rules.find((r: any) => r.id === 'cpu-limits').defaultConfiguration
          .level,
      ).toBe('note');
      expect(
        rules.find((r: any) => r.id === 'pod-spread').defaultConfiguration
          .level,
      ).toBe('warning');

      const results = sarifRun.results;
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        expect(rules[result.ruleIndex].id).toBe(result.ruleId);
        expect(['error', 'warning', 'note']).toContain(result.level);
        expect(result.message.text).toEqual(expect.any(String));
        const location = result.locations[0].physicalLocation;
        expect(location.artifactLocation.uri).toMatch(
          /^deploy\/(web|worker|ingress)\.yaml$/,
        );
      }
      const probeResult = results.find(
        (r: any) =>
          r.ruleId === 'readiness-probe' &&
          r.locations[0].physicalLocation.artifactLocation.uri ===
            'deploy/worker.yaml',
      );
      expect(probeResult.level).toBe('error');
      // The probe is missing: the result points at the container that
      // lacks it (line 13 of BARE), not at the top of the file.
      expect(probeResult.locations[0].physicalLocation.region).toEqual({
        startLine: 13,
      });
      expect(probeResult.message.text).toContain('Deployment default/worker');
      const tls = results.find((r: any) => r.ruleId === 'ingress-tls');
      expect(tls.locations[0].physicalLocation.artifactLocation.uri).toBe(
        'deploy/ingress.yaml',
      );
    });

    it('junit: a test suite per object and a test case per check', async () => {
      const run = await cli(['check', 'deploy', '--format', 'junit']);
      expect(run.code).toBe(1);
      const xml = run.stdout;
      expect(
        xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites'),
      ).toBe(true);
      const suites = [
        ...xml.matchAll(
          /<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g,
        ),
      ];
      expect(suites.map(s => s[1])).toEqual([
        'Deployment shop/web',
        'Deployment default/worker',
        'Ingress shop/web',
      ]);
      expect(xml.match(/<testsuite /g)).toHaveLength(3);
      expect(xml.match(/<\/testsuite>/g)).toHaveLength(3);
      const worker = xml.slice(
        xml.indexOf('name="Deployment default/worker"'),
        xml.indexOf('name="Ingress shop/web"'),
      );
      expect(worker).toMatch(
        /<testcase name="readiness-probe" classname="Deployment default\/worker" file="deploy\/worker.yaml" time="0">\n\s*<failure message="[^"]+" type="critical">/,
      );
      expect(worker).toMatch(/<skipped message="[^"]+"\/>/);
      const cases = (worker.match(/<testcase /g) ?? []).length;
      expect(Number(suites[1][2])).toBe(cases);
      expect(Number(suites[1][3])).toBe(
        (worker.match(/<failure /g) ?? []).length,
      );
      // Every opened failure is closed; no raw ampersands.
      expect((xml.match(/<failure /g) ?? []).length).toBe(
        (xml.match(/<\/failure>/g) ?? []).length,
      );
      expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    });

    it('markdown: verdict, failing checks, collapsible details', async () => {
      const run = await cli(['check', 'deploy', '--format', 'markdown']);
      expect(run.code).toBe(1);
      const md = run.stdout;
      expect(md).toMatch(
        /^<!-- prodready-readiness-report -->\n## ❌ Not production ready: score \d+\/100, level none\n/,
      );
      expect(md).toContain('| Severity | Check | Object | Message |');
      expect(md).toMatch(
        /\| critical \| \[`readiness-probe`\]\(.*#readiness-probe\) \| Deployment default\/worker<br><sub>deploy\/worker\.yaml:1<\/sub> \|/,
      );
      expect(md).toContain(
        '<details>\n<summary>✅ Deployment shop/web: 100/100, gold',
      );
      expect(md).toContain('<summary>❌ Deployment default/worker');
      expect((md.match(/<details>/g) ?? []).length).toBe(
        (md.match(/<\/details>/g) ?? []).length,
      );
    });

    it('writes the report to --output and the verdict to stderr', async () => {
      const run = await cli([
        'check',
        'deploy',
        '--format',
        'sarif',
        '--output',
        'out.sarif',
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /sarif report written to out\.sarif; score \d+\/100, level none: readiness-probe \(critical\) fails in Deployment default\/worker and \d+ more; gate failed/,
      );
      expect(JSON.parse(fs.readFileSync('out.sarif', 'utf8')).version).toBe(
        '2.1.0',
      );
    });

    it('exits 2 when --output cannot be written', async () => {
      const run = await cli([
        'check',
        'deploy',
        '--output',
        'missing/dir/out.txt',
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^readiness: missing\/dir\/out\.txt: cannot write the report/,
      );
    });

    it('colours the table only on a terminal without NO_COLOR or --no-color', async () => {
      const ESC = '\u001b[';
      expect((await cli(['check', 'deploy'])).stdout).not.toContain(ESC);
      expect((await cli(['check', 'deploy'], { tty: true })).stdout).toContain(
        ESC,
      );
      expect(
        (await cli(['check', 'deploy', '--no-color'], { tty: true })).stdout,
      ).not.toContain(ESC);
      expect(
        (await cli(['check', 'deploy'], { tty: true, env: { NO_COLOR: '1' } }))
          .stdout,
      ).not.toContain(ESC);
      expect(
        (await cli(['check', 'deploy', '--format', 'json'], { tty: true }))
          .stdout,
      ).not.toContain(ESC);
    });
  });

  describe('docs links', () => {
    // What this package's package.json says, read the way a user would.
    const ownPackage = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8'),
    );
    const ownRepository: string =
      typeof ownPackage.repository === 'string'
        ? ownPackage.repository
        : ownPackage.repository.url;

    const sarifDriver = async (extra: string[]) => {
      const run = await cli([
        'check',
        'web.yaml',
        '--format',
        'sarif',
        ...extra,
      ]);
      expect(run.code).toBe(1);
      return JSON.parse(run.stdout).runs[0].tool.driver;
    };

    beforeEach(() => {
      // Without its readiness probe, so the reports link that check.
      write(
        'web.yaml',
        GOLD.replace(
          '          readinessProbe:\n            httpGet: { path: /ready, port: http }\n',
          '',
        ),
      );
    });

    it('point at docs/checks.md in the repository package.json names', async () => {
      const base = `${ownRepository.replace(
        /\.git$/,
        '',
      )}/blob/main/docs/checks.md`;
      expect(base).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\//);
      const driver = await sarifDriver([]);
      expect(driver.informationUri).toBe(base);
      expect(
        driver.rules.find((r: any) => r.id === 'readiness-probe').helpUri,
      ).toBe(`${base}#readiness-probe`);
      const md = await cli(['check', 'web.yaml', '--format', 'markdown']);
      expect(md.stdout).toContain(
        `[\`readiness-probe\`](${base}#readiness-probe)`,
      );
    });

    it('follow --docs-url', async () => {
      const base = 'https://backstage.internal.example/docs/readiness/checks';
      const driver = await sarifDriver(['--docs-url', base]);
      expect(driver.informationUri).toBe(base);
      expect(
        driver.rules.find((r: any) => r.id === 'readiness-probe').helpUri,
      ).toBe(`${base}#readiness-probe`);
      const md = await cli([
        'check',
        'web.yaml',
        '--format',
        'markdown',
        '--docs-url',
        base,
      ]);
      expect(md.stdout).toContain(
        `[\`readiness-probe\`](${base}#readiness-probe)`,
      );
      expect(md.stdout).not.toContain('/blob/main/docs/checks.md');
    });
  });

  it('never prints a secret value, in any format', async () => {
    write('leaky.yaml', LEAKY);
    write('catalog-info.yaml', ENTITY);
    const outputs: string[] = [];
    for (const format of ['table', 'json', 'sarif', 'junit', 'markdown']) {
      for (const extra of [[], ['--entity', 'catalog-info.yaml']]) {
        const run = await cli(
          ['check', 'leaky.yaml', '--format', format, ...extra],
          { tty: true },
        );
        expect(run.code).toBe(1);
        outputs.push(run.stdout, run.stderr);
      }
    }
    // Stdin and a syntax error next to the secret.
    const broken = await cli(['check', '-'], { stdin: `${LEAKY}  bad: [\n` });
    expect(broken.code).toBe(2);
    outputs.push(broken.stdout, broken.stderr);
    write(
      'broken.json',
      `{"apiVersion": "v1", "kind": "ConfigMap", "data": {"api_token": ${SECRET_MARKER}}}}`,
    );
    const brokenJson = await cli(['check', 'broken.json']);
    expect(brokenJson.code).toBe(2);
    outputs.push(brokenJson.stdout, brokenJson.stderr);

    for (const output of outputs) {
      expect(output).not.toContain(SECRET_MARKER);
    }
    // The checks did see the secrets: only names and paths are reported.
    const json = JSON.parse(outputs[4]) as ReadinessReport;
    const env = json.workloads[0].results.find(
      r => r.check === 'no-secrets-in-env',
    );
    expect(env?.status).toBe('fail');
    expect(JSON.stringify(env)).toContain('DB_PASSWORD');
    const configMap = json.objects.find(o => o.kind === 'ConfigMap');
    expect(
      configMap?.results.find(r => r.check === 'no-secrets-in-configmap')
        ?.status,
    ).toBe('fail');
  });
});

describe('readiness checks', () => {
  it('lists every check with its severity', async () => {
    const run = await cli(['checks']);
    expect(run.code).toBe(0);
    for (const check of CHECK_DEFINITIONS) {
      expect(run.stdout).toMatch(
        new RegExp(`^${check.id}\\s+${check.severity}\\s`, 'm'),
      );
    }
  });

  it('is the source of docs/checks.md, which links point at', async () => {
    const run = await cli(['checks', '--format', 'markdown']);
    const docs = fs.readFileSync(
      path.resolve(__dirname, '../../../docs/checks.md'),
      'utf8',
    );
    // Regenerate with: yarn readiness checks --format markdown > docs/checks.md
    expect(run.stdout).toBe(docs);
    for (const check of CHECK_DEFINITIONS) {
      expect(docs).toContain(`\n### ${check.docsAnchor}\n`);
    }
  });
});
