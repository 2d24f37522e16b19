/**
 * What a cluster read lists for platform readiness besides the workload
 * kinds: the engine's snapshot kinds, less those the workload read already
 * lists with everything the platform checks read of them.
 */
import {
  PLATFORM_SNAPSHOT_KINDS,
  ServerVersion,
  UnreadKind,
} from '@prodready/backstage-plugin-readiness-common';
import { apiVersionOf, ClusterKind } from './clusterKinds';

/**
 * Listed by the workload read and kept whole enough there. Velero
 * Schedules are listed again: the workload read drops `status`, and the
 * platform checks read `status.lastBackup`.
 */
const READ_WITH_WORKLOADS: ReadonlySet<string> = new Set([
  'Namespace',
  'NetworkPolicy',
]);

/** The platform kinds a cluster read lists after the workload kinds. */
export const PLATFORM_READ_KINDS: readonly ClusterKind[] =
  PLATFORM_SNAPSHOT_KINDS.filter(
    entry => !READ_WITH_WORKLOADS.has(entry.kind),
  ).map(entry => ({
    kind: entry.kind,
    group: entry.group,
    versions: [entry.version],
    resource: entry.plural,
    optional: entry.optional,
    refreshScope: 'cluster',
  }));

/**
 * The rule a ClusterRole needs so the plugin may list a kind, as YAML flow
 * text, e.g. `{ apiGroups: [""], resources: ["nodes"], verbs: ["list"] }`.
 */
export function clusterRoleRuleFor(kind: ClusterKind): string {
  return `{ apiGroups: ["${kind.group}"], resources: ["${kind.resource}"], verbs: ["list"] }`;
}

/** Why a kind is missing from the snapshot after the server refused it. */
export function forbiddenKind(
  cluster: string,
  kind: ClusterKind,
  version: string,
  cause: string,
): UnreadKind {
  return {
    kind: kind.kind,
    reason:
      `Cluster ${cluster} refused to list ${kind.kind} (${apiVersionOf(
        kind.group,
        version,
      )}): ${cause}. ` +
      `Add this rule to the readiness ClusterRole: ${clusterRoleRuleFor(kind)}`,
  };
}

/** `/version` as a ServerVersion; undefined when it is not one. */
export function serverVersionOf(
  body: Record<string, unknown>,
): ServerVersion | undefined {
  const { major, minor, gitVersion } = body;
  if (typeof major !== 'string' || typeof minor !== 'string') return undefined;
  const version: ServerVersion = { major, minor };
  if (typeof gitVersion === 'string') version.gitVersion = gitVersion;
  return version;
}
