/**
 * How a capability is recognised: the signature table. A capability is
 * present when any signature matches: a running workload whose image
 * repository ends in one of `images` (its last path segment, or the last
 * two for `vendor/name`; `*` stands for any run of characters within a
 * segment), an installed CRD of `crds`, an object of `kinds`, or one of the
 * `workloads` by namespace and name. The table is data, shown in
 * docs/platform-checks.md, and `platform.signatures` adds to it.
 */
import { compileNameGlobs, isGlob } from '../util/nameGlob';
import { ClusterIndex, ImageUse, nameOf, namespaceOf } from './clusterIndex';

/** What recognises one capability. @public */
export interface PlatformSignature {
  /** Last path segment(s) of image repositories, e.g. `prometheus`, `grafana/agent`. */
  images?: readonly string[];
  /** Names of CustomResourceDefinitions, e.g. `certificates.cert-manager.io`. */
  crds?: readonly string[];
  /** Kinds of which one object is enough, e.g. `Prometheus`. */
  kinds?: readonly string[];
  /** Deployments, DaemonSets or StatefulSets as `namespace/name`, e.g. `kube-system/anetd`. */
  workloads?: readonly string[];
}

/**
 * The built-in signature table, by check id.
 * @public
 */
export const PLATFORM_SIGNATURES: Readonly<Record<string, PlatformSignature>> =
  Object.freeze({
    'cluster-metrics': {
      images: [
        'prometheus',
        'prometheus-operator',
        'vmagent',
        'victoria-metrics',
        'grafana/agent',
        'grafana/alloy',
        'opentelemetry-collector*',
        'datadog/agent',
        'datadoghq/agent',
        'newrelic/infrastructure*',
      ],
      kinds: ['Prometheus'],
    },
    'cluster-logging': {
      images: [
        'fluent-bit',
        'fluentd*',
        'vector',
        'promtail',
        'grafana/alloy',
        'filebeat',
        'datadog/agent',
        'datadoghq/agent',
        'opentelemetry-collector*',
      ],
    },
    'cluster-alerting': {
      images: ['alertmanager'],
      kinds: ['Alertmanager'],
    },
    'tls-automation': {
      crds: ['certificates.cert-manager.io'],
    },
    'network-policy-enforcement': {
      images: [
        'calico/node',
        'cilium',
        'antrea-agent*',
        'antrea/antrea-ubuntu',
        'weave-kube',
        'kube-router',
        'amazon/aws-network-policy-agent',
      ],
      // GKE Dataplane V2.
      workloads: ['kube-system/anetd'],
    },
    'policy-engine': {
      crds: [
        'clusterpolicies.kyverno.io',
        'constrainttemplates.templates.gatekeeper.sh',
      ],
      kinds: ['ValidatingAdmissionPolicy'],
    },
    'secrets-management': {
      images: ['vault-k8s'],
      crds: [
        'externalsecrets.external-secrets.io',
        'sealedsecrets.bitnami.com',
        'secretproviderclasses.secrets-store.csi.x-k8s.io',
      ],
    },
    'image-scanning': {
      images: [
        'trivy-operator',
        'kubescape',
        'kubevuln',
        'kube-bench',
        'neuvector/scanner',
      ],
      crds: ['vulnerabilityreports.aquasecurity.github.io'],
    },
    'runtime-security': {
      images: [
        'falco',
        'tetragon',
        'tracee',
        'neuvector/enforcer',
        'sysdig/agent*',
      ],
      crds: ['tracingpolicies.cilium.io'],
    },
    'gitops-delivery': {
      crds: [
        'applications.argoproj.io',
        'kustomizations.kustomize.toolkit.fluxcd.io',
      ],
    },
    'backup-system': {
      images: ['velero'],
      crds: ['schedules.velero.io'],
    },
    'node-autoscaling': {
      images: ['cluster-autoscaler', 'karpenter', 'karpenter/controller'],
      crds: ['nodepools.karpenter.sh'],
    },
  } satisfies Record<string, PlatformSignature>);

/** The ids of the checks recognised by signatures. */
export const SIGNATURE_CHECK_IDS: readonly string[] =
  Object.keys(PLATFORM_SIGNATURES);

