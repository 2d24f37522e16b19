import { fail, skip } from '../../checks/rules/outcome';
import { isAtLeastLevel } from '../../engine/scoring';
import { capabilityRule } from './capability';
import { PlatformRule, RUNNING_WORKLOAD_KINDS } from './context';

export const gitopsDelivery = capabilityRule('gitops-delivery', {
  what: 'GitOps controller',
});

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

export const workloadsReady: PlatformRule = {
  reads: () => RUNNING_WORKLOAD_KINDS,
  evaluate(context) {
    const levels = context.workloadLevels();
    if (levels.length === 0) {
      return skip('Skipped: the cluster runs no application workload.');
    }
    const gate = context.config.gate;
    const ready = levels.filter(level => isAtLeastLevel(level, gate)).length;
    const share = ready / levels.length;
    const wanted = context.platform.workloadsReadyShare;
    const summary = `${ready} of ${
      levels.length
    } application workloads (${percent(
      share,
    )}) are at ${gate} or above; ${percent(wanted)} required.`;
    return share >= wanted
      ? { status: 'pass', message: summary }
      : fail(summary);
  },
};
