/**
 * The golden-path template (templates/production-ready-service), rendered by
 * the scaffolder's real fetch:template action, then scored by the
 * readiness:check action and by the engine directly: a new service must
 * pass every check, stateless or stateful.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  CheckResult,
  evaluateReadiness,
  parseManifests,
  parseReadinessConfig,
  ReadinessConfig,
  ReadinessReport,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { createReadinessCheckAction } from './actions/readinessCheck';
import { isoDateInDays } from './templating/isoDateInDays';

const TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../templates/production-ready-service',
);
const TEMPLATE_FILE = path.join(TEMPLATE_DIR, 'template.yaml');
const template = yaml.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
const steps: Array<{ id: string; action: string; input: JsonObject }> =
  template.spec.steps;
const fetchStep = steps.find(step => step.action === 'fetch:template')!;
const readinessStep = steps.find(step => step.action === 'readiness:check')!;

/** Every parameter the form offers, across its pages and dependencies. */
function formProperties(): Record<string, any> {
  const properties: Record<string, any> = {};
  for (const page of template.spec.parameters) {
    Object.assign(properties, page.properties);
    for (const dependency of Object.values<any>(page.dependencies ?? {})) {
      for (const branch of dependency.oneOf ?? []) {
        for (const [name, schema] of Object.entries<any>(branch.properties)) {
          if (schema.type) properties[name] = schema;
        }
      }
    }
  }
  return properties;
}

/** What a user fills in, on top of the form's defaults. */
function parametersWith(chosen: JsonObject): JsonObject {
  const parameters: JsonObject = {};
  for (const [name, schema] of Object.entries(formProperties())) {
    if (schema.default !== undefined) parameters[name] = schema.default;
  }
  return { ...parameters, ...chosen };
}

const PASSTHROUGH = /^\$\{\{ parameters\.(\w+) \}\}$/;

/**
 * The values the fetch step hands to the skeleton. The template passes
 * parameters through unchanged (a test below holds it to that), so this is
 * what the scaffolder's own templating produces.
 */
function fetchValues(parameters: JsonObject): JsonObject {
  const values: JsonObject = {};
  for (const [key, expression] of Object.entries(
    fetchStep.input.values as Record<string, string>,
  )) {
    const name = PASSTHROUGH.exec(expression)![1];
    if (parameters[name] !== undefined) values[key] = parameters[name];
  }
  return values;
}

const STATELESS: JsonObject = {
  name: 'parcel-tracker',
  description: 'Tracks parcels between hubs: "where is it now?"',
  owner: 'group:default/fulfilment-team',
  system: 'system:default/freight-platform',
  imageRegistry: 'registry.acme-freight.example/fulfilment',
  priorityClass: 'business-critical',
  onCall: 'fulfilment-primary',
  runbookUrl: 'https://runbooks.acme-freight.example/fulfilment/parcel-tracker',
  repoUrl: 'github.com?owner=acme-freight&repo=parcel-tracker',
  publishTo: 'local',
};

const STATEFUL: JsonObject = {
  name: 'label-archive',
  description: 'Keeps every shipping label ever printed, for audits.',
  owner: 'group:default/fulfilment-team',
  stateful: true,
  storageSize: '20Gi',
  port: 9090,
  replicas: 2,
  onCall: 'fulfilment-primary',
  runbookUrl: 'https://runbooks.acme-freight.example/fulfilment/label-archive',
  repoUrl: 'github.com?owner=acme-freight&repo=label-archive',
  publishTo: 'local',
};

const urlReader = mockServices.urlReader.mock();
const fetchTemplate = createFetchTemplateAction({
  reader: urlReader,
  integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  // The module adds this global to the scaffolder.
  additionalTemplateGlobals: {
    isoDateInDays: (days: JsonValue | undefined) =>
      isoDateInDays(days as number),
  },
});

const mockDirectory = createMockDirectory();
let renders = 0;

/** Renders the skeleton as the template's fetch step does; returns the folder. */
async function render(parameters: JsonObject): Promise<string> {
  renders += 1;
  const workspacePath = mockDirectory.resolve(`workspace-${renders}`);
  const scratch = mockDirectory.resolve(`scratch-${renders}`);
  fs.mkdirSync(workspacePath, { recursive: true });
  fs.mkdirSync(scratch, { recursive: true });
  const ctx = createMockActionContext({
    input: { ...fetchStep.input, values: fetchValues(parameters) },
    workspacePath,
    templateInfo: {
      entityRef: 'template:default/production-ready-service',
      // As the scaffolder sets it for a template read from a file location.
      baseUrl: `file://${TEMPLATE_FILE}`,
    },
  });
  // The mock hands out the workspace itself as scratch space; fetch:template
  // would then leave its copy of the skeleton in the output.
  ctx.createTemporaryDirectory = async () => scratch;
  await fetchTemplate.handler(ctx as any);
  return workspacePath;
}

function listFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(root, full)
      : [path.relative(root, full)];
  });
}

function readObjects(root: string, folder: string): SourcedObject[] {
  return listFiles(path.join(root, folder))
    .filter(file => file.endsWith('.yaml'))
    .flatMap(
      file =>
        parseManifests(fs.readFileSync(path.join(root, folder, file), 'utf8'), {
          file,
        }).objects,
    );
}

function readEntity(root: string) {
  return yaml.parse(
    fs.readFileSync(path.join(root, 'catalog-info.yaml'), 'utf8'),
  );
}

function readCiConfig(root: string): ReadinessConfig {
  return parseReadinessConfig(
    yaml.parse(fs.readFileSync(path.join(root, 'readiness.yaml'), 'utf8')),
  );
}

function allResults(report: ReadinessReport): CheckResult[] {
  return [
    ...report.workloads.flatMap(workload => workload.results),
    ...report.objects.flatMap(object => object.results),
    ...(report.entity?.results ?? []),
  ];
}

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
    expect(urlReader.readTree).not.toHaveBeenCalled();
    expect(urlReader.readUrl).not.toHaveBeenCalled();
  });
});
