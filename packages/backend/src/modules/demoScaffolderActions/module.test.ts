import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import yaml from 'yaml';
import scaffolderModuleReadiness from '@prodready/backstage-plugin-scaffolder-backend-module-readiness';
import { scaffolderModuleDemoActions } from './module';

const TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../../../templates/production-ready-service',
);

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

// The demo portal's custom checks: the golden path must meet them too.
const demoReadiness = yaml.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../../app-config.yaml'),
    'utf8',
  ),
).readiness;

describe('scaffolderModuleDemoActions', () => {
  let baseUrl: string;

  beforeAll(async () => {
    // The demo portal's scaffolder: the published readiness module and
    // the demo's own local publishing.
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleReadiness,
        scaffolderModuleDemoActions,
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
        mockServices.rootConfig.factory({
          data: {
            scaffolder: { localPublish: { directory: '/tmp/local-repos' } },
            readiness: { customChecks: demoReadiness.customChecks },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  it('adds publish:local and catalog:register:local to the scaffolder', async () => {
    const response = await fetch(`${baseUrl}/api/scaffolder/v2/actions`);

    expect(response.status).toBe(200);
    const ids = (await response.json()).map(
      (action: { id: string }) => action.id,
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'readiness:check',
        'publish:local',
        'catalog:register:local',
      ]),
    );
  });

  it('accepts the golden-path template with local publishing in a dry run', async () => {
    const template = yaml.parse(
      fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    );
    const directoryContents = listFiles(
      path.join(TEMPLATE_DIR, 'skeleton'),
    ).map(file => ({
      path: path.relative(TEMPLATE_DIR, file),
      base64Content: fs.readFileSync(file).toString('base64'),
    }));

    const response = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        template,
        values: {
          name: 'label-archive',
          description: 'Keeps every shipping label ever printed.',
          owner: 'group:default/fulfilment-team',
          port: 8080,
          imageRegistry: 'registry.acme-freight.example',
          replicas: 3,
          priorityClass: 'standard',
          stateful: false,
          onCall: 'fulfilment-primary',
          runbookUrl: 'https://runbooks.acme-freight.example/label-archive',
          exposure: 'internal',
          gitopsTool: 'argocd',
          repoUrl: 'github.com?owner=acme-freight&repo=label-archive',
          publishTo: 'local',
        },
        directoryContents,
      }),
    });

    const result = await response.json();
    expect(response.status).toBe(200);
    // A dry run skips the publish steps, but the scaffolder still looks up
    // every action a step names: both local ones must be registered.
    const log: string = result.log
      .map((entry: any) => entry.body.message)
      .join('\n');
    // Gold with the demo's custom checks as well as the built-in ones.
    expect(log).toContain('Readiness: level gold, score 100/100');
    expect(log).toMatch(
      /Skipping because publish:local does not support dry-run/,
    );
    expect(log).toMatch(
      /Skipping because catalog:register:local does not support dry-run/,
    );
  });
});
