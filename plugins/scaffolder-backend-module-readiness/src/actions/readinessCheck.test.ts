import { JsonObject } from '@backstage/types';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  parseReadinessConfig,
  ReadinessConfig,
} from '@prodready/backstage-plugin-readiness-common';
import { createReadinessCheckAction } from './readinessCheck';

// A service that meets every critical, high and medium workload check.
const SAFE_DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      annotations: { prometheus.io/scrape: "true" }
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      priorityClassName: standard
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }
      containers:
        - name: web
          image: registry.example.com/shop/web:1.4.2
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /ready, port: http } }
          livenessProbe: { httpGet: { path: /healthz, port: http } }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
`;

const PDB = `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: shop }
spec: { maxUnavailable: 1, selector: { matchLabels: { app: web } } }
`;

const NETWORK_POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
`;

const ENTITY = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: web
  links: [{ url: https://runbooks.example.com/web, title: Runbook, type: runbook }]
  annotations: { prodready.dev/on-call: team-shop }
spec: { type: service, owner: group:default/shop, lifecycle: production }
`;

describe('readiness:check', () => {
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  async function run(
    input: JsonObject,
    options: Parameters<typeof createReadinessCheckAction>[0] = {},
  ) {
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    const outcome = createReadinessCheckAction(options)
      .handler(ctx as any)
      .then(
        () => 'passed',
        (error: Error) => error,
      );
    return { outcome: await outcome, output: ctx.output as jest.Mock };
  }

  function outputs(output: jest.Mock) {
    return Object.fromEntries(output.mock.calls);
  }

  it('passes a production-ready service and outputs its score and level', async () => {
    workspace.setContent({
      'kubernetes/deployment.yaml': SAFE_DEPLOYMENT,
      'kubernetes/pdb.yaml': PDB,
      'kubernetes/network-policy.yaml': NETWORK_POLICY,
      'catalog-info.yaml': ENTITY,
    });

    const { outcome, output } = await run({ minLevel: 'silver' });

    expect(outcome).toBe('passed');
    const { level, score, productionReady, report } = outputs(output);
    expect(['gold', 'silver']).toContain(level);
    expect(score).toBeGreaterThanOrEqual(90);
    expect(productionReady).toBe(true);
    expect(report.entity.ref).toBe('component:default/web');
    expect(report.workloads).toHaveLength(1);
  });

  it('fails the run and names the failing check when the PDB is dropped', async () => {
    workspace.setContent({
      'kubernetes/deployment.yaml': SAFE_DEPLOYMENT,
      'kubernetes/network-policy.yaml': NETWORK_POLICY,
      'catalog-info.yaml': ENTITY,
    });

    const { outcome, output } = await run({ minLevel: 'silver' });

    expect(outcome).toBeInstanceOf(Error);
    const message = (outcome as Error).message;
    expect(message).toMatch(
      /level bronze, score \d+\/100 \(gate: silver\): not met/,
    );
    expect(message).toContain('[high] pdb on Deployment shop/web');
    expect(outputs(output).level).toBe('bronze');
  });

  it('holds a minimum score as well as a level', async () => {
    workspace.setContent({
      'kubernetes/deployment.yaml': SAFE_DEPLOYMENT,
      'kubernetes/pdb.yaml': PDB,
      'kubernetes/network-policy.yaml': NETWORK_POLICY,
    });

    const { outcome } = await run({ minLevel: 'none', minScore: 100 });

    // Without the catalog entity, low checks such as autoscaling still fail.
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toContain('score 100');
  });

  it('reads only the paths it is given and never outside the workspace', async () => {
    workspace.setContent({ 'kubernetes/deployment.yaml': SAFE_DEPLOYMENT });

    const escaped = await run({ paths: ['../../etc'] });
    expect(escaped.outcome).toBeInstanceOf(Error);
    expect((escaped.outcome as Error).message).toMatch(/outside/i);

    const empty = await run({ paths: ['docs'] });
    expect((empty.outcome as Error).message).toMatch(
      /no such file or directory/,
    );
  });

  it('explains a manifest it cannot parse, naming the file and line', async () => {
    workspace.setContent({
      'kubernetes/deployment.yaml': 'kind: Deployment\nmetadata: [unclosed\n',
    });

    const { outcome } = await run({});

    expect((outcome as Error).message).toMatch(
      /kubernetes\/deployment\.yaml:\d+/,
    );
  });

  describe("with the portal's readiness configuration", () => {
    const config = (raw: object): ReadinessConfig => parseReadinessConfig(raw);

    it('applies its settings: minReplicas', async () => {
      workspace.setContent({
        'kubernetes/deployment.yaml': SAFE_DEPLOYMENT,
        'kubernetes/pdb.yaml': PDB,
        'kubernetes/network-policy.yaml': NETWORK_POLICY,
      });

      const { outcome } = await run(
        { minLevel: 'silver' },
        { config: config({ minReplicas: 4 }) },
      );

      expect((outcome as Error).message).toContain(
        '[high] replicas on Deployment shop/web',
      );
    });

    it('applies its registries and exemptions', async () => {
      workspace.setContent({
        'kubernetes/deployment.yaml': SAFE_DEPLOYMENT,
        'kubernetes/network-policy.yaml': NETWORK_POLICY,
        'catalog-info.yaml': ENTITY,
      });
      const settings = {
        allowedRegistries: ['registry.example.com'],
        exemptions: [
          {
            entityRef: 'component:default/web',
            check: 'pdb',
            reason: 'singleton until the queue migration, JIRA-42',
          },
        ],
      };

      const { outcome, output } = await run(
        { minLevel: 'silver' },
        { config: config(settings) },
      );

      expect(outcome).toBe('passed');
      const results = outputs(output).report.workloads[0].results;
      const status = (check: string) =>
        results.find((r: { check: string }) => r.check === check).status;
      expect(status('pdb')).toBe('exempt');
      expect(status('image-registry')).toBe('pass');

      const elsewhere = await run(
        { minLevel: 'silver' },
        {
          config: config({
            ...settings,
            allowedRegistries: ['ghcr.io'],
          }),
        },
      );
      expect((elsewhere.outcome as Error).message).toContain(
        '[high] image-registry',
      );
    });

    it('holds its gate when the step names none', async () => {
      // No seccomp profile: a medium check fails, so the level is silver.
      workspace.setContent({
        'kubernetes/deployment.yaml': SAFE_DEPLOYMENT.replace(
          ', seccompProfile: { type: RuntimeDefault }',
          '',
        ),
        'kubernetes/pdb.yaml': PDB,
        'kubernetes/network-policy.yaml': NETWORK_POLICY,
      });

      expect((await run({})).outcome).toBe('passed');
      const gold = await run({}, { config: config({ gate: 'gold' }) });
      expect((gold.outcome as Error).message).toMatch(
        /level silver, score \d+\/100 \(gate: gold\): not met/,
      );
      // The step's own minLevel still wins.
      expect(
        (
          await run(
            { minLevel: 'silver' },
            { config: config({ gate: 'gold' }) },
          )
        ).outcome,
      ).toBe('passed');
    });
  });

  describe('with custom checks in the configuration', () => {
    const TEAM_LABEL = {
      id: 'team-label',
      title: 'Pods carry a team label',
      category: 'ownership',
      severity: 'high',
      scope: 'workload',
      rule: "has(podTemplate.metadata.labels) && 'team' in podTemplate.metadata.labels",
      message: 'Pods need a team label so that alerts reach the owner.',
    };
    const settings = (customChecks: object[]) =>
      parseReadinessConfig({ customChecks }, { keyPrefix: 'readiness' });

    beforeEach(() =>
      workspace.setContent({
        'kubernetes/deployment.yaml': SAFE_DEPLOYMENT,
        'kubernetes/pdb.yaml': PDB,
        'kubernetes/network-policy.yaml': NETWORK_POLICY,
      }),
    );

    it('counts a failing custom check in the gate, naming it', async () => {
      const { outcome, output } = await run(
        { minLevel: 'silver' },
        { config: settings([TEAM_LABEL]) },
      );

      expect((outcome as Error).message).toContain(
        '[high] team-label on Deployment shop/web: Pods need a team label so that alerts reach the owner.',
      );
      expect(outputs(output).level).toBe('bronze');
    });

    it('passes once the workload does what the custom check asks', async () => {
      workspace.setContent({
        'kubernetes/deployment.yaml': SAFE_DEPLOYMENT.replace(
          'labels: { app: web }',
          'labels: { app: web, team: shop }',
        ),
      });

      const { outcome, output } = await run(
        { minLevel: 'none' },
        { config: settings([TEAM_LABEL]) },
      );

      expect(outcome).toBe('passed');
      const results = outputs(output).report.workloads[0].results;
      expect(
        results.find((r: { check: string }) => r.check === 'team-label'),
      ).toMatchObject({ status: 'pass', severity: 'high' });
    });

    it('lists a rule that cannot be evaluated, which holds the gate like a failure', async () => {
      const annotated = {
        ...TEAM_LABEL,
        id: 'cost-centre',
        rule: "podTemplate.metadata.annotations['acme.example/cost-centre'] != ''",
      };

      const { outcome } = await run(
        { minLevel: 'silver' },
        { config: settings([annotated]) },
      );

      const message = (outcome as Error).message;
      expect(message).toMatch(/^Readiness: level bronze, .*: not met/);
      expect(message).toContain(
        '[high, could not be evaluated] cost-centre on Deployment shop/web: The rule could not be evaluated: No such key: acme.example/cost-centre (line 1, col 1).',
      );
    });

    it('fails the step, naming the key and the CEL position, when the configuration is invalid', async () => {
      const { outcome } = await run(
        { minLevel: 'silver' },
        {
          config: () =>
            settings([{ ...TEAM_LABEL, rule: "'team' in podspec.labels" }]),
        },
      );

      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toContain(
        "readiness.customChecks[0].rule: undeclared reference to 'podspec' (line 1, col 11)",
      );
    });
  });

  describe('with the catalog', () => {
    beforeEach(() =>
      workspace.setContent({
        'kubernetes/deployment.yaml': SAFE_DEPLOYMENT,
        'kubernetes/pdb.yaml': PDB,
        'kubernetes/network-policy.yaml': NETWORK_POLICY,
        'catalog-info.yaml': ENTITY,
      }),
    );

    const shop = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'shop', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };

    it('passes when the owner exists, as the portal checks it', async () => {
      const catalog = catalogServiceMock({ entities: [shop] });

      const { outcome } = await run({ minLevel: 'silver' }, { catalog });

      expect(outcome).toBe('passed');
    });

    it('fails when the owner is not in the catalog', async () => {
      const catalog = catalogServiceMock({ entities: [] });

      const { outcome } = await run({ minLevel: 'silver' }, { catalog });

      expect((outcome as Error).message).toContain(
        '[high] owner on component:default/web',
      );
    });

    it('only checks that an owner is set when the catalog does not answer', async () => {
      const catalog = catalogServiceMock.mock({
        getEntityByRef: jest.fn().mockRejectedValue(new Error('unavailable')),
      });

      const { outcome } = await run({ minLevel: 'silver' }, { catalog });

      expect(outcome).toBe('passed');
    });
  });
});
