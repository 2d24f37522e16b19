/** Rules of the health category: probes. */
import { Finding } from '../../types';
import { asArray, asRecord } from '../../util/guards';
import { deepEqual } from '../../util/deepEqual';
import { ContainerRef } from '../../model/workloads';
import {
  checkContainers,
  constantPass,
  constantSkip,
  containerFinding,
  containersUnreadable,
  ContainerTest,
  fail,
  WorkloadRule,
} from './outcome';

const NOT_LONG_RUNNING = constantSkip(
  'Jobs and CronJobs run to completion; probes apply to long-running workloads.',
);

function probeRule(field: 'readinessProbe' | 'livenessProbe'): WorkloadRule {
  const passed = constantPass(`Every app container has a ${field}.`);
  const failed = `Some app containers have no ${field}.`;
  const missing = `No ${field} is set.`;
  const test: ContainerTest = (container, findings) => {
    if (!asRecord(container.spec[field])) {
      findings.push(
        containerFinding(container, `${container.path}.${field}`, missing),
      );
    }
  };
  return ({ workload }) =>
    workload.longRunning
      ? checkContainers(workload, workload.appContainers, test, passed, failed)
      : NOT_LONG_RUNNING;
}

export const readinessProbe = probeRule('readinessProbe');
export const livenessProbe = probeRule('livenessProbe');

const NO_PROBE_PAIR = constantSkip(
  'No app container has both a liveness and a readiness probe.',
);
const PROBES_DIFFER = constantPass(
  'Liveness and readiness probes differ in every app container.',
);

function hasBothProbes(container: ContainerRef): boolean {
  return (
    asRecord(container.spec.livenessProbe) !== undefined &&
    asRecord(container.spec.readinessProbe) !== undefined
  );
}

const testProbesDistinct: ContainerTest = (container, findings) => {
  if (!hasBothProbes(container)) return;
  if (deepEqual(container.spec.livenessProbe, container.spec.readinessProbe)) {
    findings.push(
      containerFinding(
        container,
        `${container.path}.livenessProbe`,
        'The liveness probe is identical to the readiness probe.',
      ),
    );
  }
};

export const probesDistinct: WorkloadRule = ({ workload }) => {
  if (!workload.longRunning) return NOT_LONG_RUNNING;
  const unreadable = containersUnreadable(workload);
  if (unreadable) return unreadable;
  if (!workload.appContainers.some(hasBothProbes)) return NO_PROBE_PAIR;
  return checkContainers(
    workload,
    workload.appContainers,
    testProbesDistinct,
    PROBES_DIFFER,
    'Some app containers use their readiness probe as liveness probe.',
  );
};

const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];
const DIGITS = /^\d+$/;

/** Whether a container declares a port by name or number (no allocation). */
function declaresPort(
  ports: readonly unknown[],
  port: string | number,
): boolean {
  for (const entry of ports) {
    const declared = asRecord(entry);
    if (!declared) continue;
    if (typeof port === 'number') {
      if (Number(declared.containerPort) === port) return true;
    } else if (declared.name === port) {
      return true;
    }
  }
  return false;
}

/** Why a probe's port is not declared, or undefined when it is fine. */
function portProblem(
  ports: readonly unknown[],
  port: unknown,
): string | undefined {
  if (
    typeof port === 'number' ||
    (typeof port === 'string' && DIGITS.test(port))
  ) {
    // A numeric port is fine when declared, or when the container declares
    // no ports at all (declaring them is optional in Kubernetes).
    const number = Number(port);
    return ports.length === 0 || declaresPort(ports, number)
      ? undefined
      : `Port ${number} is not a declared containerPort.`;
  }
  if (typeof port === 'string' && port) {
    return declaresPort(ports, port)
      ? undefined
      : `Port name "${port}" is not the name of a declared containerPort.`;
  }
  return 'The probe names no port.';
}

const NO_PORT_PROBES = constantSkip(
  'No app container has an httpGet, tcpSocket or grpc probe.',
);
const PROBE_PORTS_DECLARED = constantPass(
  'Every probe targets a port its container declares.',
);

export const probePortDeclared: WorkloadRule = ({ workload }) => {
  const unreadable = containersUnreadable(workload);
  if (unreadable) return unreadable;
  let probed = false;
  let findings: Finding[] | undefined;
  for (const container of workload.appContainers) {
    const ports = asArray(container.spec.ports);
    for (const probeField of PROBE_FIELDS) {
      const probe = asRecord(container.spec[probeField]);
      if (!probe) continue;
      for (const handlerField of PORT_HANDLERS) {
        const handler = asRecord(probe[handlerField]);
        if (!handler) continue;
        probed = true;
        const problem = portProblem(ports, handler.port);
        if (problem) {
          (findings ??= []).push(
            containerFinding(
              container,
              `${container.path}.${probeField}.${handlerField}.port`,
              problem,
            ),
          );
        }
      }
    }
  }
  if (!probed) return NO_PORT_PROBES;
  if (!findings) return PROBE_PORTS_DECLARED;
  return fail(
    'Some probes target ports their container does not declare.',
    findings,
  );
};
