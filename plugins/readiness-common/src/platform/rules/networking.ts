import { fail, Outcome } from '../../checks/rules/outcome';
import { KubeObject } from '../../types';
import { asArray, asRecord } from '../../util/guards';
import { nameOf } from '../clusterIndex';
import { capabilityRule } from './capability';
import { found, listNames, PlatformRule } from './context';
import { everyNamespace, namespacesOf } from './namespaces';

const DEFAULT_INGRESS_CLASS = 'ingressclass.kubernetes.io/is-default-class';

export const ingressController: PlatformRule = {
  reads: () => ['IngressClass', 'GatewayClass'],
  evaluate({ index }) {
    const classes = index.of('IngressClass');
    const defaults = classes.filter(
      object =>
        object.metadata?.annotations?.[DEFAULT_INGRESS_CLASS] === 'true',
    );
    const gatewayClasses = index.of('GatewayClass');
    if (defaults.length > 0) {
      const first = defaults[0];
      const controller = asRecord(first.spec)?.controller;
      return found(
        `IngressClass ${nameOf(first)}${
          typeof controller === 'string' ? ` (${controller})` : ''
        } is the default.`,
      );
    }
    if (gatewayClasses.length > 0) {
      return found(
        `GatewayClass ${listNames(gatewayClasses.map(nameOf))} exists.`,
      );
    }
    return fail(
      classes.length > 0
        ? `IngressClass ${listNames(
            classes.map(nameOf),
          )} exists but none is marked default (annotation ${DEFAULT_INGRESS_CLASS}: "true"), and no GatewayClass exists.`
        : 'No IngressClass and no GatewayClass exist: Ingresses and Gateways are served by nothing.',
    );
  },
};

export const tlsAutomation = capabilityRule('tls-automation', {
  what: 'Certificate automation',
});

export const networkPolicyEnforcement = capabilityRule(
  'network-policy-enforcement',
  { what: 'NetworkPolicy-enforcing network plugin' },
);

/** An absent or empty podSelector selects every pod of the namespace. */
function selectsEveryPod(policy: KubeObject): boolean {
  const selector = asRecord(asRecord(policy.spec)?.podSelector);
  if (!selector) return true;
  return (
    Object.keys(asRecord(selector.matchLabels) ?? {}).length === 0 &&
    asArray(selector.matchExpressions).length === 0
  );
}

/** Without policyTypes a policy always governs Ingress. */
function governsIngress(policy: KubeObject): boolean {
  const types = asArray(asRecord(policy.spec)?.policyTypes);
  return types.length === 0 || types.includes('Ingress');
}

export const defaultDenyIngress: PlatformRule = {
  reads: () => ['Namespace', 'NetworkPolicy'],
  evaluate({ index }): Outcome {
    const policies = index.byNamespace('NetworkPolicy');
    const namespaces = index.applicationNamespaces();
    return everyNamespace(
      namespaces,
      namespace =>
        (policies.get(namespace) ?? []).some(
          policy => selectsEveryPod(policy) && governsIngress(policy),
        )
          ? undefined
          : {
              message: `Namespace ${namespace} has no NetworkPolicy with an empty podSelector governing Ingress.`,
            },
      {
        passed: total =>
          `All ${total} application namespaces have a NetworkPolicy selecting every pod for Ingress.`,
        failed: count =>
          `${namespacesOf(
            count,
            namespaces.length,
          )} have no default-deny ingress NetworkPolicy.`,
      },
    );
  },
};
