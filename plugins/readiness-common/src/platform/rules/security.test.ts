import { parseReadinessConfig } from '../../config';
import {
  clusterAdminBinding,
  crd,
  fluxInstall,
  namespace,
  workload,
} from '../testing/clusters';
import { checkCluster } from '../testing/evaluateCluster';

describe('pod-security-enforced', () => {
  it('passes when every application namespace enforces baseline or restricted', () => {
    const result = checkCluster('pod-security-enforced', [
      namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      namespace('legacy', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
      namespace('kube-system', {
        'pod-security.kubernetes.io/enforce': 'privileged',
      }),
    ]);
    expect(result).toMatchObject({
      status: 'pass',
      message:
        'All 2 application namespaces enforce Pod Security baseline or restricted.',
    });
  });

  it('fails naming each namespace that does not enforce, and the level it has', () => {
    const result = checkCluster('pod-security-enforced', [
      namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      namespace('legacy', {
        'pod-security.kubernetes.io/enforce': 'privileged',
      }),
      namespace('search', { 'pod-security.kubernetes.io/warn': 'restricted' }),
    ]);
    expect(result.status).toBe('fail');
    expect(result.findings).toEqual([
      {
        path: 'metadata.labels',
        message:
          'Namespace legacy enforces Pod Security level "privileged", not baseline or restricted.',
        object: { kind: 'Namespace', name: 'legacy', namespace: '' },
      },
      {
        path: 'metadata.labels',
        message:
          'Namespace search has no pod-security.kubernetes.io/enforce label.',
        object: { kind: 'Namespace', name: 'search', namespace: '' },
      },
    ]);
  });

  it('passes when a policy engine is installed, whatever the labels', () => {
    const result = checkCluster('pod-security-enforced', [
      namespace('search'),
      crd('constrainttemplates.templates.gatekeeper.sh'),
    ]);
    expect(result).toMatchObject({
      status: 'pass',
      message:
        'Policy engine: CRD constrainttemplates.templates.gatekeeper.sh is installed.',
    });
  });
});

describe('policy-engine', () => {
  it('passes with Kyverno', () => {
    expect(
      checkCluster('policy-engine', [crd('clusterpolicies.kyverno.io')]).status,
    ).toBe('pass');
  });

  it('passes with a ValidatingAdmissionPolicy', () => {
    const result = checkCluster('policy-engine', [
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'require-team-label' },
        spec: { validations: [{ expression: 'true' }] },
      },
    ]);
    expect(result.message).toBe(
      'Policy engine: ValidatingAdmissionPolicy require-team-label.',
    );
  });

  it('fails without any', () => {
    const result = checkCluster('policy-engine', [crd('policies.example.com')]);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('clusterpolicies.kyverno.io');
  });
});

describe('secrets-management', () => {
  it.each([
    ['External Secrets', [crd('externalsecrets.external-secrets.io')]],
    ['Sealed Secrets', [crd('sealedsecrets.bitnami.com')]],
    [
      'the Secrets Store CSI driver',
      [crd('secretproviderclasses.secrets-store.csi.x-k8s.io')],
    ],
    [
      'the Vault injector',
      [workload('vault', 'vault-agent-injector', 'hashicorp/vault-k8s:1.5.0')],
    ],
  ])('passes with %s', (_name, objects) => {
    expect(checkCluster('secrets-management', objects).status).toBe('pass');
  });

  it('fails with the Vault server alone (not the injector)', () => {
    expect(
      checkCluster('secrets-management', [
        workload('vault', 'vault', 'hashicorp/vault:1.18.3', {
          kind: 'StatefulSet',
        }),
      ]).status,
    ).toBe('fail');
  });
});

describe('image-scanning', () => {
  it('passes with the Trivy Operator CRD, or Kubescape running', () => {
    expect(
      checkCluster('image-scanning', [
        crd('vulnerabilityreports.aquasecurity.github.io'),
      ]).status,
    ).toBe('pass');
    expect(
      checkCluster('image-scanning', [
        workload('kubescape', 'kubevuln', 'quay.io/kubescape/kubevuln:v0.3.60'),
      ]).message,
    ).toBe(
      'Image scanner: kubevuln (quay.io/kubescape/kubevuln:v0.3.60) in namespace kubescape.',
    );
  });

  it('fails without a scanner', () => {
    expect(checkCluster('image-scanning', []).status).toBe('fail');
  });
});

describe('runtime-security', () => {
  it('passes with Falco or Tetragon', () => {
    expect(
      checkCluster('runtime-security', [
        workload('kube-system', 'tetragon', 'quay.io/cilium/tetragon:v1.3.0', {
          kind: 'DaemonSet',
        }),
      ]).status,
    ).toBe('pass');
  });

  it('fails without a sensor', () => {
    expect(checkCluster('runtime-security', []).status).toBe('fail');
  });
});

describe('rbac-least-privilege', () => {
  it('passes when cluster-admin goes only to users, groups and system ServiceAccounts', () => {
    const result = checkCluster('rbac-least-privilege', [
      clusterAdminBinding('cluster-admin', [
        { kind: 'Group', name: 'system:masters' },
      ]),
      clusterAdminBinding('addon', [
        { kind: 'ServiceAccount', name: 'addon', namespace: 'kube-system' },
      ]),
    ]);
    expect(result).toMatchObject({
      status: 'pass',
      message:
        'cluster-admin is bound only to users, groups and system ServiceAccounts (2 bindings).',
    });
  });

  it('fails naming each binding that grants cluster-admin to an application ServiceAccount or to everyone', () => {
    const result = checkCluster(
      'rbac-least-privilege',
      [
        ...fluxInstall(),
        clusterAdminBinding('anonymous-admin', [
          { kind: 'User', name: 'system:anonymous' },
          { kind: 'Group', name: 'system:authenticated' },
        ]),
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: 'view-all' },
          roleRef: { kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'Group', name: 'system:authenticated' }],
        },
      ],
      // flux-system is an application namespace here.
      { config: parseReadinessConfig({}) },
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      '4 subjects outside the system namespaces hold cluster-admin.',
    );
    expect(result.findings).toEqual([
      {
        path: 'subjects[0]',
        message:
          'ClusterRoleBinding cluster-reconciler-flux-system grants cluster-admin to ServiceAccount flux-system/kustomize-controller.',
        object: {
          kind: 'ClusterRoleBinding',
          name: 'cluster-reconciler-flux-system',
          namespace: '',
        },
      },
      {
        path: 'subjects[1]',
        message:
          'ClusterRoleBinding cluster-reconciler-flux-system grants cluster-admin to ServiceAccount flux-system/helm-controller.',
        object: {
          kind: 'ClusterRoleBinding',
          name: 'cluster-reconciler-flux-system',
          namespace: '',
        },
      },
      {
        path: 'subjects[0]',
        message:
          'ClusterRoleBinding anonymous-admin grants cluster-admin to system:anonymous: anyone who reaches the API server.',
        object: {
          kind: 'ClusterRoleBinding',
          name: 'anonymous-admin',
          namespace: '',
        },
      },
      {
        path: 'subjects[1]',
        message:
          'ClusterRoleBinding anonymous-admin grants cluster-admin to system:authenticated: anyone who reaches the API server.',
        object: {
          kind: 'ClusterRoleBinding',
          name: 'anonymous-admin',
          namespace: '',
        },
      },
    ]);
  });

  it('accepts the platform ServiceAccounts of namespaces listed in platform.systemNamespaces', () => {
    expect(checkCluster('rbac-least-privilege', fluxInstall()).status).toBe(
      'pass',
    );
  });
});
