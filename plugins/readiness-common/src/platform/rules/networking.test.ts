import {
  appNamespace,
  crd,
  gkeDataplaneV2,
  ingressClass,
  namespace,
  networkPolicy,
  productionClusterObjects,
  without,
  workload,
} from '../testing/clusters';
import { checkCluster } from '../testing/evaluateCluster';

describe('ingress-controller', () => {
  it('passes with a default IngressClass, naming it and its controller', () => {
    expect(
      checkCluster('ingress-controller', [ingressClass('nginx', true)]),
    ).toMatchObject({
      status: 'pass',
      message: 'IngressClass nginx (k8s.io/nginx) is the default.',
    });
  });

  it('passes with a GatewayClass', () => {
    const result = checkCluster('ingress-controller', [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'cilium' },
        spec: { controllerName: 'io.cilium/gateway-controller' },
      },
    ]);
    expect(result).toMatchObject({
      status: 'pass',
      message: 'GatewayClass cilium exists.',
    });
  });

  it('fails when no IngressClass is marked default, naming them', () => {
    const result = checkCluster('ingress-controller', [
      ingressClass('nginx'),
      ingressClass('traefik'),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'IngressClass nginx and traefik exists but none is marked default',
    );
  });

  it('fails with neither', () => {
    expect(checkCluster('ingress-controller', []).status).toBe('fail');
  });
});

describe('tls-automation', () => {
  it('passes with cert-manager', () => {
    expect(
      checkCluster('tls-automation', [crd('certificates.cert-manager.io')]),
    ).toMatchObject({
      status: 'pass',
      message:
        'Certificate automation: CRD certificates.cert-manager.io is installed.',
    });
  });

  it('fails without, naming the CRD it looked for', () => {
    const result = checkCluster('tls-automation', [crd('issuers.example.com')]);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('the CRD certificates.cert-manager.io');
  });
});

describe('network-policy-enforcement', () => {
  it('passes on EKS with the VPC CNI network policy agent (a sidecar image)', () => {
    const result = checkCluster(
      'network-policy-enforcement',
      productionClusterObjects(),
    );
    expect(result.status).toBe('pass');
    expect(result.message).toContain(
      'aws-node (602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon/aws-network-policy-agent:v1.1.5-eksbuild.1) in namespace kube-system',
    );
  });

  it('passes on GKE Dataplane V2 by its anetd DaemonSet', () => {
    expect(
      checkCluster('network-policy-enforcement', gkeDataplaneV2()),
    ).toMatchObject({
      status: 'pass',
      message:
        'NetworkPolicy-enforcing network plugin: DaemonSet anetd in namespace kube-system.',
    });
  });

  it('passes on Calico', () => {
    expect(
      checkCluster('network-policy-enforcement', [
        workload(
          'calico-system',
          'calico-node',
          'quay.io/calico/node:v3.29.1',
          { kind: 'DaemonSet' },
        ),
      ]).status,
    ).toBe('pass');
  });

  it('fails on a CNI that does not enforce NetworkPolicy (flannel)', () => {
    const result = checkCluster('network-policy-enforcement', [
      workload(
        'kube-flannel',
        'kube-flannel-ds',
        'docker.io/flannel/flannel:v0.26.2',
        { kind: 'DaemonSet' },
      ),
      // anetd elsewhere than kube-system is not Dataplane V2.
      workload('tools', 'anetd', 'example.com/anetd:1', { kind: 'DaemonSet' }),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('the workload kube-system/anetd');
  });
});

describe('default-deny-ingress', () => {
  it('passes when every application namespace has a policy selecting every pod', () => {
    const result = checkCluster('default-deny-ingress', [
      ...appNamespace('shop'),
      ...appNamespace('payments'),
      namespace('kube-system'),
      namespace('default'),
    ]);
    expect(result).toMatchObject({
      status: 'pass',
      message:
        'All 2 application namespaces have a NetworkPolicy selecting every pod for Ingress.',
    });
  });

  it('accepts a policy without policyTypes (it always governs Ingress)', () => {
    expect(
      checkCluster('default-deny-ingress', [
        namespace('shop'),
        networkPolicy('shop', 'deny', { podSelector: { matchLabels: {} } }),
      ]).status,
    ).toBe('pass');
  });

  it('fails naming each namespace without one; a policy for some pods or for egress only does not count', () => {
    const result = checkCluster('default-deny-ingress', [
      ...appNamespace('shop'),
      namespace('payments'),
      networkPolicy('payments', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
      }),
      namespace('search'),
      networkPolicy('search', 'deny-egress', {
        podSelector: {},
        policyTypes: ['Egress'],
      }),
      namespace('kube-system'),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      '2 of 3 application namespaces have no default-deny ingress NetworkPolicy.',
    );
    expect(result.findings).toEqual([
      {
        path: 'metadata.name',
        message:
          'Namespace payments has no NetworkPolicy with an empty podSelector governing Ingress.',
        object: { kind: 'Namespace', name: 'payments', namespace: '' },
      },
      {
        path: 'metadata.name',
        message:
          'Namespace search has no NetworkPolicy with an empty podSelector governing Ingress.',
        object: { kind: 'Namespace', name: 'search', namespace: '' },
      },
    ]);
  });

  it('leaves out system namespaces, configured ones, and default while empty', () => {
    const objects = [
      namespace('kube-system'),
      namespace('kube-public'),
      namespace('kube-node-lease'),
      namespace('default'),
      namespace('flux-system'),
    ];
    expect(checkCluster('default-deny-ingress', objects).status).toBe('skip');
    const withWorkloadInDefault = checkCluster('default-deny-ingress', [
      ...objects,
      workload('default', 'legacy', 'example.com/legacy:1'),
    ]);
    expect(withWorkloadInDefault.findings?.map(f => f.object?.name)).toEqual([
      'default',
    ]);
  });

  it('does not take a Calico NetworkPolicy for a Kubernetes one', () => {
    const result = checkCluster('default-deny-ingress', [
      namespace('shop'),
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny', namespace: 'shop' },
        spec: { selector: 'all()', types: ['Ingress'] },
      },
    ]);
    expect(result.status).toBe('fail');
  });

  it('is part of the production cluster and fails when its policies are removed', () => {
    expect(
      checkCluster(
        'default-deny-ingress',
        without(productionClusterObjects(), 'NetworkPolicy'),
      ).findings,
    ).toHaveLength(7);
  });
});
