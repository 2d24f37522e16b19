import { define } from './define';

/** Security: does each container run with no more privilege than it needs? */
export const SECURITY_CHECKS = [
  define({
    id: 'run-as-non-root',
    category: 'security',
    severity: 'critical',
    target: 'workload',
    title: 'Containers run as a non-root user',
    rationale:
      'A process running as root inside a container is one kernel or runtime bug away from being root on the node. Running as an unprivileged user removes most of what an attacker could do after breaking into the application.',
    remediation:
      'Set runAsNonRoot: true (and a non-zero runAsUser if the image does not define one) in the pod or container securityContext. The container value wins over the pod value, and init and ephemeral containers count too; a finding names the field that decides, such as a pod-level runAsUser: 0.',
    remediationSnippet: `securityContext:
  runAsNonRoot: true
  runAsUser: 10001`,
  }),
  define({
    id: 'no-privileged',
    category: 'security',
    severity: 'critical',
    target: 'workload',
    title: 'Containers are not privileged',
    rationale:
      "A privileged container has every capability and access to the host's devices; it is effectively root on the node. A compromise of the application becomes a compromise of the node and everything running on it.",
    remediation:
      'Remove privileged: true. Grant only the specific capability the container needs, if any.',
    remediationSnippet: `securityContext:
  privileged: false`,
  }),
  define({
    id: 'no-privilege-escalation',
    category: 'security',
    severity: 'high',
    target: 'workload',
    title: 'Containers cannot escalate privileges',
    rationale:
      'Unless explicitly disabled, a process can gain more privileges than its parent through setuid binaries. Turning escalation off closes a common path from an application bug to root inside the container.',
    remediation:
      "Set allowPrivilegeEscalation: false in every container's securityContext.",
    remediationSnippet: `securityContext:
  allowPrivilegeEscalation: false`,
  }),
  define({
    id: 'read-only-root-filesystem',
    category: 'security',
    severity: 'medium',
    target: 'workload',
    title: 'Root filesystem is read-only',
    rationale:
      'A writable root filesystem lets an attacker drop tools or modify binaries, and lets the application quietly accumulate state that disappears on restart. A read-only root makes containers immutable and their state explicit.',
    remediation:
      'Set readOnlyRootFilesystem: true and mount an emptyDir for the paths the application must write to (for example /tmp).',
    remediationSnippet: `securityContext:
  readOnlyRootFilesystem: true
volumeMounts:
  - name: tmp
    mountPath: /tmp`,
  }),
  define({
    id: 'drop-capabilities',
    category: 'security',
    severity: 'medium',
    target: 'workload',
    title: 'Containers drop all capabilities',
    rationale:
      'Container runtimes grant a default set of Linux capabilities (such as NET_RAW) that most applications never use but attackers can. Dropping them all and adding back only what is needed shrinks the attack surface.',
    remediation:
      "Add ALL to capabilities.drop in every container's securityContext, then add back individual capabilities only where required.",
    remediationSnippet: `securityContext:
  capabilities:
    drop: ["ALL"]`,
  }),
  define({
    id: 'no-dangerous-capabilities',
    category: 'security',
    severity: 'critical',
    target: 'workload',
    title: 'No dangerous capabilities are added',
    rationale:
      "SYS_ADMIN is close to full root, NET_ADMIN lets a container rewrite the node's networking, and ALL grants everything. Any of these turns an application compromise into a node compromise.",
    remediation:
      'Remove ALL, SYS_ADMIN and NET_ADMIN from capabilities.add. If the workload truly needs them, run it outside the application tier and exempt it with a recorded reason.',
    remediationSnippet: `securityContext:
  capabilities:
    drop: ["ALL"]
    add: ["NET_BIND_SERVICE"]   # only what is needed`,
  }),
  define({
    id: 'no-host-namespaces',
    category: 'security',
    severity: 'critical',
    target: 'workload',
    title: 'Pods do not share host namespaces',
    rationale:
      "hostNetwork, hostPID and hostIPC let a pod see and talk to everything on the node: other pods' traffic, processes and shared memory. Isolation between workloads is gone.",
    remediation:
      'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).',
    remediationSnippet: `spec:
  hostNetwork: false
  hostPID: false
  hostIPC: false`,
  }),
  define({
    id: 'no-host-path',
    category: 'security',
    severity: 'high',
    target: 'workload',
    title: 'Pods do not mount host paths',
    rationale:
      "A hostPath volume exposes the node's filesystem to the pod, from the container runtime socket to other pods' data. It also ties the pod to one node's disk, which breaks rescheduling.",
    remediation:
      'Replace hostPath volumes with emptyDir, a ConfigMap or Secret, or a PersistentVolumeClaim.',
    remediationSnippet: `volumes:
  - name: cache
    emptyDir: {}`,
  }),
  define({
    id: 'no-host-port',
    category: 'security',
    severity: 'medium',
    target: 'workload',
    title: 'Containers do not bind host ports',
    rationale:
      'A hostPort opens the port on the node itself, bypassing network policies, and allows only one such pod per node, which silently limits scheduling and scaling.',
    remediation:
      'Remove hostPort and expose the container through a Service instead.',
    remediationSnippet: `ports:
  - name: http
    containerPort: 8080   # no hostPort; use a Service`,
  }),
  define({
    id: 'seccomp-profile',
    category: 'security',
    severity: 'medium',
    target: 'workload',
    title: 'Containers run with a seccomp profile',
    rationale:
      'Without a seccomp profile a container may call every system call the kernel offers, including rarely used ones with a history of exploits. The runtime default profile blocks those at almost no cost.',
    remediation:
      'Set seccompProfile.type to RuntimeDefault (or Localhost with a custom profile) in the pod or container securityContext.',
    remediationSnippet: `securityContext:
  seccompProfile:
    type: RuntimeDefault`,
  }),
  define({
    id: 'service-account-token',
    category: 'security',
    severity: 'low',
    target: 'workload',
    title: 'API token is not mounted unless needed',
    rationale:
      'By default every pod gets a token for the Kubernetes API. Most applications never call the API, but an attacker who gets into the pod can use the token to explore or change the cluster.',
    remediation:
      'Set automountServiceAccountToken: false on the pod spec (or on its ServiceAccount) unless the application talks to the Kubernetes API.',
    remediationSnippet: `spec:
  automountServiceAccountToken: false`,
  }),
  define({
    id: 'dedicated-service-account',
    category: 'security',
    severity: 'low',
    target: 'workload',
    title: 'Pods use a dedicated service account',
    rationale:
      'Pods on the default service account share its permissions with every other such pod in the namespace. A dedicated account lets permissions be granted to this workload only, and makes audit logs say who did what.',
    remediation:
      'Create a ServiceAccount for the workload and set serviceAccountName on the pod spec.',
    remediationSnippet: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
automountServiceAccountToken: false
---
# in the pod spec
serviceAccountName: web`,
  }),
];
