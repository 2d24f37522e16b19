/** Rules of the network category: NetworkPolicies and Ingress TLS. */
import { asArray, asRecord } from '../../util/guards';
import { RelatedObject } from '../../model/relationIndex';
import {
  describeObject,
  fail,
  ObjectRule,
  pass,
  WorkloadRule,
} from './outcome';

/** `policyTypes` of a NetworkPolicy; undefined when absent or empty. */
function policyTypes(policy: RelatedObject): readonly unknown[] | undefined {
  const types = asArray(asRecord(policy.object.spec)?.policyTypes);
  return types.length > 0 ? types : undefined;
}

export const networkPolicy: WorkloadRule = context => {
  const policies = context.relations.networkPolicies;
  // Without policyTypes, Kubernetes treats a policy as governing ingress.
  const governing = policies.find(policy => {
    const types = policyTypes(policy);
    return types === undefined || types.includes('Ingress');
  });
  if (governing) {
    return pass(
      `${describeObject(governing)} restricts incoming traffic to the pods.`,
    );
  }
  return fail(
    policies.length > 0
      ? `The NetworkPolicies selecting the pods (${policies
          .map(describeObject)
          .join(', ')}) do not govern Ingress.`
      : `No NetworkPolicy in namespace ${context.workload.namespace} selects the pods; any pod can connect to them.`,
  );
};

export const networkPolicyEgress: WorkloadRule = context => {
  const policies = context.relations.networkPolicies;
  const governing = policies.find(policy =>
    policyTypes(policy)?.includes('Egress'),
  );
  if (governing) {
    return pass(
      `${describeObject(governing)} restricts outgoing traffic from the pods.`,
    );
  }
  return fail(
    policies.length > 0
      ? `No NetworkPolicy selecting the pods lists Egress in policyTypes (${policies
          .map(describeObject)
          .join(', ')}).`
      : `No NetworkPolicy in namespace ${context.workload.namespace} selects the pods.`,
  );
};

export const ingressTls: ObjectRule = ingress => {
  const tls = asArray(asRecord(ingress.object.spec)?.tls);
  if (tls.length > 0) {
    return pass(`Ingress ${ingress.name} serves TLS.`);
  }
  return fail(`Ingress ${ingress.name} serves plain HTTP: spec.tls is empty.`, [
    {
      path: 'spec.tls',
      message: 'Add a tls entry with the hosts and a certificate Secret.',
    },
  ]);
};
