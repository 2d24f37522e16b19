import { CHECK_CATEGORY_TITLES } from '../api/types';
import { CheckCatalogue } from '../checks/CheckCatalogue';
import { CHECK_IDS } from '../checks/definitions';
import { PLATFORM_CHECK_DEFINITIONS, PLATFORM_CHECK_IDS } from './catalogue';
import { PLATFORM_SNAPSHOT_KINDS } from './kinds';
import { PLATFORM_RULES } from './rules';
import { PLATFORM_SIGNATURES } from './signatures';

/** The spec's table: id, category, severity. */
const SPEC_TABLE = [
  ['cluster-metrics', 'observability', 'high'],
  ['cluster-logging', 'observability', 'high'],
  ['cluster-alerting', 'observability', 'medium'],
  ['ingress-controller', 'networking', 'high'],
  ['tls-automation', 'networking', 'medium'],
  ['network-policy-enforcement', 'networking', 'high'],
  ['default-deny-ingress', 'networking', 'high'],
  ['pod-security-enforced', 'security', 'high'],
  ['policy-engine', 'security', 'medium'],
  ['secrets-management', 'security', 'high'],
  ['image-scanning', 'security', 'medium'],
  ['runtime-security', 'security', 'low'],
  ['rbac-least-privilege', 'security', 'high'],
  ['gitops-delivery', 'delivery', 'medium'],
  ['backup-system', 'recovery', 'high'],
  ['backups-recent', 'recovery', 'high'],
  ['restores-tested', 'recovery', 'high'],
  ['metrics-api', 'scaling', 'medium'],
  ['node-autoscaling', 'scaling', 'low'],
  ['dns-redundancy', 'operations', 'high'],
  ['node-redundancy', 'operations', 'high'],
  ['kubernetes-version', 'operations', 'high'],
  ['default-storage-class', 'storage', 'medium'],
  ['namespace-quotas', 'tenancy', 'medium'],
  ['workloads-ready', 'delivery', 'medium'],
];

describe('the platform catalogue', () => {
  it('is the spec’s table, in its order, every check on target cluster', () => {
    expect(
      PLATFORM_CHECK_DEFINITIONS.map(d => [d.id, d.category, d.severity]),
    ).toEqual(SPEC_TABLE);
    for (const definition of PLATFORM_CHECK_DEFINITIONS) {
      expect(definition.target).toBe('cluster');
      expect(definition.origin).toBe('built-in');
      expect(CHECK_CATEGORY_TITLES).toHaveProperty(definition.category);
      expect(definition.rationale.length).toBeGreaterThan(40);
      expect(definition.remediation.length).toBeGreaterThan(20);
      expect(definition.remediationSnippet.trim()).not.toBe('');
    }
  });

  it('has exactly one rule per check', () => {
    expect(Object.keys(PLATFORM_RULES).sort()).toEqual(
      [...PLATFORM_CHECK_IDS].sort(),
    );
  });

  it('has signatures only for platform checks', () => {
    for (const id of Object.keys(PLATFORM_SIGNATURES)) {
      expect(PLATFORM_CHECK_IDS).toContain(id);
    }
  });

  it('shares no id with the workload catalogue, which keeps its ids', () => {
    expect(PLATFORM_CHECK_IDS.filter(id => CHECK_IDS.includes(id))).toEqual([]);
    const catalogue = CheckCatalogue.builtIn;
    expect(catalogue.ids).toEqual(CHECK_IDS);
    expect(catalogue.platformIds).toEqual(PLATFORM_CHECK_IDS);
    expect(catalogue.allDefinitions.map(d => d.id)).toEqual([
      ...CHECK_IDS,
      ...PLATFORM_CHECK_IDS,
    ]);
    expect(catalogue.get('backup-system')?.target).toBe('cluster');
    expect(catalogue.has('backup-system')).toBe(true);
  });

  it('lists the kinds the spec names for a snapshot', () => {
    expect(PLATFORM_SNAPSHOT_KINDS.map(k => k.kind)).toEqual([
      'Namespace',
      'Node',
      'CustomResourceDefinition',
      'APIService',
      'IngressClass',
      'StorageClass',
      'ClusterRoleBinding',
      'ValidatingAdmissionPolicy',
      'ResourceQuota',
      'LimitRange',
      'NetworkPolicy',
      'Schedule',
      'Backup',
      'Restore',
      'Prometheus',
      'Alertmanager',
      'PrometheusRule',
      'GatewayClass',
    ]);
    expect(
      PLATFORM_SNAPSHOT_KINDS.filter(k => k.optional).map(k => k.group),
    ).toEqual([
      'velero.io',
      'velero.io',
      'velero.io',
      'monitoring.coreos.com',
      'monitoring.coreos.com',
      'monitoring.coreos.com',
      'gateway.networking.k8s.io',
    ]);
  });
});
