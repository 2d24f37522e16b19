/**
 * The real-world corpus: `readiness check` over manifests shaped like those
 * of well-known public projects (see docs/real-world.md for the projects,
 * the commits studied and what the CLI said about them).
 *
 * Every fixture under `test/real-world/<shape>/` was written for this test;
 * none is copied. Each `describe` names the project whose shape it
 * reproduces and each expectation the rule of the check catalogue (the
 * contract docs/checks.md documents, "the spec") that decides it. The
 * verdicts were worked out by hand from the spec.
 *
 * Every case runs `bin/readiness` as a user does, in a new process, so that
 * it also proves there is no crash, no stack trace and no Node warning on
 * standard error.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/readiness');
const CORPUS = path.resolve(__dirname, '../test/real-world');

/** Spawning Node and compiling the sources takes a few seconds here. */
const RUN_TIMEOUT = 120_000;

type Status = 'pass' | 'fail' | 'skip' | 'exempt' | 'error';

interface Finding {
  path: string;
  message: string;
}

interface Result {
  check: string;
  status: Status;
  severity: string;
  message: string;
  findings?: Finding[];
}

interface Evaluated {
  kind: string;
  namespace: string;
  name: string;
  file: string;
  line?: number;
  score?: number;
  level?: string;
  results: Result[];
}

interface Report {
  summary: {
    score: number;
    level: string;
    productionReady: boolean;
    counts: Record<Status, number>;
  };
  workloads: Evaluated[];
  objects?: Evaluated[];
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  report?: Report;
}

/** Runs the real bin from the corpus folder, so reported paths are relative to it. */
function readiness(...args: string[]): Run {
  return readinessWithInput(undefined, ...args);
}

