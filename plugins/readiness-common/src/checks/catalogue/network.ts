import { define } from './define';

/** Network: are network paths closed by default and opened deliberately? */
export const NETWORK_CHECKS = [
  define({
    id: 'network-policy',
    category: 'network',
    severity: 'high',
    target: 'workload',
    title: 'A NetworkPolicy restricts incoming traffic',
    rationale:
      'Without a NetworkPolicy any pod in the cluster can connect to this one. Network paths should be deny-by-default and opened deliberately, so a compromised neighbour cannot reach the service directly.',
    remediation:
      'Create a NetworkPolicy in the namespace that selects the pods, with policyTypes including Ingress and rules allowing only the expected callers.',
    remediationSnippet: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx`,
  }),
  define({
    id: 'network-policy-egress',
    category: 'network',
    severity: 'low',
    target: 'workload',
    title: 'A NetworkPolicy restricts outgoing traffic',
    rationale:
      "Limiting where pods may connect to stops a compromised pod from exfiltrating data or moving sideways, and documents the service's real dependencies.",
    remediation:
      'Add Egress to the policyTypes of a NetworkPolicy selecting the pods, with rules for the destinations the service needs (including DNS).',
    remediationSnippet: `spec:
  policyTypes: [Ingress, Egress]
  egress:
    - to:
        - namespaceSelector: {}
      ports:
        - protocol: UDP
          port: 53`,
  }),
  define({
    id: 'ingress-tls',
    category: 'network',
    severity: 'medium',
    target: 'ingress',
    title: 'Ingress serves TLS',
    rationale:
      'An Ingress without TLS sends credentials, cookies and data in clear text across networks you do not control.',
    remediation:
      'Add a spec.tls entry naming the hosts and the Secret holding the certificate (for example one issued by cert-manager).',
    remediationSnippet: `spec:
  tls:
    - hosts: [web.example.com]
      secretName: web-tls`,
  }),
];
