import {
  CHECK_IDS,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import { CHECKS, PROXY_LINE, WEB, WORKER } from './customCheckFixtures';
import { cli, useWorkdir } from './testUtils';

describe('custom checks in readiness check', () => {
  const { write } = useWorkdir();

  beforeEach(() => {
    write('checks.yaml', CHECKS);
    write('deploy/web.yaml', WEB);
    write('deploy/worker.yaml', WORKER);
  });

  const check = (...args: string[]) =>
    cli(['check', 'deploy', '--config', 'checks.yaml', ...args]);

  it('table: custom results with severity and message, and how to fix them once', async () => {
    const run = await check();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /FAIL\s+medium\s+team-label\s+Pods need a team label\./,
    );
    expect(run.stdout).toMatch(
      /FAIL\s+high\s+image-digest\s+proxy runs envoy:1\.30/,
    );
    expect(run.stdout).toContain(
      '- spec.template.spec.containers[1]: proxy runs envoy:1.30',
    );
    expect(run.stdout).toMatch(
      /FAIL\s+low\s+ingress-class\s+Use the acme-public ingress class\./,
    );
    const howTo = run.stdout.slice(
      run.stdout.indexOf('How to fix the custom checks that fail'),
    );
    expect(howTo).toContain(
      [
        '  team-label  Pods carry a team label',
        '    Add `team: <your-team>` to `spec.template.metadata.labels`.',
        '    Docs: https://wiki.acme.example/platform/labels',
      ].join('\n'),
    );
    expect(howTo).toContain(
      '  image-digest  Images are pinned by digest\n    Use `image@sha256:<digest>`.',
    );
    // Once per check, whatever the number of failing workloads.
    expect(run.stdout.match(/Docs: https:\/\/wiki/g)).toHaveLength(1);
    // Nothing to say about a check without remediation or docs link.
    expect(howTo).not.toContain('ingress-class');
  });

  it('json: the results, with severity overrides, and the definitions of the custom checks that ran', async () => {
    write(
      'checks.yaml',
      `${CHECKS}checks:\n  ingress-class: { severity: high }\n  team-label: { enabled: false }\n`,
    );
    const run = await check('--format', 'json');
    const report = JSON.parse(run.stdout) as ReadinessReport & {
      customChecks: Array<Record<string, unknown>>;
    };
    const worker = report.workloads.find(w => w.name === 'worker')!;
    expect(worker.results.find(r => r.check === 'image-digest')).toEqual({
      check: 'image-digest',
      status: 'fail',
      severity: 'high',
      message: 'proxy runs envoy:1.30',
      findings: [
        {
          path: 'spec.template.spec.containers[1]',
          container: 'proxy',
          message: 'proxy runs envoy:1.30',
        },
      ],
    });
    expect(worker.results.some(r => r.check === 'team-label')).toBe(false);
    const ingresses = report.objects.filter(o => o.kind === 'Ingress');
    expect(
      ingresses.map(o => [
        o.name,
        o.results.find(r => r.check === 'ingress-class')?.status,
        o.results.find(r => r.check === 'ingress-class')?.severity,
      ]),
    ).toEqual([
      ['web', 'pass', 'high'],
      ['worker', 'fail', 'high'],
    ]);
    expect(report.customChecks.map(c => c.id)).toEqual([
      'image-digest',
      'ingress-class',
    ]);
    expect(report.customChecks[0]).toMatchObject({
      id: 'image-digest',
      title: 'Images are pinned by digest',
      category: 'supply-chain',
      severity: 'high',
      scope: 'container',
      origin: 'custom',
      remediation: 'Use `image@sha256:<digest>`.',
    });
  });

  it('sarif: a rule per custom check that runs; results located like the built-in ones', async () => {
    write(
      'checks.yaml',
      `${CHECKS}checks:\n  ingress-class: { enabled: false }\n`,
    );
    const run = await check('--format', 'sarif');
    const [sarifRun] = JSON.parse(run.stdout).runs;
    const { rules } = sarifRun.tool.driver;
    const ids = rules.map((rule: { id: string }) => rule.id);
    expect(ids).toEqual([...CHECK_IDS, 'team-label', 'image-digest']);
    const teamLabel = rules.find((r: { id: string }) => r.id === 'team-label');
    expect(teamLabel).toEqual({
      id: 'team-label',
      name: 'TeamLabel',
      shortDescription: { text: 'Pods carry a team label' },
      help: {
        text: 'Add `team: <your-team>` to `spec.template.metadata.labels`.',
        markdown: 'Add `team: <your-team>` to `spec.template.metadata.labels`.',
      },
      helpUri: 'https://wiki.acme.example/platform/labels',
      defaultConfiguration: { level: 'warning' },
      properties: {
        category: 'operations',
        tags: ['kubernetes', 'production-readiness', 'operations', 'custom'],
      },
    });
    const digest = rules.find((r: { id: string }) => r.id === 'image-digest');
    expect(digest.defaultConfiguration).toEqual({ level: 'error' });
    expect(digest).not.toHaveProperty('helpUri');

    const result = sarifRun.results.find(
      (r: { ruleId: string }) => r.ruleId === 'image-digest',
    );
    expect(rules[result.ruleIndex].id).toBe('image-digest');
    expect(result.level).toBe('error');
    expect(result.message.text).toBe(
      'Deployment shop/worker: proxy runs envoy:1.30 (spec.template.spec.containers[1])',
    );
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/worker.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: PROXY_LINE },
    });
    expect(
      sarifRun.results.filter(
        (r: { ruleId: string }) => r.ruleId === 'ingress-class',
      ),
    ).toEqual([]);
  });

  it('junit: a test case per custom check, failures with how to fix and the docs link', async () => {
    const run = await check('--format', 'junit');
    const worker = run.stdout.slice(
      run.stdout.indexOf('<testsuite name="Deployment shop/worker"'),
    );
    expect(worker).toContain(
      [
        '<testcase name="team-label" classname="Deployment shop/worker" file="deploy/worker.yaml" time="0">',
        '      <failure message="Pods need a team label." type="medium">Pods need a team label.',
        '',
        'How to fix: Add `team: &lt;your-team&gt;` to `spec.template.metadata.labels`.',
        '',
        'Docs: https://wiki.acme.example/platform/labels</failure>',
      ].join('\n'),
    );
    expect(worker).toMatch(
      /<testcase name="image-digest" classname="Deployment shop\/worker"[^>]*>\n\s*<failure message="proxy runs envoy:1.30" type="high">/,
    );
    expect(run.stdout).toMatch(
      /<testcase name="ingress-class" classname="Ingress shop\/worker"[^>]*>\n\s*<failure message="Use the acme-public ingress class." type="low">/,
    );
    expect(run.stdout).toMatch(
      /<testcase name="team-label" classname="Deployment shop\/web"[^>]*\/>/,
    );
  });

  it('markdown: failing custom checks linked to their docs, with how to fix them', async () => {
    const run = await check('--format', 'markdown');
    const md = run.stdout;
    expect(md).toContain(
      '| medium | [`team-label`](https://wiki.acme.example/platform/labels) | Deployment shop/worker<br><sub>deploy/worker.yaml:1</sub> | Pods need a team label. |',
    );
    // No docs link: the check reference does not know custom checks.
    expect(md).toMatch(
      /\| high \| `image-digest` \| Deployment shop\/worker<br><sub>deploy\/worker\.yaml:1<\/sub> \| proxy runs envoy:1\.30<br>`spec\.template\.spec\.containers\[1\]` proxy runs envoy:1\.30 \|/,
    );
    expect(md).toContain(
      [
        '### How to fix the custom checks that fail',
        '',
        '#### `team-label`: Pods carry a team label',
        '',
        'Add `team: <your-team>` to `spec.template.metadata.labels`.',
        '',
        'Documentation: https://wiki.acme.example/platform/labels',
        '',
        '#### `image-digest`: Images are pinned by digest',
        '',
        'Use `image@sha256:<digest>`.',
      ].join('\n'),
    );
    expect(md.indexOf('### How to fix')).toBeLessThan(
      md.indexOf('### Details'),
    );
  });

  it('count in the level and the gate like built-in checks of their severity', async () => {
    // Only the custom checks: every built-in one turned off.
    const onlyCustom = `${CHECKS}checks:\n${CHECK_IDS.map(
      id => `  ${id}: { enabled: false }\n`,
    ).join('')}`;
    write('checks.yaml', onlyCustom);
    const web = await cli([
      'check',
      'deploy/web.yaml',
      '--config',
      'checks.yaml',
      '--format',
      'json',
    ]);
    expect(web.code).toBe(0);
    expect(JSON.parse(web.stdout).summary).toMatchObject({
      level: 'gold',
      score: 100,
    });
    // A high failure (image-digest) holds the worker at bronze: below silver.
    const worker = await cli([
      'check',
      'deploy/worker.yaml',
      '--config',
      'checks.yaml',
    ]);
    expect(worker.code).toBe(1);
    expect(worker.stdout).toContain(
      'level bronze: image-digest (high) fails in Deployment shop/worker; gate failed',
    );
  });

  it('exempts a custom check by annotation, like a built-in one', async () => {
    write(
      'deploy/worker.yaml',
      WORKER.replace(
        'metadata: { name: worker, namespace: shop }',
        "metadata:\n  name: worker\n  namespace: shop\n  annotations:\n    prodready.dev/exempt.image-digest: 'envoy is pinned by the mesh'",
      ),
    );
    const run = await check('--format', 'json');
    const report = JSON.parse(run.stdout) as ReadinessReport;
    const worker = report.workloads.find(w => w.name === 'worker')!;
    expect(worker.results.find(r => r.check === 'image-digest')).toMatchObject({
      status: 'exempt',
      exemption: { reason: 'envoy is pinned by the mesh' },
    });
    expect(run.stderr).toBe('');
  });
});