/** The same, with `input` on standard input (for `readiness check -`). */
function readinessWithInput(input: string | undefined, ...args: string[]): Run {
  // As a CI job runs it: no colour settings inherited from the test runner
  // (Node itself warns when NO_COLOR and FORCE_COLOR are both set).
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const child = spawnSync(process.execPath, [BIN, 'check', ...args], {
    cwd: CORPUS,
    encoding: 'utf8',
    env,
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) {
    throw child.error;
  }
  const run: Run = {
    code: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
  };
  if (args.includes('json')) {
    try {
      run.report = JSON.parse(child.stdout);
    } catch {
      // report() fails the test with what the CLI said instead.
    }
  }
  return run;
}

/** A JSON run of one fixture folder (or file), once per describe block. */
function jsonRun(...args: string[]): () => Run {
  let run: Run | undefined;
  beforeAll(() => {
    run = readiness(...args, '--format', 'json');
  }, RUN_TIMEOUT);
  return () => {
    if (!run) {
      throw new Error(`readiness check ${args.join(' ')} did not run`);
    }
    return run;
  };
}

function report(run: Run): Report {
  if (!run.report) {
    throw new Error(
      `no JSON report (exit ${run.code}); stderr:\n${run.stderr.slice(
        0,
        2000,
      )}`,
    );
  }
  return run.report;
}

/** Node prints "(node:1234) Warning: ..." and stack traces to stderr; users must never see them. */
function expectNoNodeNoise(run: Run) {
  expect(run.stderr).not.toMatch(/\(node:\d+\)/);
  expect(run.stderr).not.toMatch(/\b(\w+)?Warning: /);
  expect(run.stderr).not.toMatch(/--trace-warnings/);
  expect(run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(run.stdout).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
}

function find(
  run: Run,
  kind: string,
  name: string,
  namespace?: string,
): Evaluated {
  const { workloads, objects = [] } = report(run);
  const all = [...workloads, ...objects];
  const found = all.filter(
    item =>
      item.kind === kind &&
      item.name === name &&
      (namespace === undefined || item.namespace === namespace),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one ${kind} ${namespace ?? '*'}/${name}, found ${
        found.length
      } among: ${all
        .map(i => `${i.kind} ${i.namespace}/${i.name}`)
        .join(', ')}`,
    );
  }
  return found[0];
}

/** check id -> status, for `toMatchObject` (the diff shows every wrong verdict at once). */
function verdicts(
  run: Run,
  kind: string,
  name: string,
  namespace?: string,
): Record<string, Status> {
  return Object.fromEntries(
    find(run, kind, name, namespace).results.map(r => [r.check, r.status]),
  );
}

function result(
  run: Run,
  kind: string,
  name: string,
  check: string,
  namespace?: string,
): Result {
  const found = find(run, kind, name, namespace).results.find(
    r => r.check === check,
  );
  if (!found) {
    throw new Error(`${kind} ${name} has no result for ${check}`);
  }
  return found;
}

/** "No unexpected error status": nothing in the report could not be evaluated. */
function errorResults(run: Run): string[] {
  const { workloads, objects = [] } = report(run);
  return [...workloads, ...objects].flatMap(item =>
    item.results
      .filter(r => r.status === 'error')
      .map(r => `${item.kind} ${item.name} ${r.check}: ${r.message}`),
  );
}

function workloadNames(run: Run): string[] {
  return report(run)
    .workloads.map(w => `${w.kind} ${w.namespace}/${w.name}`)
    .sort();
}

describe('real-world corpus', () => {
  describe('kube-prometheus-style: prometheus-operator/kube-prometheus manifests/ (setup/ CRDs, operator, ServiceMonitor, PDBs)', () => {
    const run = jsonRun('kube-prometheus-style');

    it('evaluates only the workload kinds: CRDs, the Prometheus custom resource and rules are not workloads (spec: Objects)', () => {
      expect(workloadNames(run())).toEqual([
        'Deployment observability/metrics-gateway',
        'Deployment observability/rules-operator',
        'Deployment observability/state-exporter',
      ]);
    });

    it('rounds PDB percentages up as Kubernetes does (spec: pdb-allows-eviction)', () => {
      // minAvailable 50% of 3 -> 2 < 3: one eviction allowed.
      expect(
        result(run(), 'Deployment', 'rules-operator', 'pdb-allows-eviction')
          .status,
      ).toBe('pass');
      // minAvailable 60% of 2 -> ceil(1.2) = 2, not < 2: no eviction allowed.
      expect(
        result(run(), 'Deployment', 'metrics-gateway', 'pdb-allows-eviction')
          .status,
      ).toBe('fail');
      // maxUnavailable 10% > 0: one eviction allowed.
      expect(
        result(run(), 'Deployment', 'state-exporter', 'pdb-allows-eviction')
          .status,
      ).toBe('pass');
    });

    it('finds the PDB, NetworkPolicy and ServiceMonitor by label selector, matchExpressions included (spec: relations)', () => {
      expect(verdicts(run(), 'Deployment', 'rules-operator')).toMatchObject({
        pdb: 'pass',
        'metrics-scraped': 'pass',
        'network-policy': 'pass',
        'network-policy-egress': 'pass',
        'probe-port-declared': 'pass',
      });
      expect(verdicts(run(), 'Deployment', 'state-exporter')).toMatchObject({
        pdb: 'pass',
        'network-policy': 'pass',
        'network-policy-egress': 'pass',
      });
    });

    it('rates the hardened operator gold and the whole stack silver, which holds the default gate (spec: levels, exit codes)', () => {
      expect(find(run(), 'Deployment', 'rules-operator').level).toBe('gold');
      expect(find(run(), 'Deployment', 'state-exporter').level).toBe('gold');
      expect(find(run(), 'Deployment', 'metrics-gateway').level).toBe('silver');
      expect(report(run()).summary.level).toBe('silver');
      expect(report(run()).summary.productionReady).toBe(true);
      expect(run().code).toBe(0);
    });

    it('does not take a dashboard that mentions tokens for a secret (spec: no-secrets-in-configmap)', () => {
      expect(
        result(
          run(),
          'ConfigMap',
          'dashboard-api-overview',
          'no-secrets-in-configmap',
        ).status,
      ).toBe('pass');
    });

    it('reports no error status, no crash and no Node warning', () => {
      expect(errorResults(run())).toEqual([]);
      expect(run().stderr).toBe('');
      expectNoNodeNoise(run());
    });

    describe('setup/ alone (CRDs and a Namespace only)', () => {
      const setup = jsonRun('kube-prometheus-style/setup');

      it('does not pass an input without workloads, and says why (spec: exit codes)', () => {
        expect(setup().code).toBe(1);
        expect(report(setup()).workloads).toEqual([]);
        expect(setup().stderr).toMatch(/CustomResourceDefinition/);
        expectNoNodeNoise(setup());
      });

      it(
        'accepts it with --allow-empty',
        () => {
          const allowed = readiness(
            'kube-prometheus-style/setup',
            '--allow-empty',
          );
          expect(allowed.code).toBe(0);
          expectNoNodeNoise(allowed);
        },
        RUN_TIMEOUT,
      );
    });
  });

  describe('helm-chart: bitnami/charts, podinfo charts/podinfo, cert-manager deploy/charts (un-rendered templates)', () => {
    describe('the chart folder', () => {
      const run = jsonRun('helm-chart/shopfront');

      it('refuses the chart instead of scoring its templates, and says how to render it (spec: un-rendered Helm templates)', () => {
        expect(run().code).toBe(2);
        expect(report(run()).workloads).toEqual([]);
        expect(run().stderr).toMatch(/helm-chart\/shopfront/);
        expect(run().stderr).toMatch(/helm template/);
        expectNoNodeNoise(run());
      });
    });

    describe('a chart next to its rendered output', () => {
      const run = jsonRun('helm-chart');

      it('evaluates the rendered manifest and still reports the chart (spec: every unreadable input is reported in the same run)', () => {
        expect(run().code).toBe(2);
        expect(report(run()).workloads.map(w => [w.name, w.file])).toEqual([
          ['shop-shopfront', 'helm-chart/rendered/shopfront.yaml'],
        ]);
        expect(run().stderr).toMatch(/helm-chart\/shopfront/);
        expectNoNodeNoise(run());
      });
    });

    describe('the rendering the message suggests: `helm template … | readiness check -`', () => {
      it(
        'evaluates the rendered chart from standard input under the name given (spec: the CLI reads stdin with -)',
        () => {
          const rendered = fs.readFileSync(
            path.join(CORPUS, 'helm-chart/rendered/shopfront.yaml'),
            'utf8',
          );
          const run = readinessWithInput(
            rendered,
            '-',
            '--stdin-filename',
            'helm-chart/shopfront',
            '--format',
            'json',
          );
          expect(report(run).workloads.map(w => [w.name, w.file])).toEqual([
            ['shop-shopfront', 'helm-chart/shopfront'],
          ]);
          expect(
            result(run, 'Deployment', 'shop-shopfront', 'no-secrets-in-env')
              .status,
          ).toBe('pass');
          expect(run.code).toBe(1);
          expectNoNodeNoise(run);
        },
        RUN_TIMEOUT,
      );
    });

    describe('one template file passed on its own', () => {
      const run = jsonRun('helm-chart/shopfront/templates/deployment.yaml');

      it('reports the template with its file and line and evaluates nothing (spec: un-rendered Helm templates)', () => {
        expect(run().code).toBe(2);
        expect(report(run()).workloads).toEqual([]);
        expect(run().stderr).toMatch(
          /helm-chart\/shopfront\/templates\/deployment\.yaml:\d+/,
        );
        expect(run().stderr).toMatch(/render/i);
        expectNoNodeNoise(run());
      });
    });
  });

  describe('podinfo-kustomize: stefanprodan/podinfo kustomize/ and deploy/overlays (base + overlays with patches)', () => {
    describe('the production overlay', () => {
      const run = jsonRun('podinfo-kustomize/overlays/production');

      it('renders the overlay with kubectl and evaluates the merged Deployment (spec: kustomization directories)', () => {
        expect(workloadNames(run())).toEqual([
          'Deployment catalog-prod/catalog-api',
        ]);
        expect(
          verdicts(run(), 'Deployment', 'catalog-api', 'catalog-prod'),
        ).toMatchObject({
          'readiness-probe': 'pass',
          'cpu-requests': 'pass',
          replicas: 'pass',
          autoscaling: 'pass',
          pdb: 'pass',
          'network-policy': 'pass',
        });
        expect(
          find(run(), 'Deployment', 'catalog-api', 'catalog-prod').level,
        ).toBe('gold');
        expect(run().code).toBe(0);
        // The kustomization names common-labels.yaml under `transformers`:
        // nothing may report it as left out or unreadable.
        expect(run().stderr).toBe('');
        expect(errorResults(run())).toEqual([]);
        expectNoNodeNoise(run());
      });
    });

    describe('the whole folder (base, an overlay with patches, one with patchesStrategicMerge and patchesJson6902)', () => {
      const run = jsonRun('podinfo-kustomize');

      it('never evaluates a patch file as a workload (spec: Kustomize patches)', () => {
        const files = report(run()).workloads.map(w => w.file);
        for (const patch of [
          'scale-patch.yaml',
          'debug-logging.yaml',
          'pin-image.yaml',
        ]) {
          expect(files.filter(file => file.endsWith(patch))).toEqual([]);
        }
        expect(workloadNames(run())).toEqual(
          expect.arrayContaining([
            'Deployment catalog-prod/catalog-api',
            'Deployment catalog-staging/catalog-api',
          ]),
        );
        for (const workload of report(run()).workloads) {
          expect(workload.name).toBe('catalog-api');
        }
      });

      it('holds the gate: no partial Deployment from a patch drags it down', () => {
        expect(run().code).toBe(0);
        expect(run().stderr).not.toContain('common-labels.yaml');
        expect(errorResults(run())).toEqual([]);
        expectNoNodeNoise(run());
      });
    });
  });

  describe('kustomize-components: GoogleCloudPlatform/microservices-demo kustomize/ (Components, a `$patch: delete`)', () => {
    describe('the overlay that uses the components', () => {
      const run = jsonRun('kustomize-components/overlays/secured');

      it('evaluates what kustomize renders: the component’s NetworkPolicies apply and the deleted Deployment is gone (spec: kustomization directories, Kustomize patches)', () => {
        expect(workloadNames(run())).toEqual([
          'Deployment boutique/storefront',
        ]);
        expect(verdicts(run(), 'Deployment', 'storefront')).toMatchObject({
          'network-policy': 'pass',
          // deny-all: an empty podSelector with both policy types.
          'network-policy-egress': 'pass',
        });
        expect(run().code).toBe(1);
        expect(errorResults(run())).toEqual([]);
        expectNoNodeNoise(run());
      });
    });

    describe('the whole folder, with a component no overlay uses', () => {
      const run = jsonRun('kustomize-components');

      it('never scores the `$patch: delete` file or a component’s patch as a Deployment (spec: Kustomize patches)', () => {
        expect(workloadNames(run())).toEqual([
          'Deployment boutique/storefront',
        ]);
        expect(find(run(), 'Deployment', 'storefront').file).toBe(
          'kustomize-components/overlays/secured',
        );
        expectNoNodeNoise(run());
      });

      it('says the component no overlay uses is not evaluated, instead of failing to render it alone (microservices-demo keeps several opt-in components)', () => {
        expect(run().stderr).toContain(
          'kustomize-components/components/sticky-sessions: a Kustomize Component that no kustomization among the inputs uses: not evaluated',
        );
        expect(run().stderr).not.toContain('kubectl kustomize failed');
        expect(run().code).toBe(1);
      });
    });
  });

  describe('vendored-chart-output: argoproj/argo-cd manifests/ha/base/redis-ha (a chart rendered once, kept as chart/upstream.yaml, patched by Kustomize)', () => {
    const run = jsonRun('vendored-chart-output');

    it('renders the kustomization and does not refuse the chart folder, which holds no template (spec: un-rendered templates are documents with {{ ... }})', () => {
      expect(workloadNames(run())).toEqual([
        'Deployment default/session-cache-haproxy',
      ]);
      expect(
        verdicts(run(), 'Deployment', 'session-cache-haproxy'),
      ).toMatchObject({
        'no-privilege-escalation': 'pass',
        'readiness-probe': 'pass',
        // Port 8888 is not among the declared ports.
        'probe-port-declared': 'fail',
        'pod-spread': 'pass',
      });
      expect(run().stderr).not.toMatch(/Helm chart/);
      expect(run().code).toBe(1);
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('openshift: sclorg/django-ex OpenShift templates (DeploymentConfig) and kubernetes/examples guestbook legacy (ReplicationController)', () => {
    const run = jsonRun('openshift');

    it('evaluates DeploymentConfigs and ReplicationControllers as workloads (spec: Objects)', () => {
      expect(workloadNames(run())).toEqual([
        'DeploymentConfig ledger/ledger-db',
        'DeploymentConfig ledger/ledger-web',
        'ReplicationController ledger/guestbook-cache',
      ]);
    });

    it('reads the Rolling strategy, the plain-map selector and the PVC of a DeploymentConfig (spec: rolling-update, pdb, backup-schedule)', () => {
      expect(verdicts(run(), 'DeploymentConfig', 'ledger-web')).toMatchObject({
        'rolling-update': 'pass',
        replicas: 'pass',
        pdb: 'pass',
        'pdb-allows-eviction': 'pass',
        'pod-spread': 'pass',
        'network-policy': 'pass',
        // No policyTypes and no egress section: Ingress only.
        'network-policy-egress': 'fail',
        'rollback-history': 'pass',
        autoscaling: 'skip',
      });
      expect(find(run(), 'DeploymentConfig', 'ledger-web').level).toBe('gold');
      expect(verdicts(run(), 'DeploymentConfig', 'ledger-db')).toMatchObject({
        'rolling-update': 'fail',
        replicas: 'fail',
        'backup-schedule': 'fail',
      });
    });

    it('applies to a ReplicationController only the checks the catalogue gives it (spec: applies to)', () => {
      expect(
        verdicts(run(), 'ReplicationController', 'guestbook-cache'),
      ).toMatchObject({
        'readiness-probe': 'pass',
        'liveness-probe': 'fail',
        replicas: 'pass',
        pdb: 'fail',
        'rolling-update': 'skip',
        'rollback-history': 'skip',
        autoscaling: 'skip',
        'controller-managed': 'skip',
      });
    });

    it('fails the gate on the database, with no error status and no Node warning', () => {
      expect(run().code).toBe(1);
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('calico: projectcalico/calico app-policy demo and kind migration seed (projectcalico.org policies)', () => {
    const run = jsonRun('calico');

    it('does not take a Calico NetworkPolicy or GlobalNetworkPolicy for a Kubernetes one (spec: kinds are matched by API group)', () => {
      expect(verdicts(run(), 'Deployment', 'ledger')).toMatchObject({
        'network-policy': 'fail',
        'network-policy-egress': 'fail',
      });
    });

    it('reads policyTypes as Kubernetes defaults them: Egress only when an egress section is present (spec: network-policy-egress)', () => {
      expect(verdicts(run(), 'Deployment', 'teller')).toMatchObject({
        'network-policy': 'pass',
        'network-policy-egress': 'pass',
      });
      expect(verdicts(run(), 'Deployment', 'auditor')).toMatchObject({
        'network-policy': 'pass',
        'network-policy-egress': 'fail',
      });
    });

    it('reports no error status and no Node warning', () => {
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('argo-rollouts-workloadref: argoproj/argo-rollouts examples/workload-ref', () => {
    describe('with the referenced Deployment among the inputs', () => {
      const run = jsonRun('argo-rollouts-workloadref');

      it('judges the Rollout by the Deployment’s pod template (spec: Rollout workloadRef)', () => {
        expect(verdicts(run(), 'Rollout', 'checkout')).toMatchObject({
          'readiness-probe': 'pass',
          'liveness-probe': 'pass',
          'cpu-requests': 'pass',
          'memory-limits': 'pass',
          'run-as-non-root': 'pass',
          'no-privilege-escalation': 'pass',
          'image-tag': 'pass',
          replicas: 'pass',
          'rollback-history': 'pass',
        });
        expect(errorResults(run())).toEqual([]);
        expectNoNodeNoise(run());
      });
    });

    describe('without it', () => {
      const run = jsonRun('argo-rollouts-workloadref-missing');
      const podTemplateChecks = [
        'readiness-probe',
        'liveness-probe',
        'cpu-requests',
        'memory-requests',
        'memory-limits',
        'run-as-non-root',
        'no-privileged',
        'no-host-namespaces',
        'no-host-path',
        'image-tag',
        'no-secrets-in-env',
        'network-policy',
        'pdb',
        'metrics-scraped',
      ];

      it('reports error, never skip or pass, for every check that needs the pod template, naming the missing object (spec: Rollout workloadRef)', () => {
        const statuses = verdicts(run(), 'Rollout', 'checkout');
        expect(
          Object.fromEntries(podTemplateChecks.map(c => [c, statuses[c]])),
        ).toEqual(Object.fromEntries(podTemplateChecks.map(c => [c, 'error'])));
        const probe = result(run(), 'Rollout', 'checkout', 'readiness-probe');
        expect(probe.message).toContain('Deployment/checkout-template');
        expect(probe.message).toMatch(/not among the inputs/);
      });

      it('never certifies what it could not verify: errors count as failures for the level (spec: levels)', () => {
        expect(result(run(), 'Rollout', 'checkout', 'replicas').status).toBe(
          'pass',
        );
        expect(find(run(), 'Rollout', 'checkout').level).toBe('none');
        expect(report(run()).summary.productionReady).toBe(false);
        expect(run().code).toBe(1);
        expectNoNodeNoise(run());
      });
    });
  });

  describe('argo-rollouts-analysis: argo-rollouts examples/traffic-management (unquoted {{args.*}} in an AnalysisTemplate)', () => {
    const run = jsonRun('argo-rollouts-analysis');

    it('reads the placeholder as Argo writes it, without a Node warning: no check reads an AnalysisTemplate, so it is no un-rendered chart (spec: un-rendered templates; decision recorded in docs/real-world.md)', () => {
      expectNoNodeNoise(run());
      expect(run().stderr).not.toMatch(/load-check\.yaml/);
      // The gate fails on the Rollout's own findings, not on unreadable input.
      expect(run().code).toBe(1);
    });

    it('still evaluates the Rollout of the other file (spec: every unreadable input is reported in the same run)', () => {
      expect(workloadNames(run())).toEqual(['Rollout shop/storefront']);
      expect(errorResults(run())).toEqual([]);
    });
  });

  describe('template-text-in-manifests: argoproj/argo-rollouts manifests/install.yaml (CRD descriptions) and kube-prometheus *-prometheusRule.yaml ({{ $labels.* }})', () => {
    const run = jsonRun('template-text-in-manifests');

    it('evaluates the other documents of a file in which one document holds {{ ... }} text (spec: a document with a template expression is not evaluated, not its whole file)', () => {
      expect(workloadNames(run())).toEqual([
        'Deployment rollouts/rollouts-controller',
        'Deployment rollouts/rules-evaluator',
      ]);
      expect(
        result(run(), 'Deployment', 'rollouts-controller', 'readiness-probe')
          .status,
      ).toBe('pass');
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('bitnami-env: bitnami/charts postgresql and redis, rendered (ALLOW_EMPTY_PASSWORD, *_PASSWORD_FILE, config files)', () => {
    const run = jsonRun('bitnami-env');
    const leaked = [
      'sk_live_RWcN7vQeX4bTz0sYhL2mKdPq',
      'Q7mZ2xKp9LwR4tVb8NcY3sHd6FjG',
      'Pl41nT3xtInConfig',
    ];

    it('finds no secret in flags, file paths, $(VAR) references, token counts and secret names (spec: secret material)', () => {
      const env = result(
        run(),
        'StatefulSet',
        'orders-db',
        'no-secrets-in-env',
      );
      expect(env.findings ?? []).toEqual([]);
      expect(env.status).toBe('pass');
      expect(
        result(
          run(),
          'ConfigMap',
          'orders-db-configuration',
          'no-secrets-in-configmap',
        ).status,
      ).toBe('pass');
    });

    it('finds the live payment key and the generated signing key by name and path (spec: known formats, generated keys)', () => {
      const env = result(
        run(),
        'Deployment',
        'storefront',
        'no-secrets-in-env',
      );
      expect(env.status).toBe('fail');
      const findings = env.findings ?? [];
      expect(findings.map(f => f.path).sort()).toEqual([
        'spec.template.spec.containers[0].env[1].value',
        'spec.template.spec.containers[0].env[2].value',
      ]);
      expect(findings.map(f => f.message).join('\n')).toMatch(
        /PAYMENTS_API_KEY[\s\S]*SESSION_SIGNING_KEY|SESSION_SIGNING_KEY[\s\S]*PAYMENTS_API_KEY/,
      );
    });

    it('finds the password in the embedded properties file (spec: no-secrets-in-configmap)', () => {
      const configMap = result(
        run(),
        'ConfigMap',
        'storefront-settings',
        'no-secrets-in-configmap',
      );
      expect(configMap.status).toBe('fail');
      expect(JSON.stringify(configMap.findings)).toContain(
        'application.properties',
      );
      expect(JSON.stringify(configMap.findings)).toContain(
        'spring.datasource.password',
      );
    });

    it(
      'never prints the secret values (spec: findings never contain secret material)',
      () => {
        for (const value of leaked) {
          expect(run().stdout).not.toContain(value);
          expect(run().stderr).not.toContain(value);
        }
        const table = readiness('bitnami-env');
        for (const value of leaked) {
          expect(table.stdout).not.toContain(value);
        }
      },
      RUN_TIMEOUT,
    );

    it('requires a backup for the StatefulSet’s volume claims, with no error status and no Node warning (spec: backup-schedule)', () => {
      expect(
        result(run(), 'StatefulSet', 'orders-db', 'backup-schedule').status,
      ).toBe('fail');
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('kubectl-json-dump: `kubectl get deploy,rs,pods -o json` of a running app (the CLI’s cluster-export input)', () => {
    const run = jsonRun('kubectl-json-dump');

    it('evaluates the Deployment and the bare Pod, not the ReplicaSet and Pods its Deployment owns (spec: Pod only when not owned by a controller)', () => {
      expect(workloadNames(run())).toEqual([
        'Deployment inventory/inventory',
        'Pod inventory/inventory-debug-*',
      ]);
    });

    it('shows an object named by generateName only as <generateName>* and fails it as unmanaged (spec: generateName, controller-managed)', () => {
      expect(
        result(run(), 'Pod', 'inventory-debug-*', 'controller-managed').status,
      ).toBe('fail');
    });

    it(
      'gives JSON items line numbers as for YAML (spec: JSON input)',
      () => {
        const table = readiness('kubectl-json-dump');
        const lineOf = (heading: string) => {
          const match = new RegExp(
            `^${heading.replace(
              /[*]/g,
              '\\*',
            )}\\s+kubectl-json-dump/inventory\\.json:(\\d+)`,
            'm',
          ).exec(table.stdout);
          return match ? Number(match[1]) : undefined;
        };
        // The Deployment opens on line 4 ("{"), its apiVersion is on line 5.
        expect([4, 5]).toContain(lineOf('Deployment inventory/inventory'));
        expect([393, 394]).toContain(lineOf('Pod inventory/inventory-debug-*'));
        expectNoNodeNoise(table);
      },
      RUN_TIMEOUT,
    );

    it('reports no error status and no Node warning', () => {
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('yaml11-booleans: node-tuning DaemonSets and hardened Deployments written with yes/no/on/off', () => {
    const run = jsonRun('yaml11-booleans');

    it('reads yes and on as true: host network and a privileged init container fail (spec: YAML 1.1 booleans)', () => {
      expect(verdicts(run(), 'DaemonSet', 'node-tuner')).toMatchObject({
        'no-host-namespaces': 'fail',
        'no-privileged': 'fail',
      });
      const privileged = result(
        run(),
        'DaemonSet',
        'node-tuner',
        'no-privileged',
      );
      expect(privileged.findings?.map(f => f.path)).toEqual([
        'spec.template.spec.initContainers[0].securityContext.privileged',
      ]);
      const host = result(
        run(),
        'DaemonSet',
        'node-tuner',
        'no-host-namespaces',
      );
      expect(host.findings?.map(f => f.path)).toEqual([
        'spec.template.spec.hostNetwork',
      ]);
    });

    it('reads Yes, No, Off and n as booleans on the safe side too (spec: YAML 1.1 booleans)', () => {
      expect(verdicts(run(), 'Deployment', 'edge-cache')).toMatchObject({
        'run-as-non-root': 'pass',
        'no-privileged': 'pass',
        'no-privilege-escalation': 'pass',
        'read-only-root-filesystem': 'pass',
        'no-host-namespaces': 'pass',
        'service-account-token': 'pass',
      });
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('ingress-managed-tls: argo-rollouts ALB examples, GKE managed certificates, istio bookinfo Ingress', () => {
    const run = jsonRun('ingress-managed-tls');

    it('accepts a certificate attached by annotation and says "no TLS declared", not "plain HTTP", otherwise (spec: ingress-tls)', () => {
      expect(result(run(), 'Ingress', 'web-alb', 'ingress-tls').status).toBe(
        'pass',
      );
      expect(result(run(), 'Ingress', 'web-gke', 'ingress-tls').status).toBe(
        'pass',
      );
      const plain = result(run(), 'Ingress', 'web-plain', 'ingress-tls');
      expect(plain.status).toBe('fail');
      expect(plain.message).toMatch(/TLS/);
      expect(plain.message).not.toMatch(/plain HTTP|unencrypted|cleartext/i);
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('microservices-demo-style: GoogleCloudPlatform/microservices-demo kubernetes-manifests (pod-level securityContext, gRPC probes, init containers)', () => {
    const run = jsonRun('microservices-demo-style');

    it('takes runAsNonRoot from the pod and counts a native sidecar as an app container (spec: effective values, app containers)', () => {
      expect(verdicts(run(), 'Deployment', 'cartservice')).toMatchObject({
        'run-as-non-root': 'pass',
        'probe-port-declared': 'pass',
        'readiness-probe': 'fail',
      });
      expect(
        result(
          run(),
          'Deployment',
          'cartservice',
          'readiness-probe',
        ).findings?.map(f => f.path),
      ).toEqual(['spec.template.spec.initContainers[0].readinessProbe']);
    });

    it('does not ask an ordinary init container for probes (spec: app containers)', () => {
      expect(
        result(
          run(),
          'Deployment',
          'loadgenerator',
          'readiness-probe',
        ).findings?.map(f => f.path),
      ).toEqual(['spec.template.spec.containers[0].readinessProbe']);
    });

    it('reports a pod-level runAsUser: 0 at the pod field and names every container it makes fail (spec: findings)', () => {
      const root = result(
        run(),
        'Deployment',
        'loadgenerator',
        'run-as-non-root',
      );
      expect(root.status).toBe('fail');
      const findings = root.findings ?? [];
      expect(findings.map(f => f.path)).toContain(
        'spec.template.spec.securityContext.runAsUser',
      );
      const named = findings.map(f => `${f.path} ${f.message}`).join('\n');
      expect(named).toMatch(/\bmain\b|containers\[0\]/);
      expect(named).toMatch(/frontend-check|initContainers\[0\]/);
      const distinct = new Set(findings.map(f => `${f.path}|${f.message}`));
      expect(distinct.size).toBe(findings.length);
    });

    it('reports no error status and no Node warning', () => {
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('other-group-monitors: kube-prometheus PodMonitors next to GKE managed-collection objects', () => {
    const run = jsonRun('other-group-monitors');

    it('counts only monitoring.coreos.com PodMonitors (spec: kinds are matched by API group)', () => {
      expect(
        result(run(), 'Deployment', 'frontend', 'metrics-scraped').status,
      ).toBe('fail');
      expect(
        result(run(), 'Deployment', 'checkout', 'metrics-scraped').status,
      ).toBe('pass');
      expect(errorResults(run())).toEqual([]);
      expectNoNodeNoise(run());
    });
  });

  describe('mixed-bad-inputs: istio/istio samples/ and kubernetes/examples (data files and broken manifests next to good ones)', () => {
    const run = jsonRun('mixed-bad-inputs');

    it('reports every unreadable file with its line, not only the first (spec: exit codes)', () => {
      expect(run().code).toBe(2);
      expect(run().stderr).toMatch(/mixed-bad-inputs\/data\/ratings\.json:1\b/);
      expect(run().stderr).toMatch(
        /mixed-bad-inputs\/deploy\/reviews\.yaml:22\b/,
      );
      expect(run().stderr).toMatch(
        /mixed-bad-inputs\/deploy\/database\.yaml:13\b/,
      );
      expectNoNodeNoise(run());
    });

    it('still evaluates the good manifest', () => {
      expect(workloadNames(run())).toEqual(['Deployment bookstore/details']);
      expect(errorResults(run())).toEqual([]);
    });
  });

  describe('no-workloads: cert-manager deploy/crds and kube-prometheus setup/ (CRDs only), a docs folder', () => {
    const run = jsonRun('no-workloads');

    it('does not let an input without workloads pass the gate, and says why (spec: exit codes)', () => {
      expect(run().code).toBe(1);
      expect(report(run()).workloads).toEqual([]);
      expect(report(run()).summary.productionReady).toBe(false);
      expect(run().stderr).toMatch(/CustomResourceDefinition/);
      expectNoNodeNoise(run());
    });

    it(
      'does not pass a folder with no manifest files at all',
      () => {
        const docs = readiness('no-workloads/docs', '--format', 'json');
        expect(docs.code).toBe(1);
        expect(docs.report?.workloads).toEqual([]);
        expectNoNodeNoise(docs);
      },
      RUN_TIMEOUT,
    );
  });

  describe('the whole corpus in one run', () => {
    const run = jsonRun('.');

    it('evaluates every fixture folder despite the charts, templates and broken files among them, with no crash and no Node warning', () => {
      expect(run().code).toBe(2);
      const folders = new Set(
        report(run()).workloads.map(
          w => w.file.replace(/^\.\//, '').split('/')[0],
        ),
      );
      for (const folder of [
        'kube-prometheus-style',
        'helm-chart',
        'podinfo-kustomize',
        'openshift',
        'calico',
        'argo-rollouts-workloadref',
        'argo-rollouts-analysis',
        'bitnami-env',
        'kubectl-json-dump',
        'yaml11-booleans',
        'ingress-managed-tls',
        'microservices-demo-style',
        'other-group-monitors',
        'template-text-in-manifests',
        'vendored-chart-output',
        'kustomize-components',
        'mixed-bad-inputs',
      ]) {
        expect(folders).toContain(folder);
      }
      expectNoNodeNoise(run());
    });
  });
});
