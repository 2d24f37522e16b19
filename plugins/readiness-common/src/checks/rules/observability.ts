/** Rules of the observability category: are metrics collected? */
import { ANNOTATION_PROMETHEUS_SCRAPE } from '../../annotations';
import {
  constantPass,
  constantSkip,
  describeObject,
  fail,
  pass,
  WorkloadRule,
} from './outcome';

const NOT_LONG_RUNNING = constantSkip(
  'Jobs and CronJobs run to completion; metrics scraping applies to long-running workloads.',
);
const ANNOTATED = constantPass(
  `The pod template is annotated ${ANNOTATION_PROMETHEUS_SCRAPE}: "true".`,
);

export const metricsScraped: WorkloadRule = context => {
  const { workload, relations, index } = context;
  if (!workload.longRunning) {
    return NOT_LONG_RUNNING;
  }
  const scrape = workload.podAnnotations[ANNOTATION_PROMETHEUS_SCRAPE];
  if (scrape === 'true' || scrape === true) {
    return ANNOTATED;
  }
  const podMonitor = index.podMonitorsFor(workload)[0];
  if (podMonitor) {
    return pass(`${describeObject(podMonitor)} scrapes the pods.`);
  }
  for (const service of relations.services) {
    const serviceMonitor = index.serviceMonitorFor(service);
    if (serviceMonitor) {
      return pass(
        `${describeObject(serviceMonitor)} scrapes ${describeObject(
          service,
        )}, which selects the pods.`,
      );
    }
  }
  return fail(
    'Nothing scrapes the pods: no PodMonitor, no ServiceMonitor on a Service selecting them, and no prometheus.io/scrape annotation.',
  );
};
