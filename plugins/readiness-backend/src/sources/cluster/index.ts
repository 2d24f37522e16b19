/**
 * Live clusters as workload sources: the clusters of the Kubernetes plugin's
 * config and of `readiness.kubernetes`, each read with one list per kind.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readClusterTargets } from './clusterConfig';
import { ClusterWorkloadSource } from './ClusterWorkloadSource';

export {
  DEFAULT_CLUSTER_READ_OPTIONS,
  readClusterReadOptions,
  readClusterTargets,
} from './clusterConfig';
export type {
  ClusterReadOptions,
  ClusterTarget,
  ClusterTargets,
} from './clusterConfig';
export {
  ClusterReadError,
  ClusterWorkloadSource,
} from './ClusterWorkloadSource';
export type {
  ClusterReadStats,
  ClusterWorkloadSourceOptions,
  PlatformRead,
} from './ClusterWorkloadSource';
export { clusterRoleRuleFor, PLATFORM_READ_KINDS } from './platformKinds';
export { CLUSTER_KINDS } from './clusterKinds';
export type { ClusterKind } from './clusterKinds';
export { redactSecretValues, retainObject } from './retainedFields';

/**
 * One workload source per configured cluster (id `cluster:<name>`). Throws
 * an InputError naming the config key when the configuration is wrong.
 */
export function createClusterSources(
  config: Config,
  logger: LoggerService,
): ClusterWorkloadSource[] {
  const { targets, options } = readClusterTargets(config, logger);
  return targets.map(
    target =>
      new ClusterWorkloadSource({
        ...options,
        target,
        logger: logger.child({ cluster: target.name }),
        platform: true,
      }),
  );
}
