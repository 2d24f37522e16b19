/**
 * The golden-path template (templates/production-ready-service), rendered by
 * the scaffolder's real fetch:template action, then scored by the
 * readiness:check action and by the engine directly: a new service must
 * pass every check, stateless or stateful.
 */
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import {
  evaluateReadiness,
  ReadinessConfig,
} from '@prodready/backstage-plugin-readiness-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import {
  allResults,
  formProperties,
  listFiles,
  parametersWith,
  PASSTHROUGH,
  readCiConfig,
  readEntity,
  readObjects,
  renderTemplate,
  STATEFUL as BASE_STATEFUL,
  STATELESS as BASE_STATELESS,
  template,
  templateUrlReader,
} from './__testUtils__/goldenPathTemplate';
import { createReadinessCheckAction } from './actions/readinessCheck';
import { isoDateInDays } from './templating/isoDateInDays';

const steps: Array<{ id: string; action: string; input: JsonObject }> =
  template.spec.steps;
const fetchStep = steps.find(step => step.action === 'fetch:template')!;
const readinessStep = steps.find(step => step.action === 'readiness:check')!;

const STATELESS: JsonObject = {
  ...BASE_STATELESS,
  description: 'Tracks parcels between hubs: "where is it now?"',
  system: 'system:default/freight-platform',
  imageRegistry: 'registry.acme-freight.example/fulfilment',
  priorityClass: 'business-critical',
};

const STATEFUL: JsonObject = { ...BASE_STATEFUL, port: 9090, replicas: 2 };

const render = renderTemplate;

/** Runs the template's own readiness step on a rendered workspace. */
async function runReadinessStep(
  workspacePath: string,
  config?: ReadinessConfig,
) {
  const ctx = createMockActionContext({
    input: readinessStep.input,
    workspacePath,
  });
  const outcome = await createReadinessCheckAction({ config })
    .handler(ctx as any)
    .then(
      () => 'passed' as const,
      (error: Error) => error,
    );
  return {
    outcome,
    outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
  };
}

