import fs from 'node:fs';
import path from 'node:path';
import { ReadinessReport } from '@prodready/backstage-plugin-readiness-common';
import { findExecutable } from './kustomize';
import { cli, useWorkdir } from './testUtils';

/**
 * These tests render with the real `kubectl kustomize`. They never skip: a
 * machine without kubectl fails them with this message (the repository's
 * test script installs Debian's kubectl package).
 */
function requireKubectl(): Record<string, string> {
  if (!findExecutable('kubectl', process.env.PATH)) {
    throw new Error(
      'kubectl is not on PATH: the Kustomize tests render with `kubectl kustomize` (install it, e.g. `apt-get install kubectl`; no cluster is needed)',
    );
  }
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
}

/** podinfo's kustomize/ folder: a base, and a production overlay with patches. */
const BASE = {
  'kustomize/base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: podinfo
resources:
  - deployment.yaml
  - service.yaml
  - hpa.yaml
`,
  'kustomize/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
spec:
  minReadySeconds: 3
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 60
  strategy:
    rollingUpdate:
      maxUnavailable: 0
    type: RollingUpdate
  selector:
    matchLabels:
      app: podinfo
  template:
    metadata:
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9797"
      labels:
        app: podinfo
    spec:
      containers:
        - name: podinfod
          image: ghcr.io/stefanprodan/podinfo:6.7.1
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 9898
              protocol: TCP
          command:
            - ./podinfo
            - --port=9898
          livenessProbe:
            exec:
              command: [podcli, check, http, localhost:9898/healthz]
            initialDelaySeconds: 5
            timeoutSeconds: 5
          readinessProbe:
            exec:
              command: [podcli, check, http, localhost:9898/readyz]
            initialDelaySeconds: 5
            timeoutSeconds: 5
          resources:
            limits:
              cpu: 2000m
              memory: 512Mi
            requests:
              cpu: 100m
              memory: 64Mi
`,
  'kustomize/base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: podinfo
spec:
  type: ClusterIP
  selector:
    app: podinfo
  ports:
    - name: http
      port: 9898
      protocol: TCP
      targetPort: http
`,
  'kustomize/base/hpa.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: podinfo
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  minReplicas: 1
  maxReplicas: 4
`,
};

