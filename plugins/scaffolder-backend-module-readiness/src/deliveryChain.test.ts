/**
 * The golden path from commit to production (templates/README.md, "From
 * commit to production"): the workflows, environment overlays and GitOps
 * objects of a service rendered by the scaffolder's real fetch:template.
 * Every overlay is rendered by kubectl kustomize and gated by the readiness
 * CLI as it will be published: this repository's packed tarball, installed
 * with npm, as `npm install --global @prodready/readiness-cli@<version>` does
 * on a runner.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import {
  parametersWith,
  renderTemplate,
  template,
} from './__testUtils__/goldenPathTemplate';

const run = promisify(execFile);
// Each gate runs kubectl and a Node.js process; on a busy runner that can
// take longer than Jest's default 5 seconds.
jest.setTimeout(60_000);
const REPO_ROOT = path.resolve(__dirname, '../../..');
const fetchStep = template.spec.steps.find(
  (step: { action: string }) => step.action === 'fetch:template',
);

/** The CLI and the workspace packages it depends on, packed together. */
const CLI_PACKAGES = [
  'plugins/readiness-common',
  'plugins/readiness-manifest-files',
  'packages/readiness-cli',
];
const cliVersion: string = JSON.parse(
  fs.readFileSync(
    path.join(REPO_ROOT, 'packages/readiness-cli/package.json'),
    'utf8',
  ),
).version;

const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const LEVELS = ['none', 'bronze', 'silver', 'gold'];

const mockDirectory = createMockDirectory();

let cliBin: string;