describe('invalid custom checks', () => {
  const { write } = useWorkdir();

  beforeEach(() => {
    write('deploy/web.yaml', WEB);
  });

  it('a CEL syntax error exits 2 naming the key and position, in check, checks and checks test', async () => {
    write(
      'checks.yaml',
      CHECKS.replace(
        `rule: "container.image.contains('@sha256:')"`,
        `rule: "container.image.contains('@sha256:'"`,
      ),
    );
    for (const args of [
      ['check', 'deploy', '--config', 'checks.yaml'],
      ['check', 'deploy', '--config', 'checks.yaml', '--format', 'sarif'],
      ['checks', '--config', 'checks.yaml', '--format', 'markdown'],
      ['checks', 'test', '--config', 'checks.yaml', 'deploy'],
    ]) {
      const run = await cli(args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({
        args,
        code: 2,
        stdout: '',
      });
      expect(run.stderr).toMatch(
        /^readiness: checks\.yaml: Invalid readiness config: customChecks\[1\]\.rule: .+ \(line 1, col 36\)\n$/,
      );
    }
  });

  it('reports every problem, a line each, with the keys as the file writes them', async () => {
    write(
      'app-config.yaml',
      `readiness:
  customChecks:
    - id: pdb
      title: Our own PDB check
      category: availability
      severity: high
      scope: workload
      rule: "has(related.pdbs)"
      message: No PDB.
    - id: spelled
      title: Containers
      category: operations
      severity: low
      scope: workload
      rule: "podspec.containers.size() > 0"
      message: No containers.
    - id: services
      title: Services
      category: network
      severity: low
      scope: object
      rule: "true"
      message: x
`,
    );
    const run = await cli(['check', 'deploy', '--config', 'app-config.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toEqual([
      'readiness: app-config.yaml: Invalid readiness config: readiness.customChecks[0].id: "pdb" is the id of a built-in check; choose another',
      "readiness: app-config.yaml: readiness.customChecks[1].rule: undeclared reference to 'podspec' (line 1, col 1), did you mean podSpec?",
      'readiness: app-config.yaml: readiness.customChecks[2].kinds: is required for scope object, e.g. [Ingress] or [Service]',
      '',
    ]);
  });

  it('a rule that fails at evaluation gives error for that result only', async () => {
    write(
      'checks.yaml',
      `customChecks:
  - id: zone
    title: Pods pick a zone
    category: availability
    severity: low
    scope: workload
    rule: "podSpec.nodeSelector.zone == 'a'"
    message: Pick a zone.
`,
    );
    write('deploy/worker.yaml', WORKER);
    const run = await cli([
      'check',
      'deploy',
      '--config',
      'checks.yaml',
      '--format',
      'json',
    ]);
    const report = JSON.parse(run.stdout) as ReadinessReport;
    for (const workload of report.workloads) {
      expect(workload.results.find(r => r.check === 'zone')).toMatchObject({
        status: 'error',
        message:
          'The rule could not be evaluated: No such key: nodeSelector (line 1, col 9).',
      });
      // The built-in checks still ran.
      expect(
        workload.results.find(r => r.check === 'readiness-probe')?.status,
      ).toBe('fail');
    }
  });
});

describe('readiness checks --config', () => {
  const { write } = useWorkdir();

  beforeEach(() => {
    write('checks.yaml', CHECKS);
  });

  it('markdown: the reference with an entry per custom check, under its category', async () => {
    const builtIn = await cli(['checks', '--format', 'markdown']);
    const run = await cli([
      'checks',
      '--format',
      'markdown',
      '--config',
      'checks.yaml',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const md = run.stdout;
    expect(md).toContain(
      'This reference includes the 3 custom checks of `checks.yaml`, marked _custom_',
    );
    // Every built-in entry is still there.
    for (const id of CHECK_IDS) {
      expect(md).toContain(`\n### ${id}\n`);
    }
    expect(builtIn.stdout).not.toContain('### team-label');
    const teamLabel = md.slice(md.indexOf('### team-label'));
    expect(teamLabel).toMatch(
      new RegExp(
        [
          '### team-label',
          '',
          '\\*\\*Pods carry a team label\\*\\* · severity medium · _custom_, scope workload · evaluated on every workload',
          '',
          '_Passes when._',
          '',
          '```',
          "'team' in podTemplate\\.\\?metadata\\.\\?labels\\.orValue\\(\\{\\}\\)",
          '```',
          '',
          '_On failure._ Pods need a team label\\.',
          '',
          '_How to fix._',
          '',
          'Add `team: <your-team>` to `spec\\.template\\.metadata\\.labels`\\.',
          '',
          '_Documentation._ https://wiki\\.acme\\.example/platform/labels',
        ].join('\n'),
      ),
    );
    // In its built-in category, after the built-in checks of that category.
    const operations = md.indexOf('## Operations');
    expect(md.indexOf('### team-label')).toBeGreaterThan(operations);
    expect(md).toContain(
      '**Images are pinned by digest** · severity high · _custom_, scope container · evaluated on each container of every workload',
    );
    // A new category gets its own section, after the built-in ones.
    expect(md).toMatch(
      /## Platform conventions\n\n### ingress-class\n\n\*\*Ingresses use the platform class\*\* · severity low · _custom_, scope object · evaluated on Ingress objects/,
    );
    expect(md.indexOf('## Platform conventions')).toBeGreaterThan(operations);
  });

  it('table: the custom checks after the built-in ones, with scope, kinds and docs', async () => {
    const run = await cli(['checks', '--config', 'checks.yaml']);
    expect(run.code).toBe(0);
    const [, custom] = run.stdout.split('\nCustom checks (checks.yaml):\n');
    expect(custom.split('\n')).toEqual([
      expect.stringMatching(
        /^CHECK\s+SEVERITY\s+CATEGORY\s+SCOPE\s+KINDS\s+TITLE\s+DOCS$/,
      ),
      expect.stringMatching(
        /^team-label\s+medium\s+operations\s+workload\s+all workloads\s+Pods carry a team label\s+https:\/\/wiki\.acme\.example\/platform\/labels$/,
      ),
      expect.stringMatching(
        /^image-digest\s+high\s+supply-chain\s+container\s+all workloads\s+Images are pinned by digest$/,
      ),
      expect.stringMatching(
        /^ingress-class\s+low\s+platform-conventions\s+object\s+Ingress\s+Ingresses use the platform class$/,
      ),
      '',
    ]);
  });

  it('refuses an argument it does not take', async () => {
    const run = await cli(['checks', 'tset']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("too many arguments for 'checks'");
  });
});