const OVERLAY = {
  'kustomize/overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
patches:
  - path: hpa-patch.yaml
  - path: deployment-patch.yaml
`,
  // A strategic-merge patch: a Deployment with only the fields it changes.
  // Read on its own it would be a workload with no containers.
  'kustomize/overlays/prod/deployment-patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
spec:
  template:
    spec:
      priorityClassName: production
`,
  'kustomize/overlays/prod/hpa-patch.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: podinfo
spec:
  minReplicas: 3
`,
};

type Report = ReadinessReport & {
  inputErrors?: Array<{ file: string; message: string }>;
};

describe('readiness check: Kustomize', () => {
  const { write } = useWorkdir();
  const writeAll = (files: Record<string, string>) => {
    for (const [file, content] of Object.entries(files)) write(file, content);
  };
  const resultOf = (report: Report, check: string) =>
    report.workloads[0].results.find(r => r.check === check);

  it('renders the overlay, not the base it includes, and never a patch on its own', async () => {
    const env = requireKubectl();
    writeAll({ ...BASE, ...OVERLAY });
    const run = await cli(['check', 'kustomize', '--format', 'json'], { env });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    // One Deployment: the base is rendered once, through the overlay.
    expect(report.workloads.map(w => [w.kind, w.namespace, w.name])).toEqual([
      ['Deployment', 'podinfo', 'podinfo'],
    ]);
    // Reported against the kustomization's folder.
    expect(report.workloads[0].file).toBe(
      path.join('kustomize', 'overlays', 'prod'),
    );
    // The patches are applied: the HPA's minReplicas 3 makes the replicas
    // and autoscaling checks pass, and the priority class is set.
    expect(resultOf(report, 'replicas')?.status).toBe('pass');
    expect(resultOf(report, 'autoscaling')?.status).toBe('pass');
    expect(resultOf(report, 'priority-class')?.status).toBe('pass');
    expect(resultOf(report, 'readiness-probe')?.status).toBe('pass');
  });

  it('renders a base alone when it is the argument', async () => {
    const env = requireKubectl();
    writeAll(BASE);
    const run = await cli(
      ['check', 'kustomize/base', '--format', 'json', '--min-level', 'none'],
      { env },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.workloads.map(w => w.file)).toEqual([
      path.join('kustomize', 'base'),
    ]);
    // minReplicas 1 in the base: the replicas check fails there.
    expect(resultOf(report, 'replicas')?.status).toBe('fail');
  });

  it('locates SARIF results of a rendered overlay at its kustomization file', async () => {
    const env = requireKubectl();
    writeAll({ ...BASE, ...OVERLAY });
    const run = await cli(
      ['check', 'kustomize/overlays/prod', '--format', 'sarif'],
      { env },
    );
    const results = JSON.parse(run.stdout).runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      // No line: kubectl's output is not a file of the repository.
      expect(result.locations[0].physicalLocation).toEqual({
        artifactLocation: {
          uri: 'kustomize/overlays/prod/kustomization.yaml',
          uriBaseId: '%SRCROOT%',
        },
      });
    }
  });

  it("reports kubectl's error as the kustomization's, and reads the rest", async () => {
    const env = requireKubectl();
    writeAll({ ...BASE, ...OVERLAY });
    write(
      'kustomize/overlays/prod/kustomization.yaml',
      `${OVERLAY['kustomize/overlays/prod/kustomization.yaml']}  - path: missing-patch.yaml\n`,
    );
    write(
      'apps/web.yaml',
      BASE['kustomize/base/deployment.yaml'].replace(/podinfo/g, 'web'),
    );
    const run = await cli(['check', 'kustomize', 'apps', '--format', 'json'], {
      env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `^readiness: kustomize/overlays/prod: kubectl kustomize failed \\(exit 1\\): .*missing-patch\\.yaml`,
      ),
    );
    const report = JSON.parse(run.stdout) as Report;
    expect(report.workloads.map(w => w.name)).toEqual(['web']);
    expect(report.inputErrors?.[0].file).toBe(
      path.join('kustomize', 'overlays', 'prod'),
    );
  });

  it('refuses remote resources rather than fetching them', async () => {
    const env = requireKubectl();
    write(
      'deploy/kustomization.yaml',
      'resources:\n  - https://github.com/stefanprodan/podinfo//kustomize?ref=6.7.1\n',
    );
    const run = await cli(['check', 'deploy'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'readiness: deploy: a kustomization with remote resources (https://github.com/stefanprodan/podinfo//kustomize?ref=6.7.1), which the gate does not fetch: render it first, e.g. `kubectl kustomize deploy | readiness check - --stdin-filename deploy`',
    );
  });

  it('without kubectl: refused with the command to render it, patches still not evaluated', async () => {
    writeAll({ ...BASE, ...OVERLAY });
    const empty = path.resolve('no-tools');
    fs.mkdirSync(empty);
    const run = await cli(['check', 'kustomize', '--format', 'json'], {
      env: { PATH: empty },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `readiness: ${path.join(
        'kustomize',
        'overlays',
        'prod',
      )}: a kustomization, and kubectl is not on PATH to render it: render it first, e.g. \`kubectl kustomize ${path.join(
        'kustomize',
        'overlays',
        'prod',
      )} | readiness check - --stdin-filename ${path.join(
        'kustomize',
        'overlays',
        'prod',
      )}\`\n`,
    );
    // Neither the base's files nor the patches were read on their own.
    expect((JSON.parse(run.stdout) as Report).workloads).toEqual([]);
  });

  it('does not evaluate a patch given as a file argument', async () => {
    writeAll({ ...BASE, ...OVERLAY });
    const run = await cli([
      'check',
      'kustomize/overlays/prod/deployment-patch.yaml',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `readiness: kustomize/overlays/prod/deployment-patch.yaml: a Kustomize patch (named in ${path.join(
        'kustomize',
        'overlays',
        'prod',
        'kustomization.yaml',
      )}), not evaluated on its own; check its kustomization's folder instead\n` +
        'readiness: nothing evaluated: only Kustomize patches in kustomize/overlays/prod/deployment-patch.yaml (1 file), which are evaluated through their kustomization (--allow-empty accepts an input without workloads)\n',
    );
  });

  it('notes a file beside a kustomization that does not name it; reads folders below as usual', async () => {
    const env = requireKubectl();
    writeAll({ ...BASE, ...OVERLAY });
    // Left over from before the move to Kustomize.
    write(
      'kustomize/overlays/prod/old-deployment.yaml',
      BASE['kustomize/base/deployment.yaml'],
    );
    // A plain manifest in a folder below the base, which names no folder.
    write(
      'kustomize/base/jobs/migrate.yaml',
      `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: podinfo
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.0.0
`,
    );
    const run = await cli(['check', 'kustomize', '--format', 'json'], { env });
    expect(run.stderr).toBe(
      `readiness: ${path.join(
        'kustomize',
        'overlays',
        'prod',
        'old-deployment.yaml',
      )}: not evaluated: it is in the folder of ${path.join(
        'kustomize',
        'overlays',
        'prod',
        'kustomization.yaml',
      )}, which does not name it\n`,
    );
    const report = JSON.parse(run.stdout) as Report;
    expect(report.workloads.map(w => [w.kind, w.name, w.file])).toEqual([
      [
        'Job',
        'migrate',
        path.join('kustomize', 'base', 'jobs', 'migrate.yaml'),
      ],
      ['Deployment', 'podinfo', path.join('kustomize', 'overlays', 'prod')],
    ]);
  });
});
