/**
 * The plugin's actions through the real actions registry: invoked over the
 * registry's HTTP endpoint as other plugins and the MCP actions backend call
 * them, with and without the permission to read readiness, and through the
 * MCP actions backend as an AI client would.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  actionsServiceFactory,
  tracingServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { alphaServiceFactories } from './__testUtils__/alphaServices';
import { authKeepingActor } from './__testUtils__/authKeepingActor';
import { readinessPlugin } from './plugin';
import { entityDeploymentYaml } from './__testUtils__/entityDeployment';
import { serviceComponent } from './__testUtils__/catalogEntities';

jest.setTimeout(60_000);

const MAX_BODY_BYTES = 64 * 1024;

const component = (name: string) => serviceComponent(name);

const TEAM_LABEL = {
  id: 'team-label',
  title: 'Pods carry a team label',
  category: 'ownership',
  severity: 'medium',
  scope: 'workload',
  rule: "has(podTemplate.metadata.labels) && 'team' in podTemplate.metadata.labels",
  message: 'Pods need a team label so that alerts reach the owner.',
  remediation: 'Add `team: <your-team>` to `spec.template.metadata.labels`.',
  docsUrl: 'https://wiki.acme.example/platform/labels',
};

// The stranger may not read readiness at all; everyone else may.
const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const denied =
              user?.info.userEntityRef === 'user:default/stranger' &&
              req.permission.name === 'readiness.entity.read';
            return {
              result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
            };
          },
        });
      },
    });
  },
});

const maintainer = mockCredentials.user.header('user:default/maintainer');
const stranger = mockCredentials.user.header('user:default/stranger');

describe('readiness actions', () => {
  let server: any;
  let manifests: string;

  const invoke = (action: string, input: object, authorization = maintainer) =>
    request(server)
      .post(`/api/readiness/.backstage/actions/v1/actions/${action}/invoke`)
      .set('Authorization', authorization)
      .send(input);

  beforeAll(async () => {
    manifests = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-actions-'));
    fs.writeFileSync(
      path.join(manifests, 'shop.yaml'),
      [
        entityDeploymentYaml('shipments', 3),
        entityDeploymentYaml('payments', 1),
      ].join('---\n'),
    );
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        ...alphaServiceFactories,
        actionsServiceFactory,
        tracingServiceFactory,
        mcpActionsPlugin,
        permissionPlugin,
        testPolicy,
        permissionsServiceFactory,
        schedulerServiceFactory,
        authKeepingActor,
        catalogServiceMock.factory({
          entities: [component('shipments'), component('payments')],
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: { actions: { pluginSources: ['readiness'] } },
            readiness: {
              sources: [{ type: 'directory', name: 'test', path: manifests }],
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 1 },
              },
              customChecks: [TEAM_LABEL],
              evaluate: { maxBodyBytes: MAX_BODY_BYTES, workers: 1 },
            },
          },
        }),
      ],
    });
    server = backend.server;
    for (const name of ['shipments', 'payments']) {
      const refreshed = await request(server)
        .post(`/api/readiness/entities/component/default/${name}/refresh`)
        .set('Authorization', maintainer);
      if (refreshed.status !== 200) throw new Error(refreshed.text);
    }
  });

  afterAll(() => fs.rmSync(manifests, { recursive: true, force: true }));

  it('lists its actions with their input schemas', async () => {
    const response = await request(server)
      .get('/api/readiness/.backstage/actions/v1/actions')
      .set('Authorization', maintainer);
    expect(response.status).toBe(200);
    const actions = response.body.actions;
    expect(actions.map((action: any) => action.id).sort()).toEqual([
      'readiness:evaluate-manifests',
      'readiness:explain-check',
      'readiness:get-entity-scorecard',
      'readiness:list-owner-failing-checks',
    ]);
    const scorecard = actions.find(
      (action: any) => action.name === 'get-entity-scorecard',
    );
    expect(scorecard.attributes).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
    });
    expect(scorecard.schema.input.properties.entityRef.description).toMatch(
      /component:default\/payments/,
    );
  });

  it("gives an entity's scorecard with its failing checks to those who may read it", async () => {
    const response = await invoke('readiness:get-entity-scorecard', {
      entityRef: 'payments',
    });
    expect(response.status).toBe(200);
    const { output } = response.body;
    expect(output).toMatchObject({
      entityRef: 'component:default/payments',
      owner: 'group:default/team-a',
      stale: false,
      productionReady: false,
    });
    expect(output.failingChecks).toContainEqual({
      check: 'replicas',
      title: expect.any(String),
      severity: expect.any(String),
      status: 'fail',
      subject: 'Deployment shop/payments',
      message: expect.stringMatching(/\S/),
    });
    expect(output.failingChecks).toContainEqual(
      expect.objectContaining({ check: 'team-label' }),
    );
    expect(output.failingCheckCount).toBe(output.failingChecks.length);
  });

  it('refuses the scorecard to a caller without readiness.entity.read, as the route does', async () => {
    const action = await invoke(
      'readiness:get-entity-scorecard',
      { entityRef: 'component:default/payments' },
      stranger,
    );
    expect(action.status).toBe(404);
    expect(action.body.output).toBeUndefined();
    const route = await request(server)
      .get('/api/readiness/entities/component/default/payments')
      .set('Authorization', stranger);
    expect(route.status).toBe(404);
  });

  it("lists the failing checks of an owner's entities, only those the caller may see", async () => {
    const response = await invoke('readiness:list-owner-failing-checks', {
      owner: 'team-a',
    });
    expect(response.status).toBe(200);
    const { output } = response.body;
    expect(output.owner).toBe('group:default/team-a');
    expect(output.total).toBe(2);
    const payments = output.entities.find(
      (entity: any) => entity.entityRef === 'component:default/payments',
    );
    expect(payments.failingChecks).toContainEqual(
      expect.objectContaining({ check: 'replicas', failingSubjects: 1 }),
    );
    const shipments = output.entities.find(
      (entity: any) => entity.entityRef === 'component:default/shipments',
    );
    expect(shipments.failingChecks.map((c: any) => c.check)).not.toContain(
      'replicas',
    );

    const hidden = await invoke(
      'readiness:list-owner-failing-checks',
      { owner: 'group:default/team-a' },
      stranger,
    );
    expect(hidden.status).toBe(200);
    expect(hidden.body.output).toEqual({
      owner: 'group:default/team-a',
      entities: [],
      total: 0,
    });
  });

  it('evaluates manifests on the worker pool, within the body limit', async () => {
    const response = await invoke('readiness:evaluate-manifests', {
      manifests: entityDeploymentYaml('orders', 1),
    });
    expect(response.status).toBe(200);
    const { report } = response.body.output;
    expect(report.detail).toBe('compact');
    expect(report.workloads).toHaveLength(1);
    expect(report.workloads[0].results).toContainEqual(
      expect.objectContaining({ check: 'replicas', status: 'fail' }),
    );
    // The configured custom check runs too, as it does for POST /evaluate.
    expect(report.workloads[0].results).toContainEqual(
      expect.objectContaining({ check: 'team-label', status: 'fail' }),
    );

    const summary = await invoke('readiness:evaluate-manifests', {
      manifests: entityDeploymentYaml('orders', 3),
      detail: 'summary',
    });
    expect(summary.body.output.report.detail).toBe('summary');

    const tooLarge = await invoke('readiness:evaluate-manifests', {
      manifests: `# ${'x'.repeat(MAX_BODY_BYTES)}\n${entityDeploymentYaml(
        'orders',
        1,
      )}`,
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.message).toMatch(
      /readiness\.evaluate\.maxBodyBytes/,
    );

    const broken = await invoke('readiness:evaluate-manifests', {
      manifests: 'kind: [unclosed',
    });
    expect(broken.status).toBe(400);
  });

  it('refuses every action to an unauthenticated caller', async () => {
    const response = await invoke(
      'readiness:explain-check',
      { checkId: 'replicas' },
      'Bearer mock-none-token',
    );
    expect(response.status).toBe(401);
  });

  it('explains built-in and custom checks, and names the checks for an unknown id', async () => {
    const builtIn = await invoke('readiness:explain-check', {
      checkId: 'replicas',
    });
    expect(builtIn.status).toBe(200);
    expect(builtIn.body.output).toMatchObject({
      id: 'replicas',
      origin: 'built-in',
      rationale: expect.stringMatching(/\S/),
      remediation: expect.stringMatching(/\S/),
      remediationSnippet: expect.stringContaining('replicas'),
    });

    const custom = await invoke('readiness:explain-check', {
      checkId: 'team-label',
    });
    expect(custom.body.output).toMatchObject({
      id: 'team-label',
      origin: 'custom',
      remediation: TEAM_LABEL.remediation,
      docsUrl: TEAM_LABEL.docsUrl,
    });

    const unknown = await invoke('readiness:explain-check', {
      checkId: 'no-such-check',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/replicas/);
  });

  describe('through the MCP actions backend', () => {
    /** One JSON-RPC request to the MCP endpoint; the answer comes as an SSE event. */
    async function mcp(method: string, params: object, authorization: string) {
      const response = await request(server)
        .post('/api/mcp-actions/v1')
        .set('Authorization', authorization)
        .set('Accept', 'application/json, text/event-stream')
        .send({ jsonrpc: '2.0', id: 1, method, params });
      expect(response.status).toBe(200);
      const data = response.text
        .split('\n')
        .find(line => line.startsWith('data: '));
      return JSON.parse(data!.slice('data: '.length));
    }

    it('offers the actions as tools and calls them with the caller’s permissions', async () => {
      const listed = await mcp('tools/list', {}, maintainer);
      expect(listed.result.tools.map((tool: any) => tool.name)).toEqual(
        expect.arrayContaining([
          'readiness.get-entity-scorecard',
          'readiness.list-owner-failing-checks',
          'readiness.evaluate-manifests',
          'readiness.explain-check',
        ]),
      );

      const called = await mcp(
        'tools/call',
        {
          name: 'readiness.get-entity-scorecard',
          arguments: { entityRef: 'component:default/payments' },
        },
        maintainer,
      );
      expect(called.result.isError).toBeFalsy();
      expect(called.result.structuredContent).toMatchObject({
        entityRef: 'component:default/payments',
        productionReady: false,
      });

      const refused = await mcp(
        'tools/call',
        {
          name: 'readiness.get-entity-scorecard',
          arguments: { entityRef: 'component:default/payments' },
        },
        stranger,
      );
      expect(refused.result.isError).toBe(true);
      expect(refused.result.content[0].text).toMatch(/^NotFoundError: /);
    });
  });
});
