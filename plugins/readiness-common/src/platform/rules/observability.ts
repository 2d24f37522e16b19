import { fail } from '../../checks/rules/outcome';
import { describeMatches } from '../signatures';
import {
  capabilityRule,
  describeSignature,
  matchesOf,
  signatureReads,
} from './capability';
import { found, plural, PlatformRule } from './context';

export const clusterMetrics = capabilityRule('cluster-metrics', {
  what: 'Metrics pipeline',
});

export const clusterLogging = capabilityRule('cluster-logging', {
  what: 'Log shipper',
  imageWhere: 'a DaemonSet',
  workloadKinds: new Set(['DaemonSet']),
});

export const clusterAlerting: PlatformRule = {
  reads: context => [
    ...signatureReads(context.signature('cluster-alerting')),
    'PrometheusRule',
  ],
  evaluate(context) {
    const routers = matchesOf(context, 'cluster-alerting');
    const rules = context.index.of('PrometheusRule').length;
    if (routers.length === 0) {
      return fail(
        `No alert router found: looked for ${describeSignature(
          context.signature('cluster-alerting'),
        )}.${
          rules > 0
            ? ` ${plural(
                rules,
                'PrometheusRule',
              )} exist but nothing routes their alerts.`
            : ''
        }`,
      );
    }
    if (rules === 0) {
      return fail(
        `Alerts are routed (${describeMatches(
          routers,
        )}) but no PrometheusRule exists: nothing raises an alert.`,
      );
    }
    return found(
      `Alertmanager: ${describeMatches(routers)}; ${plural(
        rules,
        'PrometheusRule',
      )}.`,
    );
  },
};
