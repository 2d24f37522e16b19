/** Rules of the resources category: requests and limits. */
import { asRecord } from '../../util/guards';
import {
  checkContainers,
  constantPass,
  containerFinding,
  ContainerTest,
  WorkloadRule,
} from './outcome';

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function resourceRule(
  bucket: 'requests' | 'limits',
  resource: 'cpu' | 'memory',
): WorkloadRule {
  const field = `resources.${bucket}.${resource}`;
  const passed = constantPass(`Every app container sets ${field}.`);
  const failed = `Some app containers do not set ${field}.`;
  const missing = `${field} is not set.`;
  const test: ContainerTest = (container, findings) => {
    const value = asRecord(asRecord(container.spec.resources)?.[bucket])?.[
      resource
    ];
    if (!isSet(value)) {
      findings.push(
        containerFinding(container, `${container.path}.${field}`, missing),
      );
    }
  };
  return ({ workload }) =>
    checkContainers(workload, workload.appContainers, test, passed, failed);
}

export const cpuRequests = resourceRule('requests', 'cpu');
export const memoryRequests = resourceRule('requests', 'memory');
export const memoryLimits = resourceRule('limits', 'memory');
export const cpuLimits = resourceRule('limits', 'cpu');
