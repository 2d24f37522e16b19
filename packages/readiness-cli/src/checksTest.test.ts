import { CHECKS, WEB, WORKER } from './customCheckFixtures';
import { cli, useWorkdir } from './testUtils';

/** A rule that cannot be evaluated where the pod template has no nodeSelector. */
const ZONE = `  - id: zone
    title: Pods pick a zone
    category: availability
    severity: low
    scope: workload
    rule: "podSpec.nodeSelector.zone == 'a'"
    message: Pick a zone.
`;

/** An entity check, and a workload check that reads the entity. */
const ENTITY_CHECKS = `  - id: owner-is-group
    title: Owners are groups
    category: operations
    severity: medium
    scope: entity
    rule: "entity.spec.owner.startsWith('group:')"
    message: The owner must be a group.
  - id: payments-replicas
    title: Payments services run three replicas
    category: availability
    severity: high
    scope: workload
    kinds: [Deployment]
    when: "entity != null && entity.?spec.?system.orValue('') == 'payments'"
    rule: "object.?spec.?replicas.orValue(1) >= 3"
    message: Payments services run three replicas.
`;

const ENTITY = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec: { type: service, lifecycle: production, owner: user:jane, system: payments }
`;

interface JsonTrial {
  id: string;
  severity: string;
  scope: string;
  remediation?: string;
  docsUrl?: string;
  counts: Record<string, number>;
  nothingToCheck?: string;
  results: Array<{
    kind?: string;
    name?: string;
    entity?: string;
    file?: string;
    line?: number;
    status: string;
    message: string;
    findings?: Array<{ path: string; message: string }>;
  }>;
}

describe('readiness checks test', () => {
  const { write } = useWorkdir();

  beforeEach(() => {
    write('checks.yaml', CHECKS);
    write('deploy/web.yaml', WEB);
    write('deploy/worker.yaml', WORKER);
  });

  const trial = (...args: string[]) =>
    cli(['checks', 'test', '--config', 'checks.yaml', ...args]);

  it('exits 0 when every check passes, printing each result', async () => {
    const run = await trial('deploy/web.yaml');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'team-label: Pods carry a team label',
        '  severity medium · scope workload · runs on every workload',
        '  PASS    Deployment shop/web  deploy/web.yaml:1',
        '  1 passed',
        '',
        'image-digest: Images are pinned by digest',
        '  severity high · scope container · runs on each container of every workload',
        '  PASS    Deployment shop/web  deploy/web.yaml:1',
        '  1 passed',
        '',
        'ingress-class: Ingresses use the platform class',
        '  severity low · scope object · runs on Ingress objects',
        '  PASS    Ingress shop/web  deploy/web.yaml:14',
        '  1 passed',
        '',
        'Tried 3 custom checks of checks.yaml on 1 workload and 1 other object:',
        '  team-label     passes',
        '  image-digest   passes',
        '  ingress-class  passes',
        'PASSED',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 when a check fails, with message, findings and how to fix it', async () => {
    const run = await trial('deploy');
    expect(run.code).toBe(1);
    const imageDigest = run.stdout.slice(
      run.stdout.indexOf('image-digest:'),
      run.stdout.indexOf('ingress-class:'),
    );
    expect(imageDigest).toBe(
      [
        'image-digest: Images are pinned by digest',
        '  severity high · scope container · runs on each container of every workload',
        '  PASS    Deployment shop/web     deploy/web.yaml:1',
        '  FAIL    Deployment shop/worker  deploy/worker.yaml:1',
        '          proxy runs envoy:1.30',
        '          - spec.template.spec.containers[1]: proxy runs envoy:1.30',
        '  1 passed, 1 failed',
        '  How to fix:',
        '    Use `image@sha256:<digest>`.',
        '',
        '',
      ].join('\n'),
    );
    expect(run.stdout).toContain(
      '  Docs: https://wiki.acme.example/platform/labels',
    );
    expect(run.stdout).toContain(
      '\n  team-label     fails in 1 of 2, passes in 1 of 2\n',
    );
    expect(run.stdout.endsWith('FAILED\n')).toBe(true);
  });

  it('shows an evaluation error in full, with a caret under the position', async () => {
    write('checks.yaml', `${CHECKS}${ZONE}`);
    const run = await trial('deploy/web.yaml', '--check', 'zone');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        '  ERROR   Deployment shop/web  deploy/web.yaml:1',
        '          The rule could not be evaluated: No such key: nodeSelector (line 1, col 9).',
        "          rule: podSpec.nodeSelector.zone == 'a'",
        // Under the n of nodeSelector: column 9 of the rule.
        `${' '.repeat(10 + 'rule: '.length + 8)}^`,
        '  1 error',
      ].join('\n'),
    );
    expect(run.stdout).toContain('  zone  could not be evaluated in 1 of 1');
  });

  it('tries only the checks --check names, repeated or comma-separated', async () => {
    write('checks.yaml', `${CHECKS}${ZONE}`);
    const run = await trial(
      'deploy',
      '--check',
      'ingress-class',
      '--check',
      'team-label,ingress-class',
      '--format',
      'json',
    );
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as {
      passed: boolean;
      checks: JsonTrial[];
    };
    expect(document.passed).toBe(false);
    expect(document.checks.map(c => c.id)).toEqual([
      'ingress-class',
      'team-label',
    ]);
    const [ingressClass, teamLabel] = document.checks;
    expect(ingressClass.counts).toEqual({
      pass: 1,
      fail: 1,
      skip: 0,
      exempt: 0,
      error: 0,
    });
    expect(
      ingressClass.results.map(r => [r.kind, r.name, r.file, r.status]),
    ).toEqual([
      ['Ingress', 'web', 'deploy/web.yaml', 'pass'],
      ['Ingress', 'worker', 'deploy/worker.yaml', 'fail'],
    ]);
    expect(teamLabel).toMatchObject({
      severity: 'medium',
      scope: 'workload',
      docsUrl: 'https://wiki.acme.example/platform/labels',
      remediation: expect.stringContaining('team: <your-team>'),
    });
    expect(teamLabel.results.find(r => r.name === 'worker')).toMatchObject({
      status: 'fail',
      message: 'Pods need a team label.',
      line: 1,
    });
  });

  it('exits 2 for a --check that names no custom check, or a built-in one', async () => {
    const typo = await trial('deploy', '--check', 'team-lable');
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe(
      'readiness: --check team-lable: no custom check with this id in checks.yaml; its custom checks are team-label, image-digest, ingress-class\n',
    );
    const builtIn = await trial('deploy', '--check', 'pdb');
    expect(builtIn.code).toBe(2);
    expect(builtIn.stderr).toContain('--check pdb: a built-in check');
  });

  it('exits 2 without custom checks, without --config, or without anything to check', async () => {
    write('plain.yaml', 'minReplicas: 3\n');
    const none = await cli([
      'checks',
      'test',
      '--config',
      'plain.yaml',
      'deploy',
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('plain.yaml: no customChecks to test');
    const noConfig = await cli(['checks', 'test', 'deploy']);
    expect(noConfig.code).toBe(2);
    expect(noConfig.stderr).toContain(
      "required option '-c, --config <file>' not specified",
    );
    const noInput = await trial();
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('give the manifests to try the checks on');
  });

  it('runs entity checks and the entity variable with --entity', async () => {
    write('checks.yaml', `${CHECKS}${ENTITY_CHECKS}`);
    write('catalog-info.yaml', ENTITY);
    const withEntity = await trial(
      'deploy/web.yaml',
      '--entity',
      'catalog-info.yaml',
      '--check',
      'owner-is-group,payments-replicas',
      '--format',
      'json',
    );
    expect(withEntity.code).toBe(1);
    const [owner, replicas] = (
      JSON.parse(withEntity.stdout) as { checks: JsonTrial[] }
    ).checks;
    expect(owner.results).toEqual([
      expect.objectContaining({
        entity: 'component:default/web',
        file: 'catalog-info.yaml',
        status: 'fail',
        message: 'The owner must be a group.',
      }),
    ]);
    expect(replicas.results).toEqual([
      expect.objectContaining({ name: 'web', status: 'fail' }),
    ]);

    // Without an entity: nothing for the entity check, the other skips.
    const without = await trial(
      'deploy/web.yaml',
      '--check',
      'owner-is-group,payments-replicas',
    );
    expect(without.code).toBe(0);
    expect(without.stdout).toContain(
      '  nothing to check: no catalog entity: give one with --entity catalog-info.yaml',
    );
    expect(without.stdout).toContain(
      "          Skipped: its condition is false (when: entity != null && entity.?spec.?system.orValue('') == 'payments').",
    );
    expect(without.stdout).toContain('  payments-replicas  skipped in 1 of 1');
  });

  it('lists only the objects a check applies to, and says when there are none', async () => {
    write(
      'deploy/job.yaml',
      `apiVersion: batch/v1
