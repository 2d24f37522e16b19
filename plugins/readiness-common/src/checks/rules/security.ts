/** Rules of the security category: privileges of pods and containers. */
import { Finding } from '../../types';
import {
  asArray,
  asRecord,
  scalarToString,
  toInteger,
} from '../../util/guards';
import {
  containerSettingPath,
  containerValue,
  effectiveSettingPath,
  effectiveValue,
  SecurityField,
} from '../../model/securityContext';
import { ContainerRef, Workload } from '../../model/workloads';
import {
  checkContainers,
  ContainerTest,
  constantPass,
  containerFinding,
  containerLabel,
  fail,
  pass,
  relatedFinding,
  WorkloadRule,
} from './outcome';

const RUN_AS_NON_ROOT = ['runAsNonRoot'];
const RUN_AS_USER = ['runAsUser'];
const PRIVILEGED = ['privileged'];
const ALLOW_PRIVILEGE_ESCALATION = ['allowPrivilegeEscalation'];
const READ_ONLY_ROOT = ['readOnlyRootFilesystem'];
const CAPABILITIES_DROP = ['capabilities', 'drop'];
const CAPABILITIES_ADD = ['capabilities', 'add'];
const SECCOMP_TYPE = ['seccompProfile', 'type'];

const NON_ROOT_PASSED = constantPass(
  'Every container runs as a non-root user.',
);
/**
 * How a finding starts: the container's own setting speaks for itself; a
 * pod-level one is shared by every container, so the finding (one per
 * container, all at the same path) names the container it makes fail.
 */
function subject(
  workload: Workload,
  container: ContainerRef,
  field: SecurityField,
): { path: string; fromPod: boolean; who: string } {
  const path = effectiveSettingPath(workload, container, field);
  const fromPod = path.startsWith(`${workload.podSpecPath}.securityContext.`);
  return {
    path,
    fromPod,
    who: fromPod ? `Container ${containerLabel(container)}` : 'The container',
  };
}

const testRunAsNonRoot: ContainerTest = (container, findings, workload) => {
  const nonRoot = effectiveValue(workload, container, RUN_AS_NON_ROOT);
  if (nonRoot === true) return;
  const uid = toInteger(effectiveValue(workload, container, RUN_AS_USER));
  if (uid !== undefined && uid >= 1) return;
  // Name the field that decides: a root uid, else a runAsNonRoot set to
  // false, else the container's (unset) runAsNonRoot where a fix belongs.
  let path: string;
  let message: string;
  if (uid === 0) {
    const decided = subject(workload, container, RUN_AS_USER);
    path = decided.path;
    message = decided.fromPod
      ? `${decided.who} runs as root: the pod sets runAsUser 0.`
      : 'Runs as root (runAsUser 0).';
  } else if (nonRoot === false) {
    const decided = subject(workload, container, RUN_AS_NON_ROOT);
    path = decided.path;
    message = `${decided.who} may run as root: ${
      decided.fromPod ? 'the pod sets' : 'it sets'
    } runAsNonRoot: false and no non-zero runAsUser applies.`;
  } else {
    path = containerSettingPath(container, RUN_AS_NON_ROOT);
    message =
      'May run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set.';
  }
  findings.push(containerFinding(container, path, message));
};
export const runAsNonRoot: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testRunAsNonRoot,
    NON_ROOT_PASSED,
    'Some containers may run as root.',
  );

const PRIVILEGED_PASSED = constantPass('No container is privileged.');
const testNoPrivileged: ContainerTest = (container, findings) => {
  if (containerValue(container, PRIVILEGED) === true) {
    findings.push(
      containerFinding(
        container,
        containerSettingPath(container, PRIVILEGED),
        'The container is privileged.',
      ),
    );
  }
};
export const noPrivileged: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testNoPrivileged,
    PRIVILEGED_PASSED,
    'Some containers are privileged.',
  );

