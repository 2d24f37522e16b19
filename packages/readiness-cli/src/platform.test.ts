import fs from 'node:fs';
import path from 'node:path';
import {
  PLATFORM_CHECK_DEFINITIONS,
  PLATFORM_SNAPSHOT_KINDS,
  PlatformReport,
} from '@prodready/backstage-plugin-readiness-common';
import { parseServerVersion } from './platform';
import { cli, useWorkdir } from './testUtils';

const FIXTURES = path.resolve(__dirname, '../test/platform');
/**
 * A dump of the demo's staging cluster, made by the README's kubectl
 * command against the demo backend's fake API server: it lacks a log
 * shipper, Velero and default-deny policies, and binds cluster-admin to its
 * CI deployer; everything else is in place.
 */
const STAGING = fs.readFileSync(path.join(FIXTURES, 'staging.json'), 'utf8');
const CONFIG = fs.readFileSync(path.join(FIXTURES, 'readiness.yaml'), 'utf8');

const FAILING = [
  'cluster-logging',
  'default-deny-ingress',
  'rbac-least-privilege',
  'backup-system',
  'restores-tested',
];

/** The line of the dump where the object of that kind and name starts. */
function lineOf(text: string, kind: string, name: string): number {
  const lines = text.split('\n');
  const nameLine = lines.findIndex(
    (line, i) =>
      /^"name": "(.*)",?$/.exec(line.trim())?.[1] === name &&
      lines
        .slice(Math.max(0, i - 12), i)
        .some(l => l.includes(`"kind": "${kind}"`)),
  );
  expect(nameLine).toBeGreaterThan(0);
  // The object starts at the `{` before its apiVersion.
  for (let i = nameLine; i >= 0; i--) {
    if (lines[i].trim() === '{') return i + 1;
  }
  throw new Error(`no object start for ${kind} ${name}`);
}