kind: Job
metadata: { name: migrate, namespace: shop }
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: migrate, image: migrate:1.0.0 }]
`,
    );
    write('checks.yaml', `${CHECKS}${ENTITY_CHECKS}`);
    const run = await trial(
      'deploy/job.yaml',
      '--check',
      'payments-replicas,ingress-class,team-label',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'payments-replicas: Payments services run three replicas\n  severity high · scope workload · runs on Deployment workloads\n  nothing to check: the input holds no Deployment workload\n',
    );
    expect(run.stdout).toContain(
      '  nothing to check: the input holds no Ingress object\n',
    );
    expect(run.stdout).toContain(
      '  FAIL    Job shop/migrate  deploy/job.yaml:1',
    );
  });

  it('tries a check the configuration turns off, saying so', async () => {
    write(
      'checks.yaml',
      `${CHECKS}checks:\n  team-label: { enabled: false }\n`,
    );
    const run = await trial('deploy/worker.yaml', '--check', 'team-label');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'readiness: team-label is turned off in checks.yaml (enabled: false); tried anyway\n',
    );
    expect(run.stdout).toContain('  FAIL    Deployment shop/worker');
  });

  it('exits 2 for an unreadable input, trying the checks on the rest', async () => {
    write('deploy/broken.yaml', 'kind: [\n');
    const run = await trial('deploy', '--check', 'ingress-class');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^readiness: deploy\/broken\.yaml:\d+: invalid YAML/,
    );
    expect(run.stdout).toContain('  PASS    Ingress shop/web');
    expect(run.stdout).toContain(
      '1 input could not be read (listed on stderr)',
    );
  });
});
