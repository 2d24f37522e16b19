import { define } from '../../checks/catalogue/define';

/** Security: is the cluster hardened beyond what each workload declares? */
export const PLATFORM_SECURITY_CHECKS = [
  define({
    id: 'pod-security-enforced',
    category: 'security',
    severity: 'high',
    target: 'cluster',
    title: 'Pod security is enforced in every application namespace',
    rationale:
      'Workload checks report a privileged pod; only admission stops one from being created. Pod Security Admission (or a policy engine) turns the security checks from advice into a rule.',
    remediation:
      'Label each application namespace with pod-security.kubernetes.io/enforce set to baseline or restricted, or install a policy engine (Kyverno, Gatekeeper, ValidatingAdmissionPolicies).',
    remediationSnippet: `kubectl label namespace shop \\
  pod-security.kubernetes.io/enforce=restricted`,
  }),
  define({
    id: 'policy-engine',
    category: 'security',
    severity: 'medium',
    target: 'cluster',
    title: 'A policy engine checks objects at admission',
    rationale:
      'Conventions that are only written down drift. A policy engine rejects, at admission, what the team has agreed never to run: images from unknown registries, missing labels, privileged pods.',
    remediation:
      'Install Kyverno or OPA Gatekeeper, or write ValidatingAdmissionPolicies (built into Kubernetes since 1.30).',
    remediationSnippet: `helm repo add kyverno https://kyverno.github.io/kyverno/
helm install kyverno kyverno/kyverno --namespace kyverno --create-namespace`,
  }),
  define({
    id: 'secrets-management',
    category: 'security',
    severity: 'high',
    target: 'cluster',
    title: 'Secrets come from a secrets manager',
    rationale:
      'Secrets written into manifests end up in Git, in CI logs and in every copy of the repository. A secrets manager keeps them in one audited place and delivers them to the cluster.',
    remediation:
      'Install External Secrets Operator, Sealed Secrets, the Vault agent injector or the Secrets Store CSI driver.',
    remediationSnippet: `helm repo add external-secrets https://charts.external-secrets.io
helm install external-secrets external-secrets/external-secrets \\
  --namespace external-secrets --create-namespace`,
  }),
  define({
    id: 'image-scanning',
    category: 'security',
    severity: 'medium',
    target: 'cluster',
    title: 'Running images are scanned for vulnerabilities',
    rationale:
      'Images scanned only at build time age: a vulnerability published next month is in the image that runs today. An in-cluster scanner reports on what actually runs.',
    remediation:
      'Install the Trivy Operator or Kubescape; if images are scanned by a registry or a SaaS service, declare it in platform.provided.image-scanning.',
    remediationSnippet: `helm repo add aqua https://aquasecurity.github.io/helm-charts/
helm install trivy-operator aqua/trivy-operator \\
  --namespace trivy-system --create-namespace`,
  }),
  define({
    id: 'runtime-security',
    category: 'security',
    severity: 'low',
    target: 'cluster',
    title: 'A runtime security sensor watches the nodes',
    rationale:
      'Admission decides what may start; a runtime sensor sees what a compromised container then does (a shell, an unexpected binary, a write to /etc) and raises it while it happens.',
    remediation: 'Run Falco or Tetragon as a DaemonSet.',
    remediationSnippet: `helm repo add falcosecurity https://falcosecurity.github.io/charts
helm install falco falcosecurity/falco --namespace falco --create-namespace`,
  }),
  define({
    id: 'rbac-least-privilege',
    category: 'security',
    severity: 'high',
    target: 'cluster',
    title: 'cluster-admin is not granted to workloads or to everyone',
    rationale:
      'cluster-admin bound to an application ServiceAccount makes every bug in that application a way to take over the cluster; bound to system:authenticated, system:unauthenticated or system:anonymous, it hands the cluster to anyone who can reach the API.',
    remediation:
      'Delete the binding, and bind a Role or ClusterRole that grants only what the subject needs, in the namespaces it needs.',
    remediationSnippet: `kubectl delete clusterrolebinding <name>
kubectl create rolebinding deployer --namespace shop \\
  --clusterrole=edit --serviceaccount=shop:deployer`,
  }),
];
