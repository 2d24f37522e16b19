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
      "Create a Kubernetes NetworkPolicy (networking.k8s.io) in the namespace that selects the pods and governs Ingress (listed in policyTypes, or policyTypes left out), with rules allowing only the expected callers. Policies of other APIs, such as Calico's projectcalico.org NetworkPolicy, are not read.",
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
      'List Egress in the policyTypes of a NetworkPolicy selecting the pods, with rules for the destinations the service needs (including DNS). Without policyTypes, Kubernetes applies a policy to Egress only when it has egress rules.',
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
    title: 'Ingress declares TLS',
    rationale:
      'An Ingress that declares no certificate leaves it to something outside the manifests to encrypt traffic; if nothing does, credentials, cookies and data cross networks you do not control in clear text. Declaring TLS on the Ingress makes it visible and reviewable.',
    remediation:
      'Add a spec.tls entry naming the hosts and the Secret holding the certificate (for example one issued by cert-manager), or attach a certificate managed by your cloud with one of the annotations networking.gke.io/managed-certificates, ingress.gcp.kubernetes.io/pre-shared-cert, alb.ingress.kubernetes.io/certificate-arn or appgw.ingress.kubernetes.io/appgw-ssl-certificate.',
    remediationSnippet: `spec:
  tls:
    - hosts: [web.example.com]
      secretName: web-tls`,
  }),
];
