import path from 'node:path';
import {
  CheckResult,
  ReadinessReport,
  WorkloadReport,
} from '@prodready/backstage-plugin-readiness-common';
import { evaluateGate } from '../gate';
import { FORMATS, FormatContext } from '.';
import { PRETTY_MAX_ENTRIES } from './json';
import { escapeXml } from './junit';
import {
  escapeCell,
  MAX_DETAILED_SUBJECTS,
  MAX_FAILING_ROWS,
} from './markdown';
import { describeExemption } from './shared';
import { artifactUri, sarifLevel } from './sarif';
import { COMPACT_THRESHOLD, MAX_DETAILED } from './table';

const results: CheckResult[] = [
  {
    check: 'readiness-probe',
    status: 'fail',
    severity: 'critical',
    message: 'Some app containers have no readinessProbe.',
    findings: [
      {
        path: 'spec.template.spec.containers[1].readinessProbe',
        message: 'Container "side<car>" & co has none.',
        container: 'side<car>',
      },
    ],
  },
  {
    check: 'cpu-limits',
    status: 'fail',
    severity: 'low',
    message: 'No CPU limit | anywhere.',
  },
  {
    check: 'pdb',
    status: 'exempt',
    severity: 'high',
    message: 'Exempt: singleton by design (No PodDisruptionBudget.)',
    exemption: {
      reason: 'singleton by design',
      until: '2026-12-31',
      source: 'workload',
    },
  },
  {
    check: 'pod-spread',
    status: 'error',
    severity: 'medium',
    message: 'The check could not be evaluated (TypeError: boom).',
  },
  {
    check: 'image-registry',
    status: 'skip',
    severity: 'high',
    message: 'No allowedRegistries configured.',
  },
  { check: 'liveness-probe', status: 'pass', severity: 'high', message: 'ok' },
];

function workload(
  name: string,
  overrides: Partial<WorkloadReport> = {},
): WorkloadReport {
  return {
    kind: 'Deployment',
    namespace: 'shop',
    name,
    file: path.join('deploy', `${name}.yaml`),
    score: 62,
    level: 'none',
    results,
    ...overrides,
  };
}

/** A format's output as one string. */
function render(format: keyof typeof FORMATS, context: FormatContext): string {
  const output = FORMATS[format](context);
  return typeof output === 'string' ? output : [...output].join('');
}

function contextFor(
  report: ReadinessReport,
  overrides: Partial<FormatContext> = {},
): FormatContext {
  return {
    report,
    gate: evaluateGate(report.summary, 'silver'),
    color: false,
    lineOf: ref => (ref.name === 'web' ? 7 : undefined),
    docsUrl: 'https://docs.example.com/checks',
    toolVersion: '1.2.3',
    ...overrides,
  };
}

const report: ReadinessReport = {
  summary: {
    score: 62,
    level: 'none',
    productionReady: false,
    counts: { pass: 1, fail: 2, skip: 1, exempt: 1, error: 1 },
  },
  workloads: [workload('web')],
  objects: [
    {
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'settings',
      file: 'deploy/web.yaml',
      results: [
        {
          check: 'no-secrets-in-configmap',
          status: 'pass',
          severity: 'high',
          message: 'No key looks like a secret.',
        },
      ],
    },
  ],
  entity: {
    ref: 'component:default/web',
    results: [
      {
        check: 'runbook',
        status: 'fail',
        severity: 'high',
        message: 'No runbook link.',
      },
    ],
  },
  evaluatedAt: '2026-11-22T10:00:00.000Z',
};

