/** Rules of the network category: NetworkPolicies and Ingress TLS. */
import { asArray, asRecord, isSetString } from '../../util/guards';
import { RelatedObject } from '../../model/relationIndex';
import {
  describeObject,
  fail,
  ObjectRule,
  pass,
  relatedFinding,
  WorkloadRule,
} from './outcome';

/** `policyTypes` of a NetworkPolicy; undefined when absent or empty. */
function policyTypes(policy: RelatedObject): readonly unknown[] | undefined {
  const types = asArray(asRecord(policy.object.spec)?.policyTypes);
  return types.length > 0 ? types : undefined;
}

/** Kubernetes' reading: without policyTypes a policy governs Ingress. */
function governsIngress(policy: RelatedObject): boolean {
  const types = policyTypes(policy);
  return types === undefined || types.includes('Ingress');
}

/**
 * Kubernetes' reading: without policyTypes a policy governs Egress only
 * when it has egress rules (the API server then adds Egress to the types).
 */
function governsEgress(policy: RelatedObject): boolean {
  const types = policyTypes(policy);
  if (types !== undefined) return types.includes('Egress');
  return asArray(asRecord(policy.object.spec)?.egress).length > 0;
}

export const networkPolicy: WorkloadRule = context => {
  const policies = context.relations.networkPolicies;
  const governing = policies.find(governsIngress);
  if (governing) {
    return pass(
      `${describeObject(governing)} restricts incoming traffic to the pods.`,
    );
  }
  if (policies.length === 0) {
    return fail(
      `No NetworkPolicy in namespace ${context.workload.namespace} selects the pods; any pod can connect to them.`,
    );
  }
  return fail(
    `The NetworkPolicies selecting the pods (${policies
      .map(describeObject)
      .join(', ')}) do not govern Ingress.`,
    policies.map(policy =>
      relatedFinding(
        policy,
        'spec.policyTypes',
        `${describeObject(policy)} does not list Ingress in policyTypes.`,
      ),
    ),
  );
};

export const networkPolicyEgress: WorkloadRule = context => {
  const policies = context.relations.networkPolicies;
  const governing = policies.find(governsEgress);
  if (governing) {
    return pass(
      `${describeObject(governing)} restricts outgoing traffic from the pods.`,
    );
  }
  if (policies.length === 0) {
    return fail(
      `No NetworkPolicy in namespace ${context.workload.namespace} selects the pods; they can connect anywhere.`,
    );
  }
  return fail(
    `No NetworkPolicy selecting the pods governs Egress (${policies
      .map(describeObject)
      .join(', ')}).`,
    policies.map(policy =>
      relatedFinding(
        policy,
        'spec.policyTypes',
        policyTypes(policy) === undefined
          ? `${describeObject(
              policy,
            )} has neither policyTypes nor egress rules, so Kubernetes applies it to Ingress only.`
          : `${describeObject(policy)} does not list Egress in policyTypes.`,
      ),
    ),
  );
};

/**
 * Annotations by which a certificate managed outside the cluster is
 * attached to an Ingress (the load balancer terminates TLS with it).
 */
export const MANAGED_CERTIFICATE_ANNOTATIONS: readonly string[] = [
  'networking.gke.io/managed-certificates',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'alb.ingress.kubernetes.io/certificate-arn',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
];

export const ingressTls: ObjectRule = ingress => {
  const tls = asArray(asRecord(ingress.object.spec)?.tls);
  if (tls.length > 0) {
    return pass(`Ingress ${ingress.name} declares TLS in spec.tls.`);
  }
  const annotations = asRecord(asRecord(ingress.object.metadata)?.annotations);
  const managed = MANAGED_CERTIFICATE_ANNOTATIONS.find(name =>
    isSetString(annotations?.[name]),
  );
  if (managed) {
    return pass(
      `Ingress ${ingress.name} has a managed certificate attached (${managed}).`,
    );
  }
  return fail(
    `Ingress ${ingress.name} declares no TLS: spec.tls is empty and no managed-certificate annotation is set.`,
    [
      {
        path: 'spec.tls',
        message:
          'Add a tls entry with the hosts and a certificate Secret, or attach a managed certificate by annotation.',
      },
    ],
  );
};
