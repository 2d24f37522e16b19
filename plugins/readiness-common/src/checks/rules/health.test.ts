import {
  check,
  companions,
  goodContainer,
  goodPodSpec,
  workload,
  evaluate,
} from '../../testing/fixtures';

describe('baseline', () => {
  it('a well-configured Deployment passes every workload check that applies', () => {
    const report = evaluate([workload(), ...companions()]);
    const statuses = Object.fromEntries(
      report.workloads[0].results.map(r => [r.check, r.status]),
    );
    const notPassing = Object.entries(statuses).filter(([, s]) => s !== 'pass');
    expect(notPassing).toEqual([
      ['controller-managed', 'skip'],
      ['image-registry', 'skip'],
      ['backup-schedule', 'skip'],
    ]);
    expect(report.workloads[0]).toMatchObject({
      kind: 'Deployment',
      namespace: 'default',
      name: 'web',
      file: 'test.yaml',
      score: 100,
      level: 'gold',
    });
  });
});

describe('readiness-probe and liveness-probe', () => {
  it.each(['readinessProbe', 'livenessProbe'])(
    'fail naming the container and path when %s is missing',
    field => {
      const id =
        field === 'readinessProbe' ? 'readiness-probe' : 'liveness-probe';
      const podSpec = goodPodSpec({
        containers: [
          goodContainer(),
          goodContainer({ name: 'sidecar', [field]: undefined }),
        ],
      });
      const result = check(id, workload({ podSpec }));
      expect(result.status).toBe('fail');
      expect(result.findings).toEqual([
        {
          path: `spec.template.spec.containers[1].${field}`,
          container: 'sidecar',
          message: expect.any(String),
        },
      ]);
    },
  );

  it('ignore init containers (they are not app containers)', () => {
    const podSpec = goodPodSpec({
      initContainers: [{ name: 'migrate', image: 'db-migrate:1.0' }],
    });
    expect(check('readiness-probe', workload({ podSpec })).status).toBe('pass');
  });

  it('skip Jobs and CronJobs', () => {
    const podSpec = goodPodSpec({
      containers: [goodContainer({ readinessProbe: undefined })],
    });
    expect(
      check('readiness-probe', workload({ kind: 'Job', podSpec })).status,
    ).toBe('skip');
    expect(
      check('liveness-probe', workload({ kind: 'CronJob', podSpec })).status,
    ).toBe('skip');
  });

  it('use the CronJob and Pod pod-spec paths', () => {
    const podSpec = goodPodSpec({
      containers: [goodContainer({ resources: undefined })],
    });
    expect(
      check('cpu-requests', workload({ kind: 'CronJob', podSpec }))
        .findings?.[0].path,
    ).toBe(
      'spec.jobTemplate.spec.template.spec.containers[0].resources.requests.cpu',
    );
    expect(
      check('cpu-requests', workload({ kind: 'Pod', podSpec })).findings?.[0]
        .path,
    ).toBe('spec.containers[0].resources.requests.cpu');
  });
});

describe('probes-distinct', () => {
  it('fails when the liveness probe equals the readiness probe', () => {
    const probe = {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 5,
    };
    const podSpec = goodPodSpec({
      containers: [
        goodContainer({
          readinessProbe: probe,
          livenessProbe: { ...probe, httpGet: { ...probe.httpGet } },
        }),
      ],
    });
    const result = check('probes-distinct', workload({ podSpec }));
    expect(result.status).toBe('fail');
    expect(result.findings?.[0]).toMatchObject({
      path: 'spec.template.spec.containers[0].livenessProbe',
      container: 'app',
    });
  });

  it('passes when the probes differ in any field', () => {
    const probe = {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 5,
    };
    const podSpec = goodPodSpec({
      containers: [
        goodContainer({
          readinessProbe: probe,
          livenessProbe: { ...probe, periodSeconds: 10 },
        }),
      ],
    });
    expect(check('probes-distinct', workload({ podSpec })).status).toBe('pass');
  });

  it('skips when no container has both probes', () => {
    const podSpec = goodPodSpec({
      containers: [goodContainer({ livenessProbe: undefined })],
    });
    expect(check('probes-distinct', workload({ podSpec })).status).toBe('skip');
  });
});

describe('probe-port-declared', () => {
  const withProbe = (probe: object, ports?: object[]) =>
    workload({
      podSpec: goodPodSpec({
        containers: [
          goodContainer({
            readinessProbe: probe,
            livenessProbe: undefined,
            ports,
          }),
        ],
      }),
    });

  it('passes for a named port that a containerPort declares', () => {
    expect(
      check(
        'probe-port-declared',
        withProbe({ httpGet: { port: 'http' } }, [
          { name: 'http', containerPort: 80 },
        ]),
      ).status,
    ).toBe('pass');
  });

  it('fails for a named port no containerPort declares', () => {
    const result = check(
      'probe-port-declared',
      withProbe({ httpGet: { port: 'metrics' } }, [
        { name: 'http', containerPort: 80 },
      ]),
    );
    expect(result.status).toBe('fail');
    expect(result.findings?.[0].path).toBe(
      'spec.template.spec.containers[0].readinessProbe.httpGet.port',
    );
  });

  it('fails for a named port when the container declares no ports', () => {
    expect(
      check(
        'probe-port-declared',
        withProbe({ tcpSocket: { port: 'http' } }, undefined),
      ).status,
    ).toBe('fail');
  });

  it('accepts a numeric port that is declared, or any number when no ports are declared', () => {
    expect(
      check(
        'probe-port-declared',
        withProbe({ tcpSocket: { port: 80 } }, [{ containerPort: 80 }]),
      ).status,
    ).toBe('pass');
    expect(
      check(
        'probe-port-declared',
        withProbe({ grpc: { port: 9000 } }, undefined),
      ).status,
    ).toBe('pass');
    expect(
      check(
        'probe-port-declared',
        withProbe({ httpGet: { port: 81 } }, [{ containerPort: 80 }]),
      ).status,
    ).toBe('fail');
  });

  it('checks startup probes too', () => {
    const object = workload({
      podSpec: goodPodSpec({
        containers: [
          goodContainer({ startupProbe: { httpGet: { port: 'nope' } } }),
        ],
      }),
    });
    expect(check('probe-port-declared', object).findings?.[0].path).toBe(
      'spec.template.spec.containers[0].startupProbe.httpGet.port',
    );
  });

  it('skips when no probe uses a port', () => {
    expect(
      check('probe-port-declared', withProbe({ exec: { command: ['true'] } }))
        .status,
    ).toBe('skip');
  });
});
