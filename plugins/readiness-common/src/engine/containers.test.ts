import {
  evaluateYaml,
  resultOf,
  WEB_DEPLOYMENT,
  workloadReport,
} from '../testing/manifests';

// Kubernetes 1.29: a log shipper as a native sidecar (an init container
// with restartPolicy: Always runs for the pod's whole life), next to an
// ordinary init container that runs the migrations and exits.
const withSidecar = WEB_DEPLOYMENT.replace(
  '      containers:\n',
  `      initContainers:
        - name: migrate
          image: ghcr.io/acme/web-migrations:2.3.1
          command: [./migrate, up]
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { memory: 64Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
        - name: log-shipper
          image: fluent/fluent-bit:3.1.4
          restartPolicy: Always
          resources:
            requests: { cpu: 50m, memory: 64Mi }
            limits: { memory: 64Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
      containers:
`,
);

describe('native sidecars are app containers', () => {
  it('need probes like any app container, where a run-to-completion init container does not', () => {
    const report = evaluateYaml({ 'deploy/web.yaml': withSidecar });
    const web = workloadReport(report, 'Deployment', 'web');
    for (const id of ['readiness-probe', 'liveness-probe']) {
      expect(resultOf(web, id)).toMatchObject({
        status: 'fail',
        findings: [
          expect.objectContaining({
            container: 'log-shipper',
            path: `spec.template.spec.initContainers[1].${
              id === 'readiness-probe' ? 'readinessProbe' : 'livenessProbe'
            }`,
          }),
        ],
      });
    }
  });

  it('need resources like any app container', () => {
    const report = evaluateYaml({
      'deploy/web.yaml': withSidecar.replace(
        '            requests: { cpu: 50m, memory: 64Mi }\n',
        '',
      ),
    });
    const web = workloadReport(report, 'Deployment', 'web');
    expect(resultOf(web, 'cpu-requests').findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.initContainers[1].resources.requests.cpu',
      }),
    ]);
  });

  it('pass with probes', () => {
    const probed = withSidecar.replace(
      '          restartPolicy: Always\n',
      `          restartPolicy: Always
          ports:
            - name: metrics
              containerPort: 2020
          readinessProbe:
            httpGet: { path: /api/v1/health, port: metrics }
          livenessProbe:
            tcpSocket: { port: metrics }
`,
    );
    const web = workloadReport(
      evaluateYaml({ 'deploy/web.yaml': probed }),
      'Deployment',
      'web',
    );
    expect(resultOf(web, 'readiness-probe').status).toBe('pass');
    expect(resultOf(web, 'probe-port-declared').status).toBe('pass');
  });
});

describe('ephemeral containers are among all containers', () => {
  // A debug container attached with `kubectl debug`, as it appears in the
  // Pod read back from the cluster.
  const debugged = `apiVersion: v1
kind: Pod
metadata:
  name: web-debug
  namespace: shop
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: web
      image: ghcr.io/acme/web:2.3.1
      securityContext:
        runAsUser: 10001
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: { drop: [ALL] }
  ephemeralContainers:
    - name: debugger-x7k2p
      image: busybox
      targetContainerName: web
      stdin: true
      tty: true
      securityContext:
        runAsUser: 0
        runAsNonRoot: false
        privileged: true
`;

  it('are held to the security and image checks, at their own paths', () => {
    const pod = workloadReport(
      evaluateYaml({ 'debug/pod.yaml': debugged }),
      'Pod',
      'web-debug',
    );
    const base = 'spec.ephemeralContainers[0]';
    expect(resultOf(pod, 'no-privileged').findings).toEqual([
      expect.objectContaining({
        container: 'debugger-x7k2p',
        path: `${base}.securityContext.privileged`,
      }),
    ]);
    expect(resultOf(pod, 'run-as-non-root').findings).toEqual([
      expect.objectContaining({ path: `${base}.securityContext.runAsUser` }),
    ]);
    expect(resultOf(pod, 'image-tag').findings).toEqual([
      expect.objectContaining({ path: `${base}.image` }),
    ]);
  });

  it('are not asked for probes or resources, which Kubernetes does not allow on them', () => {
    const pod = workloadReport(
      evaluateYaml({ 'debug/pod.yaml': debugged }),
      'Pod',
      'web-debug',
    );
    for (const id of ['readiness-probe', 'cpu-requests', 'memory-limits']) {
      expect(
        (resultOf(pod, id).findings ?? []).map(finding => finding.path),
      ).not.toContainEqual(expect.stringContaining('ephemeralContainers'));
    }
  });
});