describe('readiness platform', () => {
  const { write } = useWorkdir();
  beforeEach(() => {
    write('staging.json', STAGING);
    write('readiness.yaml', CONFIG);
  });
  const args = [
    'platform',
    'staging.json',
    '--cluster-name',
    'staging',
    '--config',
    'readiness.yaml',
  ];

  it('scores the dump: every platform check, failing ones first, and fails the default gate', async () => {
    const run = await cli(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Cluster staging {2}staging\.json\n/);
    expect(run.stdout).toContain('score 71/100  level bronze');
    for (const check of FAILING) {
      expect(run.stdout).toMatch(new RegExp(`FAIL +\\w+ +${check} `));
    }
    // Passing checks say what satisfied them.
    expect(run.stdout).toMatch(/PASS +high +cluster-metrics +.*prometheus/);
    expect(run.stdout).toMatch(/SKIP +high +backups-recent /);
    // A finding names the object and the line of the field in the dump.
    const binding = lineOf(STAGING, 'ClusterRoleBinding', 'ci-deployer-admin');
    const line = Number(
      /\(ClusterRoleBinding ci-deployer-admin at staging\.json:(\d+)\)/.exec(
        run.stdout,
      )?.[1],
    );
    // subjects[0]: the first element of the binding's subjects.
    expect(STAGING.split('\n')[line - 2].trim()).toBe('"subjects": [');
    expect(line).toBeGreaterThan(binding);
    expect(run.stdout).toMatch(
      /NOT READY score 71\/100, level bronze: cluster-logging \(high\) fails in Cluster staging and 4 more; gate failed \(needs level silver or better\)\n$/,
    );
    expect(run.stderr).toBe('');
  });

  it('applies --min-level and --min-score as check does', async () => {
    expect((await cli([...args, '--min-level', 'bronze'])).code).toBe(0);
    expect(
      (await cli([...args, '--min-level', 'bronze', '--min-score', '72'])).code,
    ).toBe(1);
    expect(
      (await cli([...args, '--min-level', 'bronze', '--min-score', '71'])).code,
    ).toBe(0);
    const bad = await cli([...args, '--min-score', '101']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "option '--min-score <score>' argument '101' is invalid",
    );
  });

  it('reads the gate from the configuration', async () => {
    write('bronze.yaml', `${CONFIG}gate: bronze\n`);
    const run = await cli([
      'platform',
      'staging.json',
      '--config',
      'bronze.yaml',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('READY score 71/100, level bronze');
  });

  it('prints the platform report as JSON: summary and cluster with one result per check', async () => {
    const run = await cli([...args, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as PlatformReport & {
      gate: { passed: boolean; minLevel: string };
    };
    expect(Object.keys(report)).toEqual([
      'summary',
      'cluster',
      'evaluatedAt',
      'gate',
    ]);
    expect(report.summary).toEqual({
      score: 71,
      level: 'bronze',
      productionReady: false,
      counts: { pass: 19, fail: 5, skip: 1, exempt: 0, error: 0 },
    });
    expect(report.cluster.name).toBe('staging');
    expect(report.cluster.results.map(r => r.check)).toEqual(
      PLATFORM_CHECK_DEFINITIONS.map(d => d.id),
    );
    expect(
      report.cluster.results
        .filter(r => r.status === 'fail')
        .map(r => r.check)
        .sort(),
    ).toEqual([...FAILING].sort());
    expect(report.gate).toMatchObject({ passed: false, minLevel: 'silver' });
  });

  it('names the cluster "cluster" by default', async () => {
    const run = await cli(['platform', 'staging.json', '-f', 'json']);
    expect(JSON.parse(run.stdout).cluster.name).toBe('cluster');
  });

  it('locates SARIF results in the dump: the file, and the line of the object a finding names', async () => {
    const run = await cli([...args, '--format', 'sarif']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    const [sarifRun] = sarif.runs;
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(
      PLATFORM_CHECK_DEFINITIONS.map(d => d.id),
    );
    expect(sarifRun.tool.driver.rules[0].properties.tags).toContain(
      'platform-readiness',
    );
    for (const result of sarifRun.results) {
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(
        'staging.json',
      );
    }
    const logging = sarifRun.results.find(
      (r: { ruleId: string }) => r.ruleId === 'cluster-logging',
    );
    expect(logging.locations[0].physicalLocation.region).toBeUndefined();
    expect(logging.locations[0].logicalLocations[0]).toEqual({
      fullyQualifiedName: 'staging',
      kind: 'cluster',
    });
    const denies = sarifRun.results.filter(
      (r: { ruleId: string }) => r.ruleId === 'default-deny-ingress',
    );
    expect(
      denies.map(
        (r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName,
      ),
    ).toEqual(['Namespace/booking', 'Namespace/ci', 'Namespace/tracking']);
    const ci = denies[1].locations[0].physicalLocation.region.startLine;
    // The Namespace's own lines, not another object's.
    expect(ci).toBeGreaterThanOrEqual(lineOf(STAGING, 'Namespace', 'ci'));
    expect(ci).toBeLessThan(lineOf(STAGING, 'Namespace', 'ci') + 15);
  });

  it('writes JUnit with one suite for the cluster and Markdown with the failing checks', async () => {
    const junit = await cli([...args, '--format', 'junit']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toContain(
      '<testsuite name="Cluster staging" tests="25" failures="5" errors="0" skipped="1" time="0" file="staging.json">',
    );
    expect(junit.stdout).toContain(
      '<testcase name="backup-system" classname="Cluster staging" file="staging.json" time="0">',
    );
    const markdown = await cli([...args, '--format', 'markdown']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain(
      '## ❌ Not production ready: score 71/100, level bronze',
    );
    expect(markdown.stdout).toContain(
      'Gate: level silver or better. Cluster `staging` checked: 19 passed, 5 failed, 1 skipped.',
    );
    expect(markdown.stdout).toMatch(
      /\| high \| \[`cluster-logging`\]\(https:\/\/github\.com\/.*\/docs\/checks\.md#cluster-logging\) \| Cluster staging/,
    );
  });

  it('reads standard input and YAML documents', async () => {
    const yaml = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Node
metadata:
  name: node-1
  labels: { topology.kubernetes.io/zone: a }
status: { nodeInfo: { kubeletVersion: v1.36.2 } }
`;
    const run = await cli(['platform', '-', '-f', 'json'], { stdin: yaml });
    const report = JSON.parse(run.stdout) as PlatformReport;
    const version = report.cluster.results.find(
      r => r.check === 'kubernetes-version',
    );
    // No /version in a dump: the oldest kubelet stands for the server.
    expect(version?.status).toBe('pass');
    expect(version?.message).toContain('1.36');
    const overridden = await cli(
      ['platform', '-', '-f', 'json', '--server-version', '1.20'],
      { stdin: yaml },
    );
    expect(
      (JSON.parse(overridden.stdout) as PlatformReport).cluster.results.find(
        r => r.check === 'kubernetes-version',
      )?.status,
    ).toBe('fail');
  });

  it('refuses a --server-version that is not a version', async () => {
    const run = await cli([
      'platform',
      'staging.json',
      '--server-version',
      'latest',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "option '--server-version <version>' argument 'latest' is invalid. it must be a Kubernetes version such as 1.31 or v1.31.2.",
    );
  });

  it('names a malformed file and its line, still scores the rest, and exits 2', async () => {
    write(
      'broken.json',
      '{"apiVersion": "v1", "kind": "List", "items": [\n  {"kind": "Namespace",, }\n]}\n',
    );
    const run = await cli([...args, 'broken.json', '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^readiness: broken\.json:2: /m);
    const report = JSON.parse(run.stdout);
    expect(report.inputErrors).toEqual([
      expect.objectContaining({ file: 'broken.json', line: 2 }),
    ]);
    // The readable dump is still scored, but not certified.
    expect(report.summary.score).toBe(71);
    expect(report.summary.productionReady).toBe(false);
  });

  it('fails the gate on an input without Kubernetes objects, unless --allow-empty', async () => {
    write('empty.json', '{"apiVersion": "v1", "kind": "List", "items": []}\n');
    const run = await cli(['platform', 'empty.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'readiness: nothing evaluated: no Kubernetes objects in the 1 file read from empty.json (--allow-empty accepts an input without Kubernetes objects)\n',
    );
    expect(run.stdout).toContain(
      'NOT READY nothing evaluated: no Kubernetes objects in the 1 file read from empty.json: gate failed (--allow-empty accepts an input without Kubernetes objects)',
    );
    const allowed = await cli(['platform', 'empty.json', '--allow-empty']);
    expect(allowed.code).toBe(0);
  });

  it('warns when the input does not look like a cluster dump', async () => {
    write(
      'deploy.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec: {}\n',
    );
    const run = await cli(['platform', 'deploy.yaml']);
    expect(run.stderr).toContain(
      'readiness: the input holds no Namespace and no Node: is it a cluster dump?',
    );
  });

  it('writes the report to --output and the verdict to stderr', async () => {
    const run = await cli([...args, '-f', 'sarif', '-o', 'platform.sarif']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'readiness: sarif report written to platform.sarif; score 71/100, level bronze',
    );
    expect(JSON.parse(fs.readFileSync('platform.sarif', 'utf8')).version).toBe(
      '2.1.0',
    );
  });
});

describe('readiness checks', () => {
  it('lists the platform checks after the workload checks', async () => {
    const run = await cli(['checks']);
    expect(run.code).toBe(0);
    const [, platform] = run.stdout.split(
      'One result per cluster (readiness platform)\n',
    );
    for (const check of PLATFORM_CHECK_DEFINITIONS) {
      expect(platform).toMatch(
        new RegExp(
          `^${check.id}\\s+${check.severity}\\s+${check.category}\\s`,
          'm',
        ),
      );
    }
  });
});

describe('the README', () => {
  const readme = fs.readFileSync(
    path.resolve(__dirname, '../README.md'),
    'utf8',
  );

  it('dumps every kind the platform checks read, by group', () => {
    const block = /```sh\n(KINDS="[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const kinds = /KINDS="([^"]*)"/.exec(block!)![1].split(/\s+/);
    for (const kind of PLATFORM_SNAPSHOT_KINDS) {
      expect(kinds).toContain(
        kind.group ? `${kind.plural}.${kind.group}` : kind.plural,
      );
    }
    // The workloads, for workloads-ready; never Secrets.
    expect(kinds).toEqual(
      expect.arrayContaining(['deployments.apps', 'statefulsets.apps', 'pods']),
    );
    expect(kinds.some(kind => kind.startsWith('secrets'))).toBe(false);
  });
});

describe('parseServerVersion', () => {
  it('reads versions as kubectl and managed clusters print them', () => {
    expect(parseServerVersion('1.31')).toEqual({ major: '1', minor: '31' });
    expect(parseServerVersion('v1.31.4-eks-1a2b3c')).toEqual({
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.4-eks-1a2b3c',
    });
    expect(parseServerVersion('1.30.2')?.gitVersion).toBe('v1.30.2');
    expect(parseServerVersion('latest')).toBeUndefined();
    expect(parseServerVersion('1')).toBeUndefined();
  });
});
