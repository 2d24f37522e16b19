/**
 * Which rule evaluates which platform check: every platform check has
 * exactly one rule here; a test keeps the two in step.
 */
import { PlatformRule } from './context';
import * as delivery from './delivery';
import * as networking from './networking';
import * as observability from './observability';
import * as operations from './operations';
import * as recovery from './recovery';
import * as scaling from './scaling';
import * as security from './security';
import * as storage from './storage';
import * as tenancy from './tenancy';

export const PLATFORM_RULES: Readonly<Record<string, PlatformRule>> = {
  'cluster-metrics': observability.clusterMetrics,
  'cluster-logging': observability.clusterLogging,
  'cluster-alerting': observability.clusterAlerting,
  'ingress-controller': networking.ingressController,
  'tls-automation': networking.tlsAutomation,
  'network-policy-enforcement': networking.networkPolicyEnforcement,
  'default-deny-ingress': networking.defaultDenyIngress,
  'pod-security-enforced': security.podSecurityEnforced,
  'policy-engine': security.policyEngine,
  'secrets-management': security.secretsManagement,
  'image-scanning': security.imageScanning,
  'runtime-security': security.runtimeSecurity,
  'rbac-least-privilege': security.rbacLeastPrivilege,
  'gitops-delivery': delivery.gitopsDelivery,
  'backup-system': recovery.backupSystem,
  'backups-recent': recovery.backupsRecent,
  'restores-tested': recovery.restoresTested,
  'metrics-api': scaling.metricsApi,
  'node-autoscaling': scaling.nodeAutoscaling,
  'dns-redundancy': operations.dnsRedundancy,
  'node-redundancy': operations.nodeRedundancy,
  'kubernetes-version': operations.kubernetesVersion,
  'default-storage-class': storage.defaultStorageClass,
  'namespace-quotas': tenancy.namespaceQuotas,
  'workloads-ready': delivery.workloadsReady,
};
