import { define } from '../../checks/catalogue/define';

/** Networking: can traffic reach services, securely, and only where allowed? */
export const PLATFORM_NETWORKING_CHECKS = [
  define({
    id: 'ingress-controller',
    category: 'networking',
    severity: 'high',
    target: 'cluster',
    title: 'A default ingress class or a Gateway API class exists',
    rationale:
      'An Ingress without an ingress class is served by the default one; with no default class it is served by nothing, and the service is unreachable while every manifest looks right.',
    remediation:
      'Install an ingress controller and mark its IngressClass as the default, or install a Gateway API implementation (which creates a GatewayClass).',
    remediationSnippet: `kubectl annotate ingressclass nginx \\
  ingressclass.kubernetes.io/is-default-class="true"`,
  }),
  define({
    id: 'tls-automation',
    category: 'networking',
    severity: 'medium',
    target: 'cluster',
    title: 'Certificates are issued and renewed automatically',
    rationale:
      'Certificates renewed by hand expire: an expired certificate takes a service down as surely as a crash, and the ingress-tls workload check assumes certificates can be had.',
    remediation: 'Install cert-manager and create a ClusterIssuer.',
    remediationSnippet: `helm repo add jetstack https://charts.jetstack.io
helm install cert-manager jetstack/cert-manager \\
  --namespace cert-manager --create-namespace --set crds.enabled=true`,
  }),
  define({
    id: 'network-policy-enforcement',
    category: 'networking',
    severity: 'high',
    target: 'cluster',
    title: 'The network plugin enforces NetworkPolicies',
    rationale:
      'NetworkPolicies are accepted by every cluster but enforced only by some network plugins. Without one, every network-policy check passes on paper while any pod can still reach any other.',
    remediation:
      'Run a network plugin that enforces NetworkPolicy: Calico, Cilium, Antrea, kube-router; on GKE enable Dataplane V2, on EKS the VPC CNI network policy agent.',
    remediationSnippet: `helm repo add cilium https://helm.cilium.io
helm install cilium cilium/cilium --namespace kube-system`,
  }),
  define({
    id: 'default-deny-ingress',
    category: 'networking',
    severity: 'high',
    target: 'cluster',
    title: 'Every application namespace denies ingress by default',
    rationale:
      'Pods accept traffic from anywhere until a NetworkPolicy selects them. A policy that selects every pod of the namespace makes isolation the default, so a forgotten policy closes a door instead of leaving it open.',
    remediation:
      'In each application namespace, create a NetworkPolicy with an empty podSelector and policyTypes [Ingress]; then allow the traffic each service needs with policies of its own.',
    remediationSnippet: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]`,
  }),
];