const ESCALATION_PASSED = constantPass(
  'Every container disables privilege escalation.',
);
const testNoPrivilegeEscalation: ContainerTest = (
  container,
  findings,
  workload,
) => {
  // Kubernetes has no pod-level allowPrivilegeEscalation: the API server
  // drops one set on the pod, so only the container's own value counts.
  const value = containerValue(container, ALLOW_PRIVILEGE_ESCALATION);
  if (value === false) return;
  let message = 'allowPrivilegeEscalation: false is not set.';
  if (value === true) {
    message = 'Privilege escalation is allowed.';
  } else if (
    effectiveValue(workload, container, ALLOW_PRIVILEGE_ESCALATION) === false
  ) {
    message =
      'allowPrivilegeEscalation: false is set on the pod, where Kubernetes ignores it; set it on the container.';
  }
  findings.push(
    containerFinding(
      container,
      containerSettingPath(container, ALLOW_PRIVILEGE_ESCALATION),
      message,
    ),
  );
};
export const noPrivilegeEscalation: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testNoPrivilegeEscalation,
    ESCALATION_PASSED,
    'Some containers can escalate privileges.',
  );

const READ_ONLY_PASSED = constantPass(
  'Every container has a read-only root filesystem.',
);
const testReadOnlyRootFilesystem: ContainerTest = (container, findings) => {
  if (containerValue(container, READ_ONLY_ROOT) === true) return;
  findings.push(
    containerFinding(
      container,
      containerSettingPath(container, READ_ONLY_ROOT),
      'The root filesystem is writable.',
    ),
  );
};
export const readOnlyRootFilesystem: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testReadOnlyRootFilesystem,
    READ_ONLY_PASSED,
    'Some containers have a writable root filesystem.',
  );

/** Capability name upper-cased and without the `CAP_` prefix. */
function capabilityName(entry: unknown): string | undefined {
  const text = scalarToString(entry);
  if (!text) return undefined;
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

const DROP_PASSED = constantPass('Every container drops all capabilities.');
const testDropCapabilities: ContainerTest = (container, findings) => {
  const dropped = asArray(containerValue(container, CAPABILITIES_DROP));
  if (dropped.some(entry => capabilityName(entry) === 'ALL')) return;
  findings.push(
    containerFinding(
      container,
      containerSettingPath(container, CAPABILITIES_DROP),
      'capabilities.drop does not contain ALL.',
    ),
  );
};
export const dropCapabilities: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testDropCapabilities,
    DROP_PASSED,
    'Some containers keep the default capabilities.',
  );

const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
]);

const DANGEROUS_PASSED = constantPass(
  'No container adds ALL, SYS_ADMIN or NET_ADMIN.',
);
const testNoDangerousCapabilities: ContainerTest = (container, findings) => {
  const added = asArray(containerValue(container, CAPABILITIES_ADD));
  if (added.length === 0) return;
  const dangerous: string[] = [];
  for (const entry of added) {
    const name = capabilityName(entry);
    if (name && DANGEROUS_CAPABILITIES.has(name)) dangerous.push(name);
  }
  if (dangerous.length === 0) return;
  findings.push(
    containerFinding(
      container,
      containerSettingPath(container, CAPABILITIES_ADD),
      `Adds ${dangerous.join(', ')}.`,
    ),
  );
};
export const noDangerousCapabilities: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testNoDangerousCapabilities,
    DANGEROUS_PASSED,
    'Some containers add dangerous capabilities.',
  );

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'];
const HOST_NAMESPACES_PASSED = constantPass(
  'The pod does not share host namespaces.',
);

export const noHostNamespaces: WorkloadRule = ({ workload }) => {
  const { podSpec, podSpecPath } = workload;
  let findings: Finding[] | undefined;
  for (const field of HOST_NAMESPACE_FIELDS) {
    if (podSpec[field] === true) {
      (findings ??= []).push({
        path: `${podSpecPath}.${field}`,
        message: `The pod sets ${field}: true.`,
      });
    }
  }
  if (!findings) return HOST_NAMESPACES_PASSED;
  return fail(
    `The pod shares host namespaces: ${findings
      .map(finding => finding.path.slice(podSpecPath.length + 1))
      .join(', ')}.`,
    findings,
  );
};

const HOST_PATH_PASSED = constantPass('No volume mounts a host path.');
export const noHostPath: WorkloadRule = ({ workload }) => {
  const { podSpec, podSpecPath } = workload;
  let findings: Finding[] | undefined;
  const volumes = asArray(podSpec.volumes);
  for (let index = 0; index < volumes.length; index++) {
    const volume = asRecord(volumes[index]);
    const hostPath = volume?.hostPath;
    if (hostPath !== undefined && hostPath !== null) {
      const name = typeof volume?.name === 'string' ? ` "${volume.name}"` : '';
      (findings ??= []).push({
        path: `${podSpecPath}.volumes[${index}].hostPath`,
        message: `Volume${name} mounts a path of the node.`,
      });
    }
  }
  if (!findings) return HOST_PATH_PASSED;
  return fail(
    `${findings.length} volume${
      findings.length === 1 ? ' mounts a host path' : 's mount host paths'
    }.`,
    findings,
  );
};

