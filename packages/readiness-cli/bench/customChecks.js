'use strict';

/**
 * Ten custom checks for the benchmark, a mix of scopes as a platform team
 * would write them: five on workloads (one with `when` and a
 * messageExpression, two reading `related`), three on containers, two on
 * objects (Services, HorizontalPodAutoscalers).
 */
const CUSTOM_CHECKS = [
  {
    id: 'part-of-label',
    title: 'Pods say which system they are part of',
    category: 'platform-conventions',
    severity: 'medium',
    scope: 'workload',
    rule: "has(podTemplate.metadata.labels) && 'app.kubernetes.io/part-of' in podTemplate.metadata.labels",
    message: 'Pods need the app.kubernetes.io/part-of label.',
  },
  {
    id: 'payments-replicas',
    title: 'Payments services run three replicas',
    category: 'availability',
    severity: 'high',
    scope: 'workload',
    kinds: ['Deployment', 'StatefulSet'],
    when: "object.metadata.namespace.startsWith('payments')",
    rule: 'object.spec.replicas >= 3',
    message: 'Payments services run at least three replicas.',
    messageExpression:
      "'runs ' + string(int(object.spec.replicas)) + ' replicas; payments needs 3'",
  },
  {
    id: 'replicated-has-pdb',
    title: 'Replicated workloads have a PDB',
    category: 'availability',
    severity: 'medium',
    scope: 'workload',
    rule: 'object.spec.replicas < 2 || related.pdbs.size() > 0',
    message: 'A replicated workload needs a PodDisruptionBudget.',
  },
  {
    id: 'served-on-80',
    title: 'A Service serves port 80',
    category: 'network',
    severity: 'low',
    scope: 'workload',
    rule: 'related.services.exists(s, s.spec.ports.exists(p, p.port == 80))',
    message: 'No Service serves this workload on port 80.',
  },
  {
    id: 'not-in-default',
    title: 'Not in the default namespace',
    category: 'platform-conventions',
    severity: 'low',
    scope: 'workload',
    rule: "namespaceObject.metadata.name != 'default'",
    message: 'Deploy to a team namespace, not default.',
  },
  {
    id: 'base-image',
    title: 'Images come from the platform registry',
    category: 'supply-chain',
    severity: 'high',
    scope: 'container',
    rule: "container.image.startsWith('registry.acme.example/')",
    message: 'Images must come from registry.acme.example.',
    messageExpression:
      "'image ' + container.image + ' is not from registry.acme.example'",
  },
  {
    id: 'memory-limit-set',
    title: 'Containers set a memory limit',
    category: 'resources',
    severity: 'medium',
    scope: 'container',
    rule: "has(container.resources) && has(container.resources.limits) && 'memory' in container.resources.limits",
    message: 'Set resources.limits.memory.',
  },
  {
    id: 'container-ports-named',
    title: 'Container ports are named',
    category: 'platform-conventions',
    severity: 'low',
    scope: 'container',
    rule: '!has(container.ports) || container.ports.all(p, has(p.name))',
    message: 'Name every container port.',
  },
  {
    id: 'service-ports-named',
    title: 'Service ports are named',
    category: 'platform-conventions',
    severity: 'low',
    scope: 'object',
    kinds: ['Service'],
    rule: 'object.spec.ports.all(p, has(p.name))',
    message: 'Name every Service port.',
  },
  {
    id: 'hpa-bounded',
    title: 'Autoscalers stay under 20 replicas',
    category: 'resources',
    severity: 'medium',
    scope: 'object',
    kinds: ['HorizontalPodAutoscaler'],
    rule: 'object.spec.maxReplicas <= 20',
    message: 'maxReplicas above 20 needs a capacity review.',
  },
];

module.exports = { CUSTOM_CHECKS };
