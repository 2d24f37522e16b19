import path from 'node:path';
import { ReadinessReport } from '@prodready/backstage-plugin-readiness-common';
import { cli, useWorkdir } from './testUtils';

/** A plain Deployment as an application repository keeps it. */
function deployment(name: string, namespace = 'shop') {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: 2
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: ${name}
          image: ghcr.io/acme/${name}:1.2.0
          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
`;
}

/** kube-prometheus's `manifests/setup`: CRDs and the namespace, no workload. */
function crd(plural: string, kind: string) {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  annotations:
    controller-gen.kubebuilder.io/version: v0.13.0
  name: ${plural}.monitoring.coreos.com
spec:
  group: monitoring.coreos.com
  names:
    categories: [prometheus-operator]
    kind: ${kind}
    listKind: ${kind}List
    plural: ${plural}
    singular: ${kind.toLowerCase()}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-preserve-unknown-fields: true
`;
}

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop-web
  annotations:
    backstage.io/kubernetes-id: shop-web
spec:
  type: service
  lifecycle: production
  owner: group:default/shop
`;

/** A chart as `helm create` lays it out. */
const CHART_YAML = `apiVersion: v2
name: podinfo
version: 6.7.1
appVersion: 6.7.1
`;
const CHART_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "podinfo.fullname" . }}
  labels:
    {{- include "podinfo.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
`;

