/**
 * Which rule evaluates which check. Every check of the catalogue has exactly
 * one rule here, under its target; a test keeps the two in step.
 */
import * as availability from './availability';
import * as entity from './entity';
import * as health from './health';
import * as network from './network';
import * as observability from './observability';
import * as recovery from './recovery';
import * as resources from './resources';
import * as secrets from './secrets';
import * as security from './security';
import * as supplyChain from './supplyChain';
import { EntityRule } from './entity';
import { ObjectRule, WorkloadRule } from './outcome';

/**
 * Checks answered from the workload object alone (its replica count,
 * strategy, history, kind) or its HPA. Every other workload check reads the
 * pod template, so the engine makes it `error`, without running it, when the
 * template is not among the inputs (see `Workload.templateError`).
 */
export const TEMPLATE_FREE_CHECKS: ReadonlySet<string> = new Set([
  'replicas',
  'autoscaling',
  'rolling-update',
  'rollback-history',
  'controller-managed',
  // Skipped when no registries are configured; reads the template otherwise.
  'image-registry',
]);

export const WORKLOAD_RULES: Readonly<Record<string, WorkloadRule>> = {
  'readiness-probe': health.readinessProbe,
  'liveness-probe': health.livenessProbe,
  'probes-distinct': health.probesDistinct,
  'probe-port-declared': health.probePortDeclared,
  'cpu-requests': resources.cpuRequests,
  'memory-requests': resources.memoryRequests,
  'memory-limits': resources.memoryLimits,
  'cpu-limits': resources.cpuLimits,
  replicas: availability.replicas,
  pdb: availability.pdb,
  'pdb-allows-eviction': availability.pdbAllowsEviction,
  'pod-spread': availability.podSpread,
  autoscaling: availability.autoscaling,
  'rolling-update': availability.rollingUpdate,
  'priority-class': availability.priorityClass,
  'controller-managed': availability.controllerManaged,
  'run-as-non-root': security.runAsNonRoot,
  'no-privileged': security.noPrivileged,
  'no-privilege-escalation': security.noPrivilegeEscalation,
  'read-only-root-filesystem': security.readOnlyRootFilesystem,
  'drop-capabilities': security.dropCapabilities,
  'no-dangerous-capabilities': security.noDangerousCapabilities,
  'no-host-namespaces': security.noHostNamespaces,
  'no-host-path': security.noHostPath,
  'no-host-port': security.noHostPort,
  'seccomp-profile': security.seccompProfile,
  'service-account-token': security.serviceAccountToken,
  'dedicated-service-account': security.dedicatedServiceAccount,
  'image-tag': supplyChain.imageTag,
  'image-registry': supplyChain.imageRegistry,
  'network-policy': network.networkPolicy,
  'network-policy-egress': network.networkPolicyEgress,
  'no-secrets-in-env': secrets.noSecretsInEnv,
  'metrics-scraped': observability.metricsScraped,
  'rollback-history': recovery.rollbackHistory,
  'backup-schedule': recovery.backupSchedule,
};

export const INGRESS_RULES: Readonly<Record<string, ObjectRule>> = {
  'ingress-tls': network.ingressTls,
};

export const CONFIGMAP_RULES: Readonly<Record<string, ObjectRule>> = {
  'no-secrets-in-configmap': secrets.noSecretsInConfigMap,
};

export const ENTITY_RULES: Readonly<Record<string, EntityRule>> = {
  'workloads-found': entity.workloadsFound,
  owner: entity.owner,
  runbook: entity.runbook,
  'on-call': entity.onCall,
  dashboard: entity.dashboard,
  docs: entity.docs,
  'source-control': entity.sourceControl,
  'restore-tested': entity.restoreTested,
};