/** The built-in signature with the configured one's entries added. */
export function mergeSignatures(
  builtIn: PlatformSignature | undefined,
  configured: PlatformSignature | undefined,
): PlatformSignature {
  const merged: PlatformSignature = {};
  for (const key of ['images', 'crds', 'kinds', 'workloads'] as const) {
    const values = [...(builtIn?.[key] ?? []), ...(configured?.[key] ?? [])];
    if (values.length > 0) merged[key] = [...new Set(values)];
  }
  return merged;
}

/** What matched a signature, for the message of a passing check. */
export interface SignatureMatch {
  /** e.g. `prometheus (quay.io/prometheus/prometheus:v2.53.0) in namespace monitoring`. */
  description: string;
  /** The workload, when an image or a workload name matched. */
  workload?: { kind: string; namespace: string; name: string };
  /** The image that matched, when one did. */
  image?: string;
}

/** Options of {@link matchSignature}. */
export interface MatchOptions {
  /** Only workloads of these kinds count for images (logs ship from DaemonSets). */
  workloadKinds?: ReadonlySet<string>;
}

/** Image uses whose repository ends in the pattern's segments. */
function imageUses(index: ClusterIndex, pattern: string): ImageUse[] {
  const wanted = pattern.split('/').filter(Boolean);
  if (wanted.length === 0) return [];
  const last = wanted[wanted.length - 1];
  let candidates: ImageUse[];
  if (isGlob(last)) {
    const matches = compileNameGlobs([last]);
    candidates = [];
    for (const [segment, uses] of index.imagesByLastSegment) {
      if (matches(segment)) candidates.push(...uses);
    }
  } else {
    candidates = index.imagesByLastSegment.get(last) ?? [];
  }
  if (wanted.length === 1) return candidates;
  const leading = wanted
    .slice(0, -1)
    .map(segment => compileNameGlobs([segment]));
  return candidates.filter(use => {
    const offset = use.segments.length - wanted.length;
    if (offset < 0) return false;
    return leading.every((matches, i) => matches(use.segments[offset + i]));
  });
}

/**
 * Everything in the cluster that matches a signature: images first, then
 * named workloads, CRDs and objects. Empty when the capability is absent.
 */
export function matchSignature(
  index: ClusterIndex,
  signature: PlatformSignature,
  options: MatchOptions = {},
): SignatureMatch[] {
  const matches: SignatureMatch[] = [];
  const seen = new Set<string>();
  for (const pattern of signature.images ?? []) {
    for (const use of imageUses(index, pattern)) {
      const { workload } = use;
      if (options.workloadKinds && !options.workloadKinds.has(workload.kind)) {
        continue;
      }
      const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({
        description: `${workload.name} (${use.image}) in namespace ${workload.namespace}`,
        workload,
        image: use.image,
      });
    }
  }
  for (const reference of signature.workloads ?? []) {
    const [namespace, name] = reference.split('/');
    const workload = index.running.find(
      candidate => candidate.namespace === namespace && candidate.name === name,
    );
    if (!workload) continue;
    const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches.push({
      description: `${workload.kind} ${workload.name} in namespace ${workload.namespace}`,
      workload,
    });
  }
  for (const crd of signature.crds ?? []) {
    if (index.crds.has(crd)) {
      matches.push({ description: `CRD ${crd} is installed` });
    }
  }
  for (const kind of signature.kinds ?? []) {
    const objects = index.of(kind);
    if (objects.length === 0) continue;
    const first = objects[0];
    const namespace = namespaceOf(first);
    const more = objects.length > 1 ? ` (and ${objects.length - 1} more)` : '';
    matches.push({
      description: `${kind} ${namespace ? `${namespace}/` : ''}${nameOf(
        first,
      )}${more}`,
    });
  }
  return matches;
}

/** Up to three matches in a sentence, and how many more there are. */
export function describeMatches(matches: readonly SignatureMatch[]): string {
  const shown = matches.slice(0, 3).map(match => match.description);
  const rest = matches.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; and ${rest} more` : shown.join('; ');
}