describe('readiness check: inputs', () => {
  const { write } = useWorkdir();

  describe('unreadable inputs', () => {
    beforeEach(() => {
      write('deploy/web.yaml', deployment('web'));
      // Line 5: indented deeper than the mapping it is in.
      write(
        'deploy/broken.yaml',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n    labels: {}\n',
      );
      // Line 3: a missing comma in a `kubectl get -o json` dump.
      write(
        'deploy/dump.json',
        '{\n  "apiVersion": "v1",\n  "kind": "List"\n  "items": []\n}\n',
      );
      // A template copied out of a chart, line 4 holds the first {{ }}.
      write('deploy/from-chart.yaml', CHART_TEMPLATE);
      write('charts/podinfo/Chart.yaml', CHART_YAML);
      write('charts/podinfo/values.yaml', 'replicaCount: 1\n');
      write('charts/podinfo/templates/deployment.yaml', CHART_TEMPLATE);
    });

    it('reports every one with its file and line, evaluates the rest and exits 2', async () => {
      const run = await cli([
        'check',
        'deploy',
        'charts',
        'missing.yaml',
        '--format',
        'json',
      ]);
      expect(run.code).toBe(2);
      const errors = run.stderr
        .split('\n')
        .filter(line => line.startsWith('readiness: '));
      expect(errors).toEqual([
        expect.stringMatching(
          /^readiness: deploy\/broken\.yaml:5: invalid YAML: /,
        ),
        expect.stringMatching(
          /^readiness: deploy\/dump\.json:4: invalid JSON: /,
        ),
        expect.stringMatching(
          /^readiness: deploy\/from-chart\.yaml:4: un-rendered Helm or Go template.*helm template/,
        ),
        `readiness: charts${path.sep}podinfo: a Helm chart (it holds Chart.yaml and templates), whose templates are not manifests until rendered: render it first, e.g. \`helm template podinfo charts${path.sep}podinfo | readiness check - --stdin-filename charts${path.sep}podinfo\``,
        'readiness: missing.yaml: no such file or directory',
      ]);

      // The readable rest is evaluated and printed, with the errors.
      const report = JSON.parse(run.stdout) as ReadinessReport & {
        gate: { passed: boolean; unreadableInputs: number };
        inputErrors: Array<{ file: string; line?: number; message: string }>;
      };
      expect(report.workloads.map(w => `${w.file} ${w.name}`)).toEqual([
        `${path.join('deploy', 'web.yaml')} web`,
      ]);
      expect(report.summary.productionReady).toBe(false);
      expect(report.gate).toMatchObject({ passed: false, unreadableInputs: 5 });
      expect(report.inputErrors.map(e => [e.file, e.line ?? null])).toEqual([
        [path.join('deploy', 'broken.yaml'), 5],
        [path.join('deploy', 'dump.json'), 4],
        [path.join('deploy', 'from-chart.yaml'), 4],
        [path.join('charts', 'podinfo'), null],
        ['missing.yaml', null],
      ]);
    });

    it('earns no level when nothing could be read: a chart alone is level none, not gold over nothing', async () => {
      const run = await cli(['check', 'charts', '--format', 'json']);
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as ReadinessReport;
      expect(report.workloads).toEqual([]);
      expect(report.summary).toMatchObject({
        level: 'none',
        productionReady: false,
      });
    });

    it('says so on the table verdict line, even when the rest would pass', async () => {
      const run = await cli(['check', 'deploy', '--min-level', 'none']);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain('Deployment shop/web');
      expect(run.stdout.trimEnd().split('\n').pop()).toMatch(
        /^NOT READY 3 inputs could not be read \(listed on stderr\): gate failed; the rest scores \d+\/100, level \w+$/,
      );
    });

    it("reads a chart folder without templates: a chart's output kept beside its Chart.yaml", async () => {
      write(
        'vendor/redis-ha/Chart.yaml',
        CHART_YAML.replace('podinfo', 'redis-ha'),
      );
      write(
        'vendor/redis-ha/values.yaml',
        'replicas: 3\nhaproxy:\n  enabled: true\n',
      );
      write('vendor/redis-ha/upstream.yaml', deployment('redis-ha-haproxy'));
      for (const args of [
        ['vendor'],
        ['vendor/redis-ha/Chart.yaml', 'vendor/redis-ha/upstream.yaml'],
      ]) {
        const run = await cli([
          'check',
          ...args,
          '--format',
          'json',
          '--min-level',
          'none',
        ]);
        // Chart.yaml named as a file is read, and noted as no object.
        expect(run.stderr).not.toContain('Helm chart');
        expect(run.stderr.includes('Chart.yaml')).toBe(args[0] !== 'vendor');
        expect(run.code).toBe(0);
        expect(
          (JSON.parse(run.stdout) as ReadinessReport).workloads.map(
            w => w.name,
          ),
        ).toEqual(['redis-ha-haproxy']);
      }
    });

    it('refuses a Chart.yaml given as a file, and a chart given as the argument', async () => {
      for (const argument of ['charts/podinfo/Chart.yaml', 'charts/podinfo']) {
        const run = await cli(['check', argument]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(
          `a Helm chart (it holds Chart.yaml and templates), whose templates are not manifests until rendered: render it first, e.g. \`helm template podinfo charts${path.sep}podinfo | readiness check -`,
        );
      }
    });
  });

  describe('--exclude', () => {
    beforeEach(() => {
      write('deploy/web.yaml', deployment('web'));
      write('deploy/legacy/old.yaml', deployment('old'));
      write('deploy/overlays/prod/web-patch.yaml', deployment('web'));
      write('charts/podinfo/Chart.yaml', CHART_YAML);
      write('charts/podinfo/templates/deployment.yaml', CHART_TEMPLATE);
    });

    const names = (stdout: string) =>
      (JSON.parse(stdout) as ReadinessReport).workloads.map(w => w.file);

    it('leaves out paths relative to the current directory', async () => {
      const run = await cli([
        'check',
        '.',
        '--format',
        'json',
        '--min-level',
        'none',
        '--exclude',
        'charts/**',
        '--exclude',
        '**/*-patch.yaml',
        '-x',
        'deploy/legacy',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(names(run.stdout)).toEqual([path.join('deploy', 'web.yaml')]);
    });

    it('leaves out paths relative to the directory argument, and file arguments', async () => {
      write('other/extra.yaml', deployment('extra'));
      const run = await cli([
        'check',
        'deploy',
        'other/extra.yaml',
        '--format',
        'json',
        '--min-level',
        'none',
        '--exclude',
        'legacy/**',
        '--exclude',
        'overlays',
        '--exclude',
        'other/*.yaml',
      ]);
      expect(run.code).toBe(0);
      expect(names(run.stdout)).toEqual([path.join('deploy', 'web.yaml')]);
    });

    it('says when everything was left out', async () => {
      const run = await cli(['check', 'deploy', '--exclude', '*.yaml']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'readiness: nothing evaluated: every manifest in deploy was left out by --exclude (3 paths) (--allow-empty accepts an input without workloads)\n',
      );
    });
  });

  describe('inputs without workloads', () => {
    it('fails on an empty folder', async () => {
      write('deploy/README.md', '# manifests go here\n');
      const run = await cli(['check', 'deploy']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'readiness: nothing evaluated: no manifest files (.yaml, .yml, .json) in deploy (--allow-empty accepts an input without workloads)\n',
      );
      expect(run.stdout).not.toContain('READY score 100/100');
      expect(run.stdout.trimEnd().split('\n').pop()).toMatch(
        /^NOT READY nothing evaluated: no manifest files/,
      );
    });

    it('fails on a folder of CRDs, naming the kinds it found', async () => {
      write(
        'manifests/setup/0alertmanagerCustomResourceDefinition.yaml',
        crd('alertmanagers', 'Alertmanager'),
      );
      write(
        'manifests/setup/0prometheusCustomResourceDefinition.yaml',
        crd('prometheuses', 'Prometheus'),
      );
      write(
        'manifests/setup/0servicemonitorCustomResourceDefinition.yaml',
        crd('servicemonitors', 'ServiceMonitor'),
      );
      write(
        'manifests/setup/namespace.yaml',
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n',
      );
      const run = await cli(['check', 'manifests/setup', '--format', 'json']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'readiness: nothing evaluated: no workload among the 4 objects read from manifests/setup, only 3 CustomResourceDefinition, 1 Namespace; a workload is a Deployment, StatefulSet',
      );
      const report = JSON.parse(run.stdout);
      expect(report.workloads).toEqual([]);
      expect(report.summary).toMatchObject({
        level: 'none',
        productionReady: false,
      });
      expect(report.gate.passed).toBe(false);
      expect(report.gate.nothingEvaluated).toMatch(/^no workload among/);

      // --allow-empty accepts it, and still says what happened.
      const allowed = await cli(['check', 'manifests/setup', '--allow-empty']);
      expect(allowed.code).toBe(0);
      expect(allowed.stderr).toMatch(
        /^readiness: nothing evaluated: no workload among .* \(accepted with --allow-empty\)\n$/,
      );
    });

    it('names a workload kind of another API group with its apiVersion', async () => {
      write(
        'crossplane/composition.yaml',
        deployment('web').replace(
          'apiVersion: apps/v1',
          'apiVersion: kubernetes.crossplane.io/v1alpha1',
        ),
      );
      const run = await cli(['check', 'crossplane']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'no workload among the 1 object read from crossplane, only 1 Deployment (kubernetes.crossplane.io/v1alpha1);',
      );
    });

    it('fails on a catalog entity alone', async () => {
      write('catalog-info.yaml', CATALOG_INFO);
      const run = await cli(['check', '.']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "readiness: nothing evaluated: only catalog entities (component:default/shop-web) in .; give the service's manifests too",
      );
    });

    it('fails on standard input with nothing in it', async () => {
      const run = await cli(['check', '-'], { stdin: '' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'readiness: nothing evaluated: no Kubernetes objects in the 1 file read from <stdin>',
      );
    });
  });

  it('prints warnings of the evaluation on stderr and keeps them in the JSON report', async () => {
    write(
      'web.yaml',
      deployment('web').replace(
        'metadata:\n  name: web\n',
        "metadata:\n  name: web\n  annotations:\n    prodready.dev/exempt.readines-probe: 'probes come in JIRA-42'\n",
      ),
    );
    const run = await cli(['check', 'web.yaml', '--format', 'json']);
    const warnings = run.stderr
      .split('\n')
      .filter(line => line.startsWith('readiness: warning: '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('prodready.dev/exempt.readines-probe');
    expect(warnings[0]).toContain('readiness-probe');
    const report = JSON.parse(run.stdout) as ReadinessReport;
    expect(report.warnings).toEqual([
      warnings[0].slice('readiness: warning: '.length),
    ]);
  });

  it('locates SARIF results in a `kubectl get deploy -A -o json` dump at the line of the field', async () => {
    const item = (name: string, namespace: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace,
        uid: `0b6f-${name}`,
        resourceVersion: '48213',
        generation: 1,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              {
                name,
                image: `ghcr.io/acme/${name}:1.0.0`,
                resources: {},
                terminationMessagePolicy: 'File',
              },
            ],
            dnsPolicy: 'ClusterFirst',
          },
        },
      },
      status: { replicas: 1, readyReplicas: 1 },
    });
    // As kubectl prints it: 4-space indentation.
    const text = `${JSON.stringify(
      {
        apiVersion: 'v1',
        items: [item('web', 'shop'), item('loadgen', 'load')],
        kind: 'List',
        metadata: { resourceVersion: '' },
      },
      null,
      4,
    )}\n`;
    write('cluster/deployments.json', text);
    const lines = text.split('\n');
    const lineOf = (needle: string, from = 0) =>
      lines.findIndex((line, i) => i >= from && line.includes(needle)) + 1;
    const loadgenStart = lineOf('"name": "loadgen"');
    const loadgenResources = lineOf('"resources": {}', loadgenStart);

    const run = await cli([
      'check',
      'cluster/deployments.json',
      '--format',
      'sarif',
    ]);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout).runs[0].results as any[];
    const at = (check: string, name: string) =>
      results.find(
        r =>
          r.ruleId === check &&
          r.locations[0].logicalLocations[0].name === name,
      ).locations[0].physicalLocation;
    expect(at('memory-limits', 'loadgen')).toEqual({
      artifactLocation: {
        uri: 'cluster/deployments.json',
        uriBaseId: '%SRCROOT%',
      },
      region: { startLine: loadgenResources },
    });
    expect(at('replicas', 'loadgen').region.startLine).toBe(
      lineOf('"replicas": 1', loadgenStart),
    );
    expect(at('memory-limits', 'web').region.startLine).toBe(
      lineOf('"resources": {}'),
    );
  });
});
