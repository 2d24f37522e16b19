import { parseAllDocuments } from 'yaml';
import {
  CHECK_DEFINITIONS,
  CHECK_IDS,
  getCheckDefinition,
  isCheckId,
} from './definitions';
import {
  CONFIGMAP_RULES,
  ENTITY_RULES,
  INGRESS_RULES,
  WORKLOAD_RULES,
} from './rules';

// The catalogue from checks.md: id, category, default severity, target.
const CATALOGUE: Array<[string, string, string, string]> = [
  ['readiness-probe', 'health', 'critical', 'workload'],
  ['liveness-probe', 'health', 'high', 'workload'],
  ['probes-distinct', 'health', 'medium', 'workload'],
  ['probe-port-declared', 'health', 'low', 'workload'],
  ['cpu-requests', 'resources', 'high', 'workload'],
  ['memory-requests', 'resources', 'high', 'workload'],
  ['memory-limits', 'resources', 'high', 'workload'],
  ['cpu-limits', 'resources', 'low', 'workload'],
  ['replicas', 'availability', 'high', 'workload'],
  ['pdb', 'availability', 'high', 'workload'],
  ['pdb-allows-eviction', 'availability', 'medium', 'workload'],
  ['pod-spread', 'availability', 'medium', 'workload'],
  ['autoscaling', 'availability', 'low', 'workload'],
  ['rolling-update', 'availability', 'medium', 'workload'],
  ['priority-class', 'availability', 'low', 'workload'],
  ['controller-managed', 'availability', 'high', 'workload'],
  ['run-as-non-root', 'security', 'critical', 'workload'],
  ['no-privileged', 'security', 'critical', 'workload'],
  ['no-privilege-escalation', 'security', 'high', 'workload'],
  ['read-only-root-filesystem', 'security', 'medium', 'workload'],
  ['drop-capabilities', 'security', 'medium', 'workload'],
  ['no-dangerous-capabilities', 'security', 'critical', 'workload'],
  ['no-host-namespaces', 'security', 'critical', 'workload'],
  ['no-host-path', 'security', 'high', 'workload'],
  ['no-host-port', 'security', 'medium', 'workload'],
  ['seccomp-profile', 'security', 'medium', 'workload'],
  ['service-account-token', 'security', 'low', 'workload'],
  ['dedicated-service-account', 'security', 'low', 'workload'],
  ['image-tag', 'supply-chain', 'high', 'workload'],
  ['image-registry', 'supply-chain', 'high', 'workload'],
  ['network-policy', 'network', 'high', 'workload'],
  ['network-policy-egress', 'network', 'low', 'workload'],
  ['ingress-tls', 'network', 'medium', 'ingress'],
  ['no-secrets-in-env', 'secrets', 'critical', 'workload'],
  ['no-secrets-in-configmap', 'secrets', 'high', 'configmap'],
  ['metrics-scraped', 'observability', 'medium', 'workload'],
  ['rollback-history', 'recovery', 'low', 'workload'],
  ['backup-schedule', 'recovery', 'high', 'workload'],
  ['restore-tested', 'recovery', 'medium', 'entity'],
  ['workloads-found', 'operations', 'high', 'entity'],
  ['owner', 'operations', 'high', 'entity'],
  ['runbook', 'operations', 'high', 'entity'],
  ['on-call', 'operations', 'medium', 'entity'],
  ['dashboard', 'operations', 'low', 'entity'],
  ['docs', 'operations', 'low', 'entity'],
  ['source-control', 'operations', 'low', 'entity'],
];

describe('check definitions', () => {
  it('match the catalogue exactly', () => {
    expect(
      CHECK_DEFINITIONS.map(d => [d.id, d.category, d.severity, d.target]),
    ).toEqual(CATALOGUE);
    expect(CHECK_IDS).toEqual(CATALOGUE.map(([id]) => id));
  });

  it.each(CHECK_DEFINITIONS.map(d => [d.id, d]))(
    '%s has prose, a YAML snippet and its id as docs anchor',
    (_id, definition) => {
      expect(definition.title.length).toBeGreaterThan(10);
      expect(definition.rationale.length).toBeGreaterThan(60);
      expect(definition.remediation.length).toBeGreaterThan(20);
      for (const document of parseAllDocuments(definition.remediationSnippet)) {
        expect('errors' in document ? document.errors : []).toEqual([]);
      }
      expect(definition.docsAnchor).toBe(definition.id);
    },
  );

  it('has exactly one rule per check, under its target', () => {
    const byTarget: Record<string, Record<string, unknown>> = {
      workload: WORKLOAD_RULES,
      ingress: INGRESS_RULES,
      configmap: CONFIGMAP_RULES,
      entity: ENTITY_RULES,
    };
    const ruleIds = Object.values(byTarget).flatMap(rules =>
      Object.keys(rules),
    );
    expect(ruleIds.sort()).toEqual([...CHECK_IDS].sort());
    for (const definition of CHECK_DEFINITIONS) {
      expect(byTarget[definition.target][definition.id]).toBeDefined();
    }
  });

  it('looks definitions up by id', () => {
    expect(getCheckDefinition('pdb')?.category).toBe('availability');
    expect(getCheckDefinition('nope')).toBeUndefined();
    expect(isCheckId('owner')).toBe(true);
    expect(isCheckId('constructor')).toBe(false);
  });
});