/** Builds and packs the CLI with its workspace dependencies; installs it. */
async function installPackedCli(): Promise<string> {
  // A library's build bundles the declarations `yarn tsc` writes (the test
  // script runs it first); without them the build stops.
  const declarations = CLI_PACKAGES.map(pkg =>
    path.join(REPO_ROOT, 'dist-types', pkg, 'src/index.d.ts'),
  );
  if (!declarations.every(file => fs.existsSync(file))) {
    await run('yarn', ['tsc'], { cwd: REPO_ROOT });
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-cli-'));
  const tarballs: string[] = [];
  for (const pkg of CLI_PACKAGES) {
    const cwd = path.join(REPO_ROOT, pkg);
    const tarball = path.join(folder, `${path.basename(pkg)}.tgz`);
    await run('yarn', ['build'], { cwd });
    // yarn packs whatever is there: a missing build would ship no code.
    if (!fs.existsSync(path.join(cwd, 'dist/index.cjs.js'))) {
      throw new Error(`${pkg}: the build wrote no dist/index.cjs.js`);
    }
    await run('yarn', ['pack', '--out', tarball], { cwd });
    tarballs.push(tarball);
  }
  const prefix = path.join(folder, 'installed');
  await run(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', ...tarballs],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return path.join(prefix, 'node_modules/.bin/readiness');
}

type Gate = { exitCode: number; report: any; stderr: string };

/** The gate as ci.yaml runs it, on a folder of the rendered repository. */
async function gate(root: string, manifests: string, level: string) {
  const outcome = await run(
    cliBin,
    [
      'check',
      manifests,
      '--entity',
      'catalog-info.yaml',
      '--config',
      'readiness.yaml',
      '--min-level',
      level,
      '--format',
      'json',
    ],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  ).then(
    ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      exitCode: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  return {
    exitCode: outcome.exitCode,
    report: outcome.stdout ? JSON.parse(outcome.stdout) : undefined,
    stderr: outcome.stderr,
  } as Gate;
}

async function kustomize(root: string, folder: string): Promise<any[]> {
  const { stdout } = await run('kubectl', ['kustomize', folder], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  return yaml.parseAllDocuments(stdout).map(doc => doc.toJS());
}

function readYaml(root: string, file: string) {
  return yaml.parse(fs.readFileSync(path.join(root, file), 'utf8'));
}

function readAllYaml(root: string, file: string): any[] {
  return yaml
    .parseAllDocuments(fs.readFileSync(path.join(root, file), 'utf8'))
    .map(doc => doc.toJS());
}

function workloadOf(objects: any[]) {
  return objects.find(o => ['Deployment', 'StatefulSet'].includes(o.kind));
}

function resultOf(report: any, check: string) {
  return report.workloads
    .flatMap((workload: any) => workload.results)
    .find((result: any) => result.check === check);
}

/** The readiness job's matrix in ci.yaml: environment → folder and level. */
function gateMatrix(root: string) {
  const ci = readYaml(root, '.github/workflows/ci.yaml');
  return {
    ci,
    entries: ci.jobs.readiness.strategy.matrix.include as Array<{
      environment: string;
      manifests: string;
      level: string;
    }>,
  };
}

function workflowFiles(root: string): string[] {
  return fs
    .readdirSync(path.join(root, '.github/workflows'))
    .map(file => `.github/workflows/${file}`);
}

/** Every step of every job of a workflow, with the job's id. */
function stepsOf(workflow: any): Array<{ job: string; step: any }> {
  return Object.entries<any>(workflow.jobs).flatMap(([job, body]) =>
    (body.steps ?? []).map((step: any) => ({ job, step })),
  );
}

/**
 * What the chosen GitOps controller needs in one environment's cluster to
 * deploy that environment's overlay from main.
 */
function expectedGitOps(tool: string, name: string, environment: string) {
  const repository = `https://github.com/acme-freight/${name}`;
  const overlay = `kubernetes/overlays/${environment}`;
  if (tool === 'flux') {
    return [
      expect.objectContaining({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name, namespace: 'flux-system' },
        spec: expect.objectContaining({
          url: repository,
          ref: { branch: 'main' },
        }),
      }),
      expect.objectContaining({
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        spec: expect.objectContaining({
          sourceRef: { kind: 'GitRepository', name },
          path: `./${overlay}`,
          prune: true,
        }),
      }),
    ];
  }
  return [
    expect.objectContaining({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      spec: expect.objectContaining({
        source: {
          repoURL: `${repository}.git`,
          targetRevision: 'main',
          path: overlay,
        },
        destination: expect.objectContaining({ namespace: name }),
        syncPolicy: expect.objectContaining({
          automated: { prune: true, selfHeal: true },
        }),
      }),
    }),
  ];
}

const REGISTRY = 'registry.acme-freight.example/fulfilment';

const VARIANTS: Array<[string, JsonObject, string]> = [
  [
    'a stateless service deployed by Argo CD',
    {
      name: 'parcel-tracker',
      description: 'Tracks parcels between hubs.',
      owner: 'group:default/fulfilment-team',
      imageRegistry: REGISTRY,
      replicas: 3,
      onCall: 'fulfilment-primary',
      runbookUrl: 'https://runbooks.acme-freight.example/parcel-tracker',
      repoUrl: 'github.com?owner=acme-freight&repo=parcel-tracker',
      publishTo: 'local',
    },
    'Deployment',
  ],
  [
    'a stateful service deployed by Flux, pushed to ghcr.io',
    {
      name: 'label-archive',
      description: 'Keeps every shipping label ever printed.',
      owner: 'group:default/fulfilment-team',
      stateful: true,
      storageSize: '20Gi',
      imageRegistry: 'ghcr.io/acme-freight',
      replicas: 2,
      gitopsTool: 'flux',
      onCall: 'fulfilment-primary',
      runbookUrl: 'https://runbooks.acme-freight.example/label-archive',
      repoUrl: 'github.com?owner=acme-freight&repo=label-archive',
      publishTo: 'local',
    },
    'StatefulSet',
  ],
];

beforeAll(async () => {
  cliBin = await installPackedCli();
}, 600_000);

describe('the golden path from commit to production', () => {
  it('offers the registry and the GitOps controller on a Delivery page', () => {
    const delivery = template.spec.parameters.find(
      (page: { title: string }) => page.title === 'Delivery',
    );
    expect(delivery.required).toEqual(['imageRegistry', 'gitopsTool']);
    expect(delivery.properties.gitopsTool.enum).toEqual(['argocd', 'flux']);
    expect(fetchStep.input.values.gitopsTool).toBe(
      '${{ parameters.gitopsTool }}',
    );
  });

  describe.each(VARIANTS)('for %s', (_title, chosen, workloadKind) => {
    const parameters = parametersWith(chosen);
    const image = `${parameters.imageRegistry}/${parameters.name}`;
    let root: string;

    beforeAll(async () => {
      root = await renderTemplate(parameters);
    });

    it('gates the base and every environment in CI, each at its level, with the CLI pinned to the version this repository publishes', () => {
      const { ci, entries } = gateMatrix(root);
      expect(entries.map(entry => entry.environment)).toEqual([
        'base',
        ...ENVIRONMENTS,
      ]);
      for (const entry of entries) {
        const expected =
          entry.environment === 'base'
            ? 'kubernetes/base'
            : `kubernetes/overlays/${entry.environment}`;
        expect(entry.manifests).toBe(expected);
        expect(fs.existsSync(path.join(root, expected))).toBe(true);
        // Production-ready (silver) at least everywhere: one replica or no
        // disruption budget fails in any environment.
        expect(LEVELS.indexOf(entry.level)).toBeGreaterThanOrEqual(
          LEVELS.indexOf('silver'),
        );
      }
      const levels = Object.fromEntries(
        entries.map(entry => [entry.environment, entry.level]),
      );
      expect(levels).toMatchObject({ staging: 'gold', prod: 'gold' });

      expect(ci.env.READINESS_CLI).toBe(
        `@prodready/readiness-cli@${cliVersion}`,
      );
      const runs = ci.jobs.readiness.steps.map((step: any) => step.run ?? '');
      expect(runs).toContain(
        'npm install --global --no-audit --no-fund "$READINESS_CLI"',
      );
      expect(runs).toContain('kubectl kustomize "$MANIFESTS" > /dev/null');
      const check = runs.find((script: string) =>
        script.includes('readiness check'),
      );
      expect(check).toContain('readiness check "$MANIFESTS"');
      expect(check).toContain('--min-level "$LEVEL"');
      expect(check).toContain('--format sarif --output readiness.sarif');
      expect(check).toContain('exit "$status"');
    });

    it.each(['base', ...ENVIRONMENTS])(
      'renders %s with kubectl kustomize and passes its gate with the packed CLI: gold, score 100',
      async environment => {
        const entry = gateMatrix(root).entries.find(
          e => e.environment === environment,
        )!;
        const objects = await kustomize(root, entry.manifests);
        const workload = workloadOf(objects);
        expect(workload.kind).toBe(workloadKind);
        expect(workload.spec.template.spec.containers[0].image).toBe(
          `${image}:0.1.0`,
        );
        expect(objects.some(o => o.kind === 'PodDisruptionBudget')).toBe(true);

        const { exitCode, report, stderr } = await gate(
          root,
          entry.manifests,
          entry.level,
        );

        expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
        expect(report.summary).toMatchObject({
          score: 100,
          level: 'gold',
          productionReady: true,
        });
        expect(report.summary.counts).toMatchObject({ fail: 0, error: 0 });
        expect(report.workloads.map((w: any) => [w.kind, w.file])).toEqual([
          [workloadKind, entry.manifests],
        ]);
        expect(resultOf(report, 'image-registry').status).toBe('pass');
      },
    );

    if (workloadKind === 'Deployment') {
      it('runs a smaller dev than prod, never below two pods', async () => {
        const autoscaler = async (folder: string) =>
          (await kustomize(root, folder)).find(
            o => o.kind === 'HorizontalPodAutoscaler',
          ).spec;
        expect(await autoscaler('kubernetes/overlays/dev')).toMatchObject({
          minReplicas: 2,
          maxReplicas: 4,
        });
        for (const environment of ['staging', 'prod']) {
          expect(
            await autoscaler(`kubernetes/overlays/${environment}`),
          ).toMatchObject({
            minReplicas: parameters.replicas,
            maxReplicas: Number(parameters.replicas) * 3,
          });
        }
      });
    }

    it('fails the gate for an overlay with one replica and no disruption budget, even at the lowest level CI allows', async () => {
      const base = await kustomize(root, 'kubernetes/base');
      const workload = workloadOf(base);
      const autoscaler = base.find(o => o.kind === 'HorizontalPodAutoscaler');
      const deleted = (object: any) => ({
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: {
          name: object.metadata.name,
          namespace: object.metadata.namespace,
        },
        $patch: 'delete',
      });
      const broken = 'kubernetes/overlays/broken';
      fs.mkdirSync(path.join(root, broken));
      fs.writeFileSync(
        path.join(root, broken, 'kustomization.yaml'),
        yaml.stringify({
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          resources: ['../prod'],
          patches: [
            {
              patch: yaml.stringify({
                apiVersion: workload.apiVersion,
                kind: workload.kind,
                metadata: workload.metadata,
                spec: { replicas: 1 },
              }),
            },
            {
              patch: yaml.stringify(
                deleted(base.find(o => o.kind === 'PodDisruptionBudget')),
              ),
            },
            ...(autoscaler
              ? [{ patch: yaml.stringify(deleted(autoscaler)) }]
              : []),
          ],
        }),
      );
      const lowest = gateMatrix(root)
        .entries.map(entry => entry.level)
        .sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b))[0];

      const { exitCode, report } = await gate(root, broken, lowest);

      fs.rmSync(path.join(root, broken), { recursive: true });
      expect(exitCode).toBe(1);
      expect(report.summary.productionReady).toBe(false);
      expect(resultOf(report, 'replicas').status).toBe('fail');
      expect(resultOf(report, 'pdb').status).toBe('fail');
    });

    it('builds once, tags with the commit, scans, attests and signs before it deploys dev', () => {
      const release = readYaml(root, '.github/workflows/release.yaml');
      expect(release.on.push.branches).toEqual(['main']);
      expect(release.env.IMAGE).toBe(image);
      expect(release.jobs.image.permissions['id-token']).toBe('write');

      const steps = release.jobs.image.steps;
      const index = (uses: string) =>
        steps.findIndex((step: any) => step.uses?.startsWith(`${uses}@`));
      const build = steps[index('docker/build-push-action')];
      expect(build.with).toMatchObject({
        push: true,
        tags: '${{ env.IMAGE }}:${{ github.sha }}',
        sbom: true,
        provenance: 'mode=max',
      });
      // Everything after the build uses its digest, never a tag.
      const scan = steps[index('aquasecurity/trivy-action')];
      expect(scan.with).toMatchObject({
        'image-ref': '${{ env.IMAGE }}@${{ steps.build.outputs.digest }}',
        severity: 'CRITICAL',
        'exit-code': '1',
      });
      const sign = steps.findIndex((step: any) =>
        /^cosign sign --yes "\$IMAGE@\$DIGEST"$/.test(step.run ?? ''),
      );
      expect(index('docker/build-push-action')).toBeLessThan(
        index('aquasecurity/trivy-action'),
      );
      expect(index('aquasecurity/trivy-action')).toBeLessThan(
        index('sigstore/cosign-installer'),
      );
      expect(index('sigstore/cosign-installer')).toBeLessThan(sign);

      // The registry chosen in the form, with the credentials it needs.
      const login = steps[index('docker/login-action')];
      const host = image.split('/')[0];
      expect(login.with.registry).toBe(host);
      expect(login.with.password).toBe(
        host === 'ghcr.io'
          ? '${{ secrets.GITHUB_TOKEN }}'
          : '${{ secrets.REGISTRY_PASSWORD }}',
      );
      expect(release.jobs.image.permissions.packages).toBe(
        host === 'ghcr.io' ? 'write' : undefined,
      );

      // dev is deployed by a commit of the new tag and digest, after the
      // image job succeeded.
      const deploy = release.jobs['deploy-dev'];
      expect(deploy.needs).toBe('image');
      const edit = deploy.steps.find((step: any) =>
        step.run?.startsWith('kustomize edit set image'),
      );
      expect(edit['working-directory']).toBe('kubernetes/overlays/dev');
      expect(edit.run).toBe(
        'kustomize edit set image "$IMAGE=$IMAGE:$GITHUB_SHA@$DIGEST"',
      );
    });

    it('promotes by changing the image in Git: a released tag and digest reach the rendered overlay, which still passes', async () => {
      // Each overlay names the base's image, so `kustomize edit set image`
      // in release.yaml and promote.yaml rewrites the container's image.
      for (const environment of ENVIRONMENTS) {
        const overlay = readYaml(
          root,
          `kubernetes/overlays/${environment}/kustomization.yaml`,
        );
        expect(overlay.images).toEqual([{ name: image, newTag: '0.1.0' }]);
      }

      // What `kustomize edit set image IMAGE=IMAGE:<sha>@<digest>` writes.
      const sha = 'c0ffee0ddba11c0ffee0ddba11c0ffee0ddba11a';
      const digest = `sha256:${'5e'.repeat(32)}`;
      const file = path.join(
        root,
        'kubernetes/overlays/staging/kustomization.yaml',
      );
      const original = fs.readFileSync(file, 'utf8');
      const released = yaml.parseDocument(original);
      released.setIn(['images', 0, 'newTag'], sha);
      released.setIn(['images', 0, 'digest'], digest);
      fs.writeFileSync(file, released.toString());
      try {
        const workload = workloadOf(
          await kustomize(root, 'kubernetes/overlays/staging'),
        );
        expect(workload.spec.template.spec.containers[0].image).toBe(
          `${image}:${sha}@${digest}`,
        );
        const { exitCode, report } = await gate(
          root,
          'kubernetes/overlays/staging',
          'gold',
        );
        expect(exitCode).toBe(0);
        expect(resultOf(report, 'image-tag').status).toBe('pass');
        expect(resultOf(report, 'image-registry').status).toBe('pass');
      } finally {
        fs.writeFileSync(file, original);
      }
    });

    it('promotes staging and prod by pull request, only an image signed by its own release', () => {
      const promote = readYaml(root, '.github/workflows/promote.yaml');
      expect(Object.keys(promote.on)).toEqual(['workflow_dispatch']);
      expect(promote.on.workflow_dispatch.inputs.environment.options).toEqual([
        'staging',
        'prod',
      ]);
      const steps = promote.jobs.promote.steps;
      const find = (text: string) =>
        steps.findIndex((step: any) => step.run?.includes(text));
      expect(steps[find('cosign verify')].run).toContain(
        '--certificate-identity "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/.github/workflows/release.yaml@refs/heads/main"',
      );
      expect(steps[find('case "$TARGET"')].run).toMatch(
        /staging\) from=dev ;;\s+prod\) from=staging ;;/,
      );
      expect(find('cosign verify')).toBeLessThan(find('gh pr create'));
      expect(steps[find('gh pr create')].run).toContain(
        'kustomize edit set image "$IMAGE=$IMAGE:$TAG@$DIGEST"',
      );
      expect(steps[find('gh pr create')].run).not.toMatch(/push[^\n]* main/);
    });

    it(`deploys each environment from its overlay on main with ${parameters.gitopsTool}`, () => {
      expect(
        fs.readdirSync(path.join(root, 'kubernetes/gitops')).sort(),
      ).toEqual(ENVIRONMENTS.map(environment => `${environment}.yaml`).sort());
      for (const environment of ENVIRONMENTS) {
        const objects = readAllYaml(
          root,
          `kubernetes/gitops/${environment}.yaml`,
        );
        expect(objects).toEqual(
          expectedGitOps(
            String(parameters.gitopsTool),
            String(parameters.name),
            environment,
          ),
        );
      }
    });

    it('has workflows that a GitHub workflow validator accepts', async () => {
      const validator = require.resolve('@action-validator/cli/cli.mjs');
      for (const file of workflowFiles(root)) {
        const outcome = await run(process.execPath, [validator, file], {
          cwd: root,
        }).then(
          () => 'valid',
          (error: { stderr: string }) => error.stderr,
        );
        expect({ file, outcome }).toEqual({ file, outcome: 'valid' });
      }
    });

    it('pins every action by commit and every base image by digest', () => {
      const pins = new Map<string, string>();
      for (const file of workflowFiles(root)) {
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        const workflow = yaml.parse(text);
        const uses = stepsOf(workflow)
          .map(({ step }) => step.uses)
          .filter(Boolean);
        expect(uses.length).toBeGreaterThan(0);
        for (const action of uses) {
          expect({ file, action }).toEqual({
            file,
            action: expect.stringMatching(
              /^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/,
            ),
          });
          // The version the commit is, for people and for Dependabot.
          expect(text).toMatch(
            new RegExp(`uses: ${action} # v\\d+\\.\\d+\\.\\d+$`, 'm'),
          );
          // One action, one commit, in every workflow.
          const [name, commit] = action.split('@');
          expect({ name, commit }).toEqual({
            name,
            commit: pins.get(name) ?? commit,
          });
          pins.set(name, commit);
        }
      }

      const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
      const froms = dockerfile.match(/^FROM .*$/gm)!;
      expect(froms).toHaveLength(2);
      for (const from of froms) {
        expect(from).toMatch(
          /^FROM [^\s@]+:[^\s@]+@sha256:[0-9a-f]{64}( AS \w+)?$/,
        );
      }
      // A syntax directive would pull a frontend image by tag.
      expect(dockerfile).not.toMatch(/^# *syntax=/m);

      const dependabot = readYaml(root, '.github/dependabot.yml');
      expect(
        dependabot.updates.map((update: any) => update['package-ecosystem']),
      ).toEqual(expect.arrayContaining(['docker', 'github-actions']));
    });
  });

  it('has a workflow validator that refuses a broken workflow', async () => {
    const folder = mockDirectory.resolve('broken-workflow');
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'ci.yaml');
    fs.writeFileSync(
      file,
      'name: CI\non: pull_request\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps:\n      - run: true\n',
    );
    const validator = require.resolve('@action-validator/cli/cli.mjs');

    await expect(
      run(process.execPath, [validator, file]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("'runs_on' is not allowed"),
    });
  });
});
