import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import yaml from 'yaml';
import { scaffolderModuleReadiness } from './module';
import { isoDateInDays } from './templating/isoDateInDays';

const TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../templates/production-ready-service',
);

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

const VALUES = {
  name: 'label-archive',
  description: 'Keeps every shipping label ever printed.',
  owner: 'group:default/fulfilment-team',
  port: 8080,
  imageRegistry: 'registry.acme-freight.example',
  replicas: 3,
  priorityClass: 'standard',
  stateful: true,
  storageSize: '10Gi',
  dataModel: 'single-writer',
  onCall: 'fulfilment-primary',
  runbookUrl: 'https://runbooks.acme-freight.example/label-archive',
  gitopsTool: 'argocd',
  repoUrl: 'github.com?owner=acme-freight&repo=label-archive',
  publishTo: 'local',
};

/**
 * The template's publish steps run actions of the portal's own (the demo
 * portal's `publish:local` and `catalog:register:local`). The scaffolder
 * needs every action a run names, but a dry run skips them: stand-ins that
 * fail when called are enough here.
 */
const portalPublishActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'portal-publish-stand-ins',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        for (const id of ['publish:local', 'catalog:register:local']) {
          scaffolderActions.addActions(
            createTemplateAction({
              id,
              async handler() {
                throw new Error(`${id} must not run in a dry run`);
              },
            }),
          );
        }
      },
    });
  },
});

describe('scaffolderModuleReadiness', () => {
  let baseUrl: string;

  /** A portal's scaffolder with this module and `readiness` config. */
  async function startPortal(readiness: object): Promise<string> {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleReadiness,
        portalPublishActions,
        // readiness:check looks the owner up, as the portal does.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'fulfilment-team', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
        mockServices.rootConfig.factory({ data: { readiness } }),
      ],
    });
    return `http://localhost:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    // The backend's block, with keys that are not the engine's.
    baseUrl = await startPortal({
      gate: 'silver',
      schedule: { frequency: { minutes: 5 } },
      sources: [{ type: 'directory', path: './manifests' }],
    });
  });

  it('adds readiness:check to the scaffolder', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleReadiness,
        catalogServiceMock.factory(),
      ],
    });
    const port = (server.address() as AddressInfo).port;
    const response = await fetch(
      `http://localhost:${port}/api/scaffolder/v2/actions`,
    );

    expect(response.status).toBe(200);
    const ids: string[] = (await response.json()).map(
      (action: { id: string }) => action.id,
    );
    expect(ids).toContain('readiness:check');
    // Local publishing is the demo portal's, not this module's.
    expect(ids.filter(id => id.endsWith(':local'))).toEqual([]);
  });

  /** A dry run of the golden-path template, as the template editor starts it. */
  function dryRun(values: Record<string, unknown>, portal = baseUrl) {
    const template = yaml.parse(
      fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    );
    const directoryContents = listFiles(
      path.join(TEMPLATE_DIR, 'skeleton'),
    ).map(file => ({
      path: path.relative(TEMPLATE_DIR, file),
      base64Content: fs.readFileSync(file).toString('base64'),
    }));
    return fetch(`${portal}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        template,
        values: { ...VALUES, ...values },
        directoryContents,
      }),
    });
  }

  it('runs the golden-path template in a dry run, with its template global', async () => {
    const response = await dryRun({});

    const result = await response.json();
    expect(response.status).toBe(200);
    const files = new Map<string, string>(
      result.directoryContents.map(
        (file: { path: string; base64Content: string }) => [
          file.path,
          Buffer.from(file.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    // The scaffolder's own templating of the step inputs: `stateful: true`
    // reaches the skeleton as a boolean, not the string "true".
    expect(files.has('kubernetes/base/statefulset.yaml')).toBe(true);
    expect(files.has('kubernetes/base/deployment.yaml')).toBe(false);
    expect(files.get('catalog-info.yaml')).toContain(
      `prodready.dev/exempt-until.restore-tested: "${isoDateInDays(30)}"`,
    );
    // The gate ran on what fetch:template wrote; publishing and
    // registering are skipped in a dry run.
    expect(result.output.text[0].content).toContain(
      'scored **100/100**, level **gold**',
    );
    const log = result.log.map((entry: any) => entry.body.message).join('\n');
    expect(log).toContain('Readiness: level gold, score 100/100');
  });

  /** Why a dry run failed: a failing step's InputError answers 400. */
  async function failureOf(response: Response): Promise<string> {
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.name).toBe('InputError');
    return error.message;
  }

  const COST_CENTRE = {
    id: 'cost-centre',
    title: 'Pods name their cost centre',
    category: 'finance',
    severity: 'high',
    scope: 'workload',
    rule: "has(podTemplate.metadata.labels) && 'acme.example/cost-centre' in podTemplate.metadata.labels",
    message:
      'Pods need an acme.example/cost-centre label for the monthly bill.',
  };

  it("holds the template to the portal's custom checks", async () => {
    const portal = await startPortal({ customChecks: [COST_CENTRE] });

    const failure = await failureOf(await dryRun({}, portal));

    expect(failure).toMatch(/^Readiness: level bronze, .*: not met/);
    expect(failure).toContain(
      '[high] cost-centre on StatefulSet label-archive/label-archive: Pods need an acme.example/cost-centre label for the monthly bill.',
    );
  });

  it('starts with an invalid custom check, and fails the readiness step naming its key', async () => {
    const portal = await startPortal({
      customChecks: [{ ...COST_CENTRE, rule: 'podTemplate.metadata.labels.' }],
    });

    const failure = await failureOf(await dryRun({}, portal));

    expect(failure).toMatch(
      /^readiness:check cannot run: Invalid readiness config: readiness\.customChecks\[0\]\.rule: .*\(line 1, col \d+\)/,
    );
  });

  it('refuses fewer than 2 replicas before the run starts', async () => {
    const response = await dryRun({ replicas: 1 });

    expect(response.status).toBe(400);
    const { errors } = await response.json();
    expect(errors).toEqual([
      expect.objectContaining({
        property: 'instance.replicas',
        name: 'minimum',
      }),
    ]);
  });
});
