import { KubeObject } from '../../types';
import {
  check,
  goodContainer,
  goodPodSpec,
  workload,
} from '../../testing/fixtures';

/** A Deployment whose only container has the given securityContext. */
function withContext(
  containerContext: Record<string, unknown> | undefined,
  podContext?: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): KubeObject {
  return workload({
    podSpec: goodPodSpec({
      securityContext: podContext,
      containers: [
        goodContainer({ securityContext: containerContext, ...extra }),
      ],
    }),
  });
}

describe('run-as-non-root', () => {
  it.each([
    [{ runAsNonRoot: true }, undefined, 'pass'],
    [{ runAsUser: 1000 }, undefined, 'pass'],
    [undefined, { runAsNonRoot: true }, 'pass'],
    [undefined, { runAsUser: 1001 }, 'pass'],
    [{ runAsNonRoot: false }, { runAsNonRoot: true }, 'fail'],
    [{ runAsUser: 0 }, undefined, 'fail'],
    [{ runAsNonRoot: false, runAsUser: 5 }, undefined, 'pass'],
    [undefined, undefined, 'fail'],
    [{}, { runAsUser: 0 }, 'fail'],
  ])('container %j, pod %j → %s', (container, pod, expected) => {
    expect(check('run-as-non-root', withContext(container, pod)).status).toBe(
      expected,
    );
  });

  it('checks init containers with their own path', () => {
    const object = workload({
      podSpec: goodPodSpec({
        initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      }),
    });
    const result = check('run-as-non-root', object);
    expect(result.status).toBe('fail');
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.initContainers[0].securityContext.runAsNonRoot',
        container: 'init',
      }),
    ]);
  });
});

describe('no-privileged', () => {
  it('fails a privileged container and passes otherwise', () => {
    const result = check('no-privileged', withContext({ privileged: true }));
    expect(result.status).toBe('fail');
    expect(result.findings?.[0].path).toBe(
      'spec.template.spec.containers[0].securityContext.privileged',
    );
    expect(
      check('no-privileged', withContext({ privileged: false })).status,
    ).toBe('pass');
    expect(check('no-privileged', withContext(undefined)).status).toBe('pass');
  });
});

describe('no-privilege-escalation', () => {
  it('requires an explicit false on the container, where Kubernetes reads it', () => {
    expect(
      check(
        'no-privilege-escalation',
        withContext({ allowPrivilegeEscalation: false }),
      ).status,
    ).toBe('pass');
    expect(check('no-privilege-escalation', withContext({})).status).toBe(
      'fail',
    );
    expect(
      check(
        'no-privilege-escalation',
        withContext({ allowPrivilegeEscalation: true }),
      ).status,
    ).toBe('fail');
    // A pod-level value is dropped by the API server: it protects nothing.
    const podOnly = check(
      'no-privilege-escalation',
      withContext({}, { allowPrivilegeEscalation: false }),
    );
    expect(podOnly.status).toBe('fail');
    expect(podOnly.findings?.[0]).toMatchObject({
      path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
      message: expect.stringContaining(
        'set on the pod, where Kubernetes ignores it',
      ),
    });
    expect(
      check(
        'no-privilege-escalation',
        withContext(
          { allowPrivilegeEscalation: true },
          { allowPrivilegeEscalation: false },
        ),
      ).status,
    ).toBe('fail');
  });
});

describe('read-only-root-filesystem', () => {
  it('requires readOnlyRootFilesystem: true on the container', () => {
    expect(
      check(
        'read-only-root-filesystem',
        withContext({ readOnlyRootFilesystem: true }),
      ).status,
    ).toBe('pass');
    expect(
      check(
        'read-only-root-filesystem',
        withContext({ readOnlyRootFilesystem: false }),
      ).status,
    ).toBe('fail');
    expect(
      check('read-only-root-filesystem', withContext(undefined)).status,
    ).toBe('fail');
  });
});

describe('drop-capabilities and no-dangerous-capabilities', () => {
  it('requires ALL in capabilities.drop (any case)', () => {
    expect(
      check(
        'drop-capabilities',
        withContext({ capabilities: { drop: ['all'] } }),
      ).status,
    ).toBe('pass');
    const result = check(
      'drop-capabilities',
      withContext({ capabilities: { drop: ['NET_RAW'] } }),
    );
    expect(result.status).toBe('fail');
    expect(result.findings?.[0].path).toBe(
      'spec.template.spec.containers[0].securityContext.capabilities.drop',
    );
  });

  it.each([['ALL'], ['SYS_ADMIN'], ['net_admin'], ['CAP_SYS_ADMIN']])(
    'fails when adding %s',
    cap => {
      const result = check(
        'no-dangerous-capabilities',
        withContext({ capabilities: { add: [cap] } }),
      );
      expect(result.status).toBe('fail');
      expect(result.findings?.[0].path).toBe(
        'spec.template.spec.containers[0].securityContext.capabilities.add',
      );
    },
  );

  it('allows harmless capabilities', () => {
    expect(
      check(
        'no-dangerous-capabilities',
        withContext({ capabilities: { add: ['NET_BIND_SERVICE'] } }),
      ).status,
    ).toBe('pass');
  });
});