const HOST_PORT_PASSED = constantPass('No container binds a host port.');
const testNoHostPort: ContainerTest = (container, findings) => {
  const ports = asArray(container.spec.ports);
  for (let index = 0; index < ports.length; index++) {
    const hostPort = asRecord(ports[index])?.hostPort;
    // hostPort 0 is the API's way of saying "not set".
    if (
      hostPort !== undefined &&
      hostPort !== null &&
      hostPort !== 0 &&
      hostPort !== '0'
    ) {
      findings.push(
        containerFinding(
          container,
          `${container.path}.ports[${index}].hostPort`,
          'Binds a port of the node.',
        ),
      );
    }
  }
};
export const noHostPort: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testNoHostPort,
    HOST_PORT_PASSED,
    'Some containers bind host ports.',
  );

const ACCEPTED_SECCOMP: ReadonlySet<unknown> = new Set([
  'RuntimeDefault',
  'Localhost',
]);

const SECCOMP_PASSED = constantPass(
  'Every container runs with the RuntimeDefault or a Localhost seccomp profile.',
);
const testSeccompProfile: ContainerTest = (container, findings, workload) => {
  const value = effectiveValue(workload, container, SECCOMP_TYPE);
  if (ACCEPTED_SECCOMP.has(value)) return;
  const decided = subject(workload, container, SECCOMP_TYPE);
  findings.push(
    containerFinding(
      container,
      decided.path,
      value === undefined
        ? 'No seccomp profile is set.'
        : `${decided.who} runs with seccomp profile type ${
            scalarToString(value) ?? '(not a string)'
          }${
            decided.fromPod ? ' from the pod' : ''
          }, which is neither RuntimeDefault nor Localhost.`,
    ),
  );
};
export const seccompProfile: WorkloadRule = ({ workload }) =>
  checkContainers(
    workload,
    workload.allContainers,
    testSeccompProfile,
    SECCOMP_PASSED,
    'Some containers run without a RuntimeDefault or Localhost seccomp profile.',
  );

/** The pod's service account name, including the deprecated field. */
function serviceAccountName(podSpec: Record<string, any>): string | undefined {
  const name = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  return typeof name === 'string' && name.trim() ? name : undefined;
}

const TOKEN_OFF_ON_POD = constantPass(
  'The pod does not mount a service account token.',
);
export const serviceAccountToken: WorkloadRule = ({ workload, index }) => {
  const { podSpec, podSpecPath, namespace } = workload;
  const path = `${podSpecPath}.automountServiceAccountToken`;
  const podValue = podSpec.automountServiceAccountToken;
  if (podValue === false) return TOKEN_OFF_ON_POD;
  if (podValue === true) {
    return fail('The pod mounts a service account token.', [
      {
        path,
        message:
          'Set automountServiceAccountToken: false unless the app calls the Kubernetes API.',
      },
    ]);
  }
  const accountName = serviceAccountName(podSpec) ?? 'default';
  const account = index.serviceAccount(namespace, accountName);
  if (account?.object.automountServiceAccountToken === false) {
    return pass(
      `ServiceAccount ${accountName} does not mount its token, and the pod does not override it.`,
    );
  }
  if (account) {
    return fail(
      `The pod mounts the token of ServiceAccount ${accountName}, which does not disable automounting.`,
      [
        relatedFinding(
          account,
          'automountServiceAccountToken',
          `Set automountServiceAccountToken: false on ServiceAccount ${accountName} (or on the pod).`,
        ),
      ],
    );
  }
  return fail('The pod mounts a service account token by default.', [
    {
      path,
      message:
        'Set automountServiceAccountToken: false on the pod or its ServiceAccount.',
    },
  ]);
};

export const dedicatedServiceAccount: WorkloadRule = ({ workload }) => {
  const { podSpec, podSpecPath } = workload;
  const name = serviceAccountName(podSpec);
  if (name && name !== 'default') {
    return pass(`The pod runs as ServiceAccount ${name}.`);
  }
  return fail("The pod runs as the namespace's default ServiceAccount.", [
    {
      path: `${podSpecPath}.serviceAccountName`,
      message:
        'Create a ServiceAccount for this workload and set serviceAccountName.',
    },
  ]);
};