describe('the production-ready-service template', () => {
  it('is a v1beta3 template that checks readiness before it publishes and registers', () => {
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    expect(template.kind).toBe('Template');
    expect(steps.map(step => step.action)).toEqual([
      'fetch:template',
      'readiness:check',
      'publish:github',
      'publish:local',
      'catalog:register',
      'catalog:register:local',
    ]);
    expect(readinessStep.input).toMatchObject({
      minLevel: 'gold',
      minScore: 100,
    });
    expect(fetchStep.input.url).toBe('./skeleton');
  });

  it('asks for everything the issue lists, with at least 2 replicas', () => {
    const properties = formProperties();
    for (const name of [
      'name',
      'description',
      'owner',
      'system',
      'port',
      'imageRegistry',
      'replicas',
      'stateful',
      'onCall',
      'runbookUrl',
      'repoUrl',
      'publishTo',
    ]) {
      expect(properties).toHaveProperty(name);
    }
    expect(properties.owner['ui:field']).toBe('OwnerPicker');
    expect(properties.repoUrl['ui:field']).toBe('UniqueRepoUrlPicker');
    expect(properties.replicas.minimum).toBeGreaterThanOrEqual(2);
    expect(properties.publishTo.enum).toEqual(['github', 'local']);
  });

  it('asks where to publish on the page of the repository location, where its form check reads it', () => {
    const repositoryPage = template.spec.parameters.find(
      (page: any) => page.properties?.repoUrl,
    );
    expect(repositoryPage.properties).toHaveProperty('publishTo');
  });

  it('passes every parameter to the skeleton unchanged', () => {
    const properties = formProperties();
    for (const expression of Object.values(
      fetchStep.input.values as Record<string, string>,
    )) {
      const match = PASSTHROUGH.exec(expression);
      expect(match).not.toBeNull();
      expect(properties).toHaveProperty(match![1]);
    }
  });

  describe.each([
    ['stateless', STATELESS, 'Deployment'],
    ['stateful', STATEFUL, 'StatefulSet'],
  ])('rendered as a %s service', (_variant, chosen, workloadKind) => {
    const parameters = parametersWith(chosen);
    let root: string;

    beforeAll(async () => {
      root = await render(parameters);
    });

    it('passes the readiness step of the run: score 100, gold', async () => {
      const { outcome, outputs } = await runReadinessStep(root);

      expect(outcome).toBe('passed');
      expect(outputs.score).toBe(100);
      expect(outputs.level).toBe('gold');
      expect(outputs.productionReady).toBe(true);
    });

    it('passes its own CI gate: the readiness CLI on kubernetes/base, rendered by kubectl kustomize', async () => {
      // The CLI renders a folder with a kustomization through kubectl, as
      // the generated workflow does on a runner; without kubectl it would
      // refuse the folder, so CI must have it (scripts/test.sh installs it).
      const bin = path.resolve(
        __dirname,
        '../../../packages/readiness-cli/bin/readiness',
      );
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          bin,
          'check',
          'kubernetes/base',
          '--entity',
          'catalog-info.yaml',
          '--config',
          'readiness.yaml',
          '--format',
          'json',
        ],
        { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      );
      const report = JSON.parse(stdout);
      expect(report.summary).toMatchObject({
        score: 100,
        level: 'gold',
        productionReady: true,
      });
      expect(report.workloads.map((w: { kind: string }) => w.kind)).toEqual([
        workloadKind,
      ]);
      // Rendered objects are reported against the kustomization's folder.
      expect(report.workloads[0].file).toBe('kubernetes/base');
    });

    it('passes every check of the engine, with the registry check of its own CI gate on', () => {
      const config = readCiConfig(root);
      expect(config.gate).toBe('gold');
      expect(config.allowedRegistries).toEqual([
        String(parameters.imageRegistry).split('/')[0],
      ]);

      const report = evaluateReadiness({
        objects: readObjects(root, 'kubernetes/base'),
        entity: readEntity(root),
        config,
        ownerExists: true,
      });

      expect(report.summary).toMatchObject({
        score: 100,
        level: 'gold',
        productionReady: true,
      });
      expect(report.summary.counts.fail).toBe(0);
      expect(report.summary.counts.error).toBe(0);
      expect(report.workloads.map(w => [w.kind, w.name])).toEqual([
        [workloadKind, parameters.name],
      ]);

      const byCheck = new Map(
        allResults(report).map(result => [result.check, result]),
      );
      // The checks that matter most are evaluated, not skipped.
      for (const check of [
        'readiness-probe',
        'liveness-probe',
        'probes-distinct',
        'memory-limits',
        'replicas',
        'pdb',
        'pdb-allows-eviction',
        'pod-spread',
        'run-as-non-root',
        'read-only-root-filesystem',
        'seccomp-profile',
        'image-tag',
        'image-registry',
        'network-policy',
        'network-policy-egress',
        'metrics-scraped',
        'workloads-found',
        'owner',
        'runbook',
        'on-call',
        'dashboard',
        'docs',
        'source-control',
      ]) {
        expect({ check, status: byCheck.get(check)?.status }).toEqual({
          check,
          status: 'pass',
        });
      }
      // A StatefulSet's replicas own data: no CPU autoscaling, on purpose
      // and said so (statefulVariant.test.ts).
      expect(byCheck.get('autoscaling')?.status).toBe(
        chosen.stateful ? 'exempt' : 'pass',
      );
    });

    if (chosen.stateful) {
      it('is backed up, and honest that no restore has been tested yet', () => {
        const report = evaluateReadiness({
          objects: readObjects(root, 'kubernetes/base'),
          entity: readEntity(root),
        });
        const results = allResults(report);
        expect(results.find(r => r.check === 'backup-schedule')?.status).toBe(
          'pass',
        );

        // A brand-new service has nothing to restore: the check is exempt,
        // with a reason and a deadline, and never claims a drill that did
        // not happen.
        const restore = results.find(r => r.check === 'restore-tested')!;
        expect(restore.status).toBe('exempt');
        expect(JSON.stringify(restore)).toContain(isoDateInDays(30));
        expect(JSON.stringify(restore)).toMatch(/first restore drill due/);
        const annotations = readEntity(root).metadata.annotations;
        expect(annotations).not.toHaveProperty(
          'prodready.dev/last-restore-test',
        );

        // Once the exemption ends, the missing drill shows: silver.
        const later = evaluateReadiness({
          objects: readObjects(root, 'kubernetes/base'),
          entity: readEntity(root),
          now: new Date(Date.now() + 31 * 24 * 60 * 60 * 1000),
        });
        expect(
          allResults(later).find(r => r.check === 'restore-tested')?.status,
        ).toBe('fail');
        expect(later.summary.level).toBe('silver');
      });
    } else {
      it('has nothing to back up, so the backup checks do not apply', () => {
        const report = evaluateReadiness({
          objects: readObjects(root, 'kubernetes/base'),
          entity: readEntity(root),
        });
        const results = allResults(report);
        expect(results.find(r => r.check === 'backup-schedule')?.status).toBe(
          'skip',
        );
        expect(results.find(r => r.check === 'restore-tested')?.status).toBe(
          'skip',
        );
        expect(fs.existsSync(path.join(root, 'kubernetes/base/backup'))).toBe(
          false,
        );
      });
    }

    it('renders the repository a platform team would hand over', () => {
      const files = listFiles(root).sort();
      expect(files).toEqual(
        expect.arrayContaining([
          '.github/workflows/ci.yaml',
          'Dockerfile',
          'catalog-info.yaml',
          'docs/index.md',
          'docs/runbook.md',
          chosen.stateful
            ? 'kubernetes/base/backup/velero-schedule.yaml'
            : 'kubernetes/base/hpa.yaml',
          'kubernetes/base/kustomization.yaml',
          'kubernetes/base/network-policies.yaml',
          'kubernetes/base/pdb.yaml',
          'kubernetes/base/service.yaml',
          'kubernetes/base/serviceaccount.yaml',
          `kubernetes/base/${workloadKind.toLocaleLowerCase('en-US')}.yaml`,
          'mkdocs.yml',
          'package-lock.json',
          'package.json',
          'readiness.yaml',
          'src/main.ts',
          'src/server.test.ts',
          'src/server.ts',
        ]),
      );

      // No template syntax is left behind, except the workflows' own
      // GitHub Actions expressions, which must survive as they are.
      const actionsExpression =
        /\$\{\{ !?(github|matrix|steps|needs|secrets|env|inputs|cancelled)\b[^}]*\}\}/g;
      for (const file of files) {
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        const leftovers = (
          file.startsWith('.github/workflows/')
            ? text.replace(actionsExpression, '')
            : text
        ).match(/\$\{\{|\{%|%\}/g);
        expect({ file, leftovers }).toEqual({ file, leftovers: null });
      }
      const ci = fs.readFileSync(
        path.join(root, '.github/workflows/ci.yaml'),
        'utf8',
      );
      expect(ci).toContain('${{ github.sha }}');
      // The gate covers the base among the environments (deliveryChain.test.ts
      // runs it on each).
      expect(ci).toMatch(/manifests: kubernetes\/base$/m);
      expect(ci).toMatch(/readiness check "\$MANIFESTS"/);
      expect(ci).toMatch(/--format sarif/);

      // The Kustomize base lists exactly the manifests in the folder.
      const kustomization = yaml.parse(
        fs.readFileSync(
          path.join(root, 'kubernetes/base/kustomization.yaml'),
          'utf8',
        ),
      );
      const manifests = listFiles(path.join(root, 'kubernetes/base')).filter(
        file => file !== 'kustomization.yaml',
      );
      expect([...kustomization.resources].sort()).toEqual(manifests.sort());

      // The Dockerfile builds in one stage and runs as non-root in another.
      const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
      expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
      expect(dockerfile).toMatch(/^USER 65532:65532$/m);
      expect(dockerfile).toContain(`EXPOSE ${parameters.port}`);

      // The catalog entity points the portal at these manifests.
      const entity = readEntity(root);
      expect(entity.metadata.annotations['prodready.dev/manifests']).toBe(
        './kubernetes/base',
      );
      expect(entity.metadata.annotations['github.com/project-slug']).toBe(
        `acme-freight/${parameters.name}`,
      );
      expect(entity.metadata.description).toBe(parameters.description);
      expect(entity.spec.owner).toBe(parameters.owner);
    });

    // Node.js runs the service's TypeScript sources by stripping their types,
    // as the generated repository's own `npm test` does (by default from
    // Node.js 22.18; the flag makes older 22.x releases do it too).
    it("passes the generated service's own tests: /healthz, /ready, /metrics", async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--experimental-strip-types',
          '--no-warnings',
          '--test',
          '--test-reporter=tap',
          'src/**/*.test.ts',
        ],
        { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } },
      );
      expect(stdout).toMatch(/^# fail 0$/m);
      expect(stdout).toMatch(/^# pass [1-9]/m);
    }, 60_000);
  });

  describe('an unsafe choice', () => {
    it('fails the run before anything is published: fewer than 2 replicas', async () => {
      // The form refuses it; a template edited to allow it meets the gate.
      const root = await render(parametersWith({ ...STATELESS, replicas: 1 }));

      const { outcome, outputs } = await runReadinessStep(root);

      expect(outcome).toBeInstanceOf(Error);
      const message = (outcome as Error).message;
      expect(message).toMatch(/gate: gold, score 100\): not met/);
      expect(message).toContain(
        '[high] replicas on Deployment parcel-tracker/parcel-tracker',
      );
      expect(message).toContain('[low] autoscaling');
      expect(outputs.level).toBe('bronze');
    });

    it('fails the run when the disruption budget is dropped', async () => {
      const root = await render(parametersWith(STATEFUL));
      fs.rmSync(path.join(root, 'kubernetes/base/pdb.yaml'));

      const { outcome } = await runReadinessStep(root);

      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toContain(
        '[high] pdb on StatefulSet label-archive/label-archive',
      );
    });
  });

  it('reads the skeleton from beside the template, never through a URL reader', () => {
    expect(templateUrlReader.readTree).not.toHaveBeenCalled();
    expect(templateUrlReader.readUrl).not.toHaveBeenCalled();
  });
});