describe('no-host-namespaces, no-host-path, no-host-port', () => {
  it.each(['hostNetwork', 'hostPID', 'hostIPC'])(
    'fails when %s is true',
    field => {
      const result = check(
        'no-host-namespaces',
        workload({ podSpec: goodPodSpec({ [field]: true }) }),
      );
      expect(result.status).toBe('fail');
      expect(result.findings?.[0].path).toBe(`spec.template.spec.${field}`);
    },
  );

  it('fails for any hostPath volume', () => {
    const podSpec = goodPodSpec({
      volumes: [
        { name: 'tmp', emptyDir: {} },
        { name: 'sock', hostPath: { path: '/var/run/docker.sock' } },
      ],
    });
    const result = check('no-host-path', workload({ podSpec }));
    expect(result.status).toBe('fail');
    expect(result.findings?.[0].path).toBe(
      'spec.template.spec.volumes[1].hostPath',
    );
    expect(check('no-host-path', workload()).status).toBe('pass');
  });

  it('fails for a hostPort', () => {
    const object = withContext(goodContainer().securityContext, undefined, {
      ports: [{ name: 'http', containerPort: 8080, hostPort: 80 }],
    });
    const result = check('no-host-port', object);
    expect(result.status).toBe('fail');
    expect(result.findings?.[0]).toMatchObject({
      path: 'spec.template.spec.containers[0].ports[0].hostPort',
      container: 'app',
    });
  });
});

describe('seccomp-profile', () => {
  it.each([
    [{ seccompProfile: { type: 'RuntimeDefault' } }, undefined, 'pass'],
    [
      { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } },
      undefined,
      'pass',
    ],
    [{}, { seccompProfile: { type: 'RuntimeDefault' } }, 'pass'],
    [
      { seccompProfile: { type: 'Unconfined' } },
      { seccompProfile: { type: 'RuntimeDefault' } },
      'fail',
    ],
    [{}, { seccompProfile: {} }, 'fail'],
    [{}, undefined, 'fail'],
  ])('container %j, pod %j → %s', (container, pod, expected) => {
    expect(check('seccomp-profile', withContext(container, pod)).status).toBe(
      expected,
    );
  });

  it('points at the pod setting when the pod supplies the bad value', () => {
    const result = check(
      'seccomp-profile',
      withContext({}, { seccompProfile: { type: 'Unconfined' } }),
    );
    expect(result.findings?.[0].path).toBe(
      'spec.template.spec.securityContext.seccompProfile.type',
    );
  });
});

describe('service-account-token', () => {
  const account = (automount?: boolean, name = 'app'): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name },
    ...(automount === undefined
      ? {}
      : { automountServiceAccountToken: automount }),
  });
  const pod = (automount?: boolean, serviceAccountName?: string) =>
    workload({
      podSpec: goodPodSpec({
        automountServiceAccountToken: automount,
        serviceAccountName,
      }),
    });

  it('passes when the pod sets false', () => {
    expect(
      check('service-account-token', pod(false, 'app'), [account(true)]).status,
    ).toBe('pass');
  });

  it('fails when the pod sets true, whatever the ServiceAccount says', () => {
    expect(
      check('service-account-token', pod(true, 'app'), [account(false)]).status,
    ).toBe('fail');
  });

  it('falls back to the ServiceAccount when the pod does not say', () => {
    expect(
      check('service-account-token', pod(undefined, 'app'), [account(false)])
        .status,
    ).toBe('pass');
    expect(
      check('service-account-token', pod(undefined, 'app'), [account(true)])
        .status,
    ).toBe('fail');
    expect(check('service-account-token', pod(undefined, 'app')).status).toBe(
      'fail',
    );
    expect(
      check('service-account-token', pod(undefined), [
        account(false, 'default'),
      ]).status,
    ).toBe('pass');
  });
});

describe('dedicated-service-account', () => {
  it('requires a service account other than default', () => {
    expect(check('dedicated-service-account', workload()).status).toBe('pass');
    const none = workload({
      podSpec: goodPodSpec({ serviceAccountName: undefined }),
    });
    expect(check('dedicated-service-account', none).findings?.[0].path).toBe(
      'spec.template.spec.serviceAccountName',
    );
    const named = (spec: object) =>
      workload({
        podSpec: goodPodSpec({ serviceAccountName: undefined, ...spec }),
      });
    expect(
      check(
        'dedicated-service-account',
        named({ serviceAccountName: 'default' }),
      ).status,
    ).toBe('fail');
    expect(
      check('dedicated-service-account', named({ serviceAccount: 'legacy' }))
        .status,
    ).toBe('pass');
  });
});