describe('formats', () => {
  it('table: failing checks first with findings, exemptions, summary', () => {
    const text = render(
      'table',
      contextFor(report, {
        entitySource: { file: 'catalog-info.yaml', line: 3 },
      }),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      `Deployment shop/web  ${path.join('deploy', 'web.yaml')}:7`,
    );
    expect(lines[1]).toBe(
      '  score 62/100  level none  (1 passed, 2 failed, 1 error, 1 exempt, 1 skipped)',
    );
    expect(lines[2]).toMatch(
      /^ {2}FAIL {4}critical {2}readiness-probe {2}Some app containers/,
    );
    expect(lines[3]).toBe(
      '                    - spec.template.spec.containers[1].readinessProbe: Container "side<car>" & co has none.',
    );
    expect(lines[4]).toMatch(/^ {2}FAIL {4}low {7}cpu-limits/);
    expect(lines[5]).toMatch(/^ {2}ERROR {3}medium {4}pod-spread/);
    expect(lines[6]).toMatch(/^ {2}EXEMPT {2}high {6}pdb/);
    expect(lines[7]).toBe('                    exempt until 2026-12-31');
    // A ConfigMap with nothing to fix is left out; the entity is shown.
    expect(text).not.toContain('ConfigMap shop/settings');
    expect(text).toContain('Entity component:default/web  catalog-info.yaml:3');
    expect(text).toContain(
      'Summary: 1 workload, 1 other object, entity component:default/web; 1 passed, 2 failed, 1 error, 1 exempt, 1 skipped',
    );
    expect(text.trimEnd().split('\n').pop()).toBe(
      'NOT READY score 62/100, level none: readiness-probe (critical) fails in Deployment shop/web; gate failed (needs level silver or better)',
    );
  });

  it('json: the report as is, with the gate', () => {
    const parsed = JSON.parse(render('json', contextFor(report)));
    const { gate, ...rest } = parsed;
    expect(rest).toEqual(report);
    expect(gate).toEqual({
      minLevel: 'silver',
      levelPassed: false,
      scorePassed: true,
      passed: false,
    });
  });

  it('json: large reports put one workload per line, streamed', () => {
    const large: ReadinessReport = {
      ...report,
      workloads: Array.from({ length: PRETTY_MAX_ENTRIES + 1 }, (_, i) =>
        workload(`app-${i}`),
      ),
    };
    const output = FORMATS.json(contextFor(large));
    expect(typeof output).not.toBe('string');
    const text = [...(output as Iterable<string>)].join('');
    const { gate, ...rest } = JSON.parse(text);
    expect(rest).toEqual(large);
    expect(gate.passed).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toMatch(/^ {2}"summary": \{"score":62,/);
    expect(lines[2]).toBe('  "workloads": [');
    expect(lines[3]).toMatch(
      /^ {4}\{"kind":"Deployment","namespace":"shop","name":"app-0",.*\},$/,
    );
    expect(
      lines.filter(line => line.includes('"kind":"Deployment"')),
    ).toHaveLength(PRETTY_MAX_ENTRIES + 1);
  });

  it('sarif: maps severities to levels and files to relative URIs', () => {
    expect(sarifLevel('critical')).toBe('error');
    expect(sarifLevel('high')).toBe('error');
    expect(sarifLevel('medium')).toBe('warning');
    expect(sarifLevel('low')).toBe('note');
    expect(artifactUri('./deploy/web.yaml')).toBe('deploy/web.yaml');
    expect(artifactUri(path.join('deploy', 'my app.yaml'))).toBe(
      'deploy/my%20app.yaml',
    );
    expect(artifactUri('/abs/web.yaml')).toBe('file:///abs/web.yaml');
    expect(artifactUri('<stdin>')).toBe('stdin');
    expect(artifactUri('a#b.yaml')).toBe('a%23b.yaml');
  });

  it('sarif: results for failing findings, notifications for errors', () => {
    const log = JSON.parse(
      render(
        'sarif',
        contextFor(report, {
          entitySource: { file: 'catalog-info.yaml', line: 3 },
        }),
      ),
    );
    const [run] = log.runs;
    expect(run.tool.driver).toMatchObject({
      name: 'readiness',
      version: '1.2.3',
    });
    const rule = run.tool.driver.rules.find(
      (r: any) => r.id === 'no-privileged',
    );
    expect(rule.helpUri).toBe('https://docs.example.com/checks#no-privileged');
    expect(rule.properties['security-severity']).toBe('9.0');
    expect(rule.help.markdown).toContain('```yaml');
    expect(run.results.map((r: any) => [r.ruleId, r.level])).toEqual([
      ['readiness-probe', 'error'],
      ['cpu-limits', 'note'],
      ['runbook', 'error'],
    ]);
    const [probe, , runbook] = run.results;
    expect(probe.message.text).toBe(
      'Deployment shop/web: Container "side<car>" & co has none. (spec.template.spec.containers[1].readinessProbe)',
    );
    expect(probe.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7 },
    });
    expect(runbook.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'catalog-info.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3 },
    });
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1);
    expect(
      run.invocations[0].toolExecutionNotifications[0].message.text,
    ).toContain('pod-spread');
  });

  it('junit: failure, skipped and error elements, escaped', () => {
    const xml = render('junit', contextFor(report));
    expect(xml).toContain(
      '<testsuites name="readiness: score 62, level none" tests="8" failures="3" errors="1" skipped="2" time="0" timestamp="2026-11-22T10:00:00.000Z">',
    );
    expect(xml).toContain(
      `<testsuite name="Deployment shop/web" tests="6" failures="2" errors="1" skipped="2" time="0" file="${path.join(
        'deploy',
        'web.yaml',
      )}">`,
    );
    expect(xml).toContain('<property name="score" value="62"/>');
    expect(xml).toContain(
      '<failure message="Some app containers have no readinessProbe." type="critical">Some app containers have no readinessProbe.\n- spec.template.spec.containers[1].readinessProbe: Container &quot;side&lt;car&gt;&quot; &amp; co has none. (deploy/web.yaml:7)</failure>',
    );
    expect(xml).toContain(
      '<skipped message="exempt: singleton by design (until 2026-12-31)"/>',
    );
    expect(xml).toContain(
      '<skipped message="No allowedRegistries configured."/>',
    );
    expect(xml).toContain(
      '<error message="The check could not be evaluated (TypeError: boom)." type="error"/>',
    );
    expect(xml).toContain(
      '<testcase name="liveness-probe" classname="Deployment shop/web"',
    );
    expect(xml).toContain(
      '<testsuite name="Entity component:default/web" tests="1" failures="1"',
    );
  });

  it('names the config entry of a config exemption, with its end date', () => {
    const exempt = (exemption: CheckResult['exemption']): CheckResult => ({
      check: 'pdb',
      status: 'exempt',
      severity: 'high',
      message: 'Exempt.',
      exemption,
    });
    expect(
      describeExemption(
        exempt({
          reason: 'vendor',
          source: 'config',
          configKey: 'exemptions[2]',
        }),
      ),
    ).toBe('vendor (exemptions[2])');
    expect(
      describeExemption(
        exempt({
          reason: 'vendor',
          until: '2027-03-31',
          source: 'config',
          configKey: 'exemptions[2]',
        }),
      ),
    ).toBe('vendor (exemptions[2], until 2027-03-31)');
    expect(
      describeExemption(exempt({ reason: 'vendor', source: 'entity' })),
    ).toBe('vendor');
  });

  it('junit: escapes XML and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0000\u001bd\te`)).toBe(
      'a&lt;b&gt;&amp;&quot;c&apos;d\te',
    );
  });

  it('markdown: escapes cells and caps the size of the comment', () => {
    expect(escapeCell('a | b <i>\nc')).toBe('a \\| b &lt;i&gt;<br>c');
    const many: ReadinessReport = {
      ...report,
      workloads: Array.from({ length: 100 }, (_, i) => workload(`app-${i}`)),
    };
    const md = render('markdown', contextFor(many));
    expect(md.length).toBeLessThan(65_536);
    const rows = md
      .split('\n')
      .filter(line => /^\| (critical|high|medium|low) \|/.test(line));
    expect(rows).toHaveLength(MAX_FAILING_ROWS);
    expect(md).toContain(`…and ${201 - MAX_FAILING_ROWS} more failing checks`);
    expect((md.match(/<details>/g) ?? []).length).toBeLessThanOrEqual(
      MAX_DETAILED_SUBJECTS,
    );
    expect(md).toMatch(/…and \d+ more; run `readiness check` locally/);
    expect(md).toContain('No CPU limit \\| anywhere.');
  });

  it('markdown: a passing report', () => {
    const passing: ReadinessReport = {
      summary: {
        score: 100,
        level: 'gold',
        productionReady: true,
        counts: { pass: 1, fail: 0, skip: 0, exempt: 0, error: 0 },
      },
      workloads: [
        workload('web', { score: 100, level: 'gold', results: [results[5]] }),
      ],
      objects: [],
      evaluatedAt: '2026-11-22T10:00:00.000Z',
    };
    const md = render('markdown', contextFor(passing));
    expect(md).toContain('## ✅ Production ready: score 100/100, level gold');
    expect(md).not.toContain('### Failing checks');
    expect(md).toContain('Every applicable check passes.');
  });

  describe('many workloads', () => {
    const passing: CheckResult[] = [
      {
        check: 'readiness-probe',
        status: 'pass',
        severity: 'critical',
        message: 'ok',
      },
      { check: 'pdb', status: 'pass', severity: 'high', message: 'ok' },
    ];
    const noProbe: CheckResult = {
      check: 'readiness-probe',
      status: 'fail',
      severity: 'critical',
      message: 'Some app containers have no readinessProbe.',
      findings: [
        {
          path: 'spec.template.spec.containers[0].readinessProbe',
          message: 'No readinessProbe is set.',
        },
      ],
    };
    const noPdb: CheckResult = {
      check: 'pdb',
      status: 'fail',
      severity: 'high',
      message: 'No PodDisruptionBudget selects the pods.',
    };
    // 12 workloads: 9 gold, 2 without a PDB (bronze), 1 without probe (none).
    const many: ReadinessReport = {
      ...report,
      summary: { ...report.summary, level: 'none', score: 90 },
      objects: [],
      entity: undefined,
      workloads: Array.from({ length: COMPACT_THRESHOLD + 2 }, (_, i) => {
        if (i === 3 || i === 7) {
          return workload(`api-${i}`, {
            score: 67,
            level: 'bronze',
            results: [passing[0], noPdb],
          });
        }
        if (i === 9) {
          return workload('loadgen', {
            score: 33,
            level: 'none',
            results: [noProbe, passing[1]],
          });
        }
        return workload(`app-${i}`, {
          score: 100,
          level: 'gold',
          results: passing,
        });
      }),
    };

    it('table: rolls up by check, lists what sinks the gate worst first, names the cause', () => {
      const text = render('table', contextFor(many));
      const lines = text.trimEnd().split('\n');
      expect(lines.slice(0, 4)).toEqual([
        'Failing checks',
        '  critical  readiness-probe  fails in 1 of 12',
        '  high      pdb              fails in 2 of 12',
        '',
      ]);
      expect(lines[4]).toBe('Below the gate (level silver or better): 3 of 12');
      expect(lines.slice(5, 8).map(line => line.split('  ')[1])).toEqual([
        'Deployment shop/loadgen',
        'Deployment shop/api-3',
        'Deployment shop/api-7',
      ]);
      expect(lines[5]).toMatch(
        /score 33\/100 {2}level none {2}readiness-probe$/,
      );
      // Those below the gate in full, with findings; the gold ones not.
      expect(text).toContain(
        '                    - spec.template.spec.containers[0].readinessProbe: No readinessProbe is set.',
      );
      expect(text).not.toContain('Deployment shop/app-0');
      expect(text).toContain(
        'The other 9 workloads are not shown in full: --verbose shows every one.',
      );
      expect(lines[lines.length - 1]).toBe(
        'NOT READY score 90/100, level none: readiness-probe (critical) fails in Deployment shop/loadgen; gate failed (needs level silver or better)',
      );
    });

    it('table: --verbose shows every workload; few workloads are always shown in full', () => {
      const verbose = render('table', contextFor(many, { verbose: true }));
      expect(verbose).not.toContain('Failing checks');
      expect(verbose).toContain('Deployment shop/app-0');
      expect(verbose.match(/^Deployment /gm)).toHaveLength(
        COMPACT_THRESHOLD + 2,
      );
      const few = render(
        'table',
        contextFor({
          ...many,
          workloads: many.workloads.slice(0, COMPACT_THRESHOLD),
        }),
      );
      expect(few).not.toContain('Failing checks');
      expect(few.match(/^Deployment /gm)).toHaveLength(COMPACT_THRESHOLD);
    });

    it('table: at most MAX_DETAILED workloads in full, "and N more" in the cause', () => {
      const failing: ReadinessReport = {
        ...many,
        workloads: many.workloads.map(w => ({
          ...w,
          score: 33,
          level: 'none',
          results: [noProbe, passing[1]],
        })),
      };
      const text = render('table', contextFor(failing));
      expect(text.match(/^Deployment /gm)).toHaveLength(MAX_DETAILED);
      expect(text).toContain(
        `The other ${12 - MAX_DETAILED} workloads are not shown in full`,
      );
      expect(text.trimEnd().split('\n').pop()).toBe(
        'NOT READY score 90/100, level none: readiness-probe (critical) fails in Deployment shop/app-0 and 11 more; gate failed (needs level silver or better)',
      );
    });
  });

  describe('locations', () => {
    // A workload whose PDB (in its own file) allows no eviction, and a
    // missing memory limit on its second container.
    const located: ReadinessReport = {
      ...report,
      entity: undefined,
      objects: [],
      workloads: [
        workload('web', {
          results: [
            {
              check: 'pdb-allows-eviction',
              status: 'fail',
              severity: 'medium',
              message: 'The PodDisruptionBudget allows no eviction.',
              findings: [
                {
                  path: 'spec.minAvailable',
                  message: 'minAvailable 3 with 3 replicas.',
                  object: {
                    kind: 'PodDisruptionBudget',
                    namespace: 'shop',
                    name: 'web',
                    file: 'deploy/pdb.yaml',
                  },
                },
              ],
            },
            {
              check: 'memory-limits',
              status: 'fail',
              severity: 'high',
              message: 'Some app containers set no memory limit.',
              findings: [
                {
                  path: 'spec.template.spec.containers[1].resources.limits.memory',
                  message: 'Container "sidecar" sets none.',
                  container: 'sidecar',
                },
              ],
            },
          ],
        }),
      ],
    };
    const fieldLines: Record<string, number> = {
      'deploy/pdb.yaml spec.minAvailable': 6,
      'deploy/web.yaml spec.template.spec.containers[1].resources.limits.memory': 31,
    };
    const context = (overrides: Partial<FormatContext> = {}) =>
      contextFor(located, {
        lineOf: ref => (ref.kind === 'PodDisruptionBudget' ? 1 : 7),
        fieldLineOf: (ref, fieldPath) => fieldLines[`${ref.file} ${fieldPath}`],
        ...overrides,
      });

    it("sarif: at the line of the field, in the related object's own file; the file is in the fingerprint", () => {
      const [run] = JSON.parse(render('sarif', context())).runs;
      const where = run.results.map((r: any) => [
        r.ruleId,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
        r.locations[0].logicalLocations[0].fullyQualifiedName,
      ]);
      expect(where).toEqual([
        [
          'pdb-allows-eviction',
          'deploy/pdb.yaml',
          6,
          'shop/PodDisruptionBudget/web',
        ],
        ['memory-limits', 'deploy/web.yaml', 31, 'shop/Deployment/web'],
      ]);
      expect(run.results[0].message.text).toBe(
        'Deployment shop/web: minAvailable 3 with 3 replicas. (PodDisruptionBudget shop/web: spec.minAvailable)',
      );
      const fingerprint = (r: any) =>
        r.partialFingerprints['readinessFinding/v2'];
      expect(fingerprint(run.results[0])).toContain('deploy/pdb.yaml');
      // The same object in another file (another overlay) is another alert.
      const moved: ReadinessReport = {
        ...located,
        workloads: [{ ...located.workloads[0], file: 'other/web.yaml' }],
      };
      const [movedRun] = JSON.parse(
        render('sarif', contextFor(moved, { lineOf: () => 1 })),
      ).runs;
      expect(fingerprint(movedRun.results[1])).not.toBe(
        fingerprint(run.results[1]),
      );
      // Without field lines, the object's own line.
      const [plain] = JSON.parse(
        render('sarif', context({ fieldLineOf: undefined })),
      ).runs;
      expect(
        plain.results.map(
          (r: any) => r.locations[0].physicalLocation.region.startLine,
        ),
      ).toEqual([1, 7]);
    });

    it('junit, markdown and table: findings about a related object name it and its file', () => {
      const xml = render('junit', context());
      expect(xml).toContain(
        '- spec.minAvailable: minAvailable 3 with 3 replicas. (deploy/pdb.yaml:6)',
      );
      expect(xml).toContain(
        '- spec.template.spec.containers[1].resources.limits.memory: Container &quot;sidecar&quot; sets none. (deploy/web.yaml:31)',
      );
      const md = render('markdown', context());
      expect(md).toContain(
        '`spec.minAvailable` minAvailable 3 with 3 replicas. (PodDisruptionBudget shop/web at deploy/pdb.yaml:6)',
      );
      const table = render('table', context());
      expect(table).toContain(
        '- spec.minAvailable: minAvailable 3 with 3 replicas. (PodDisruptionBudget shop/web at deploy/pdb.yaml:6)',
      );
    });

    it('unreadable inputs: SARIF error notifications, a JUnit suite, a Markdown list', () => {
      const inputErrors = [
        { file: 'deploy/broken.yaml', line: 4, message: 'invalid YAML: x' },
        { file: 'charts/web', message: 'a Helm chart: render it first' },
      ];
      const gate = evaluateGate(located.summary, 'silver', undefined, {
        unreadableInputs: 2,
      });
      const [run] = JSON.parse(
        render('sarif', context({ inputErrors, gate })),
      ).runs;
      expect(run.invocations[0].executionSuccessful).toBe(false);
      expect(
        run.invocations[0].toolExecutionNotifications.map((n: any) => [
          n.level,
          n.message.text,
          n.locations[0].physicalLocation.artifactLocation.uri,
          n.locations[0].physicalLocation.region?.startLine,
        ]),
      ).toEqual([
        [
          'error',
          'deploy/broken.yaml: invalid YAML: x',
          'deploy/broken.yaml',
          4,
        ],
        [
          'error',
          'charts/web: a Helm chart: render it first',
          'charts/web',
          undefined,
        ],
      ]);
      const xml = render('junit', context({ inputErrors, gate }));
      expect(xml).toContain(
        '<testsuite name="Unreadable inputs" tests="2" failures="0" errors="2" skipped="0" time="0">',
      );
      expect(xml).toContain(
        '<testcase name="deploy/broken.yaml:4" classname="Unreadable inputs" file="deploy/broken.yaml" time="0">\n      <error message="invalid YAML: x" type="unreadable-input"/>',
      );
      const md = render('markdown', context({ inputErrors, gate }));
      expect(md).toContain('**2 inputs could not be read**');
      expect(md).toContain('- `deploy/broken.yaml:4`: invalid YAML: x');
      const json = JSON.parse(render('json', context({ inputErrors, gate })));
      expect(json.inputErrors).toEqual(inputErrors);
      expect(json.gate).toMatchObject({ passed: false, unreadableInputs: 2 });
    });
  });
});
