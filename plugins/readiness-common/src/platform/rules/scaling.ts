import { fail } from '../../checks/rules/outcome';
import { asArray, asRecord } from '../../util/guards';
import { nameOf } from '../clusterIndex';
import { capabilityRule } from './capability';
import { found, PlatformRule } from './context';

const METRICS_API = 'v1beta1.metrics.k8s.io';

export const metricsApi: PlatformRule = {
  reads: () => ['APIService'],
  evaluate({ index }) {
    const service = index
      .of('APIService')
      .find(object => nameOf(object) === METRICS_API);
    if (!service) {
      return fail(
        `APIService ${METRICS_API} does not exist: no metrics-server, so HorizontalPodAutoscalers cannot read CPU or memory.`,
      );
    }
    const available = asArray(asRecord(service.status)?.conditions)
      .map(asRecord)
      .find(condition => condition?.type === 'Available');
    const backend = asRecord(asRecord(service.spec)?.service);
    const servedBy =
      backend && typeof backend.name === 'string'
        ? ` (served by ${String(backend.namespace ?? '')}/${backend.name})`
        : '';
    if (available?.status === 'True') {
      return found(`APIService ${METRICS_API} is Available${servedBy}.`);
    }
    const reason =
      typeof available?.reason === 'string' ? `: ${available.reason}` : '';
    return fail(
      `APIService ${METRICS_API} exists${servedBy} but is not Available${reason}.`,
    );
  },
};

export const nodeAutoscaling = capabilityRule('node-autoscaling', {
  what: 'Node autoscaler',
});
