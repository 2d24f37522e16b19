import { error, fail, Outcome } from '../../checks/rules/outcome';
import { KubeObject } from '../../types';
import { asArray, asRecord, toInteger } from '../../util/guards';
import { nameOf, namespaceOf } from '../clusterIndex';
import {
  compareMinor,
  formatMinor,
  KUBERNETES_RELEASES,
  serverMinorVersion,
  supportedMinors,
} from '../releases';
import { versionFromNodes } from '../snapshot';
import { listNames, plural, PlatformRule } from './context';

const DNS_NAMES = ['coredns', 'kube-dns'];

export const dnsRedundancy: PlatformRule = {
  reads: () => ['Deployment'],
  evaluate({ index }) {
    const dns = index
      .of('Deployment')
      .find(
        object =>
          namespaceOf(object) === 'kube-system' &&
          DNS_NAMES.includes(nameOf(object)),
      );
    if (!dns) {
      return fail(
        'No cluster DNS Deployment (coredns or kube-dns) in kube-system. If DNS is served another way, declare it in platform.provided.dns-redundancy.',
      );
    }
    const replicas = toInteger(asRecord(dns.spec)?.replicas) ?? 1;
    const text = `${nameOf(dns)} runs ${plural(
      replicas,
      'replica',
    )} in kube-system`;
    return replicas >= 2
      ? { status: 'pass', message: `${text}.` }
      : fail(`${text}: one node loss stops name resolution in the cluster.`);
  },
};

const ZONE_LABELS = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];
const CONTROL_PLANE_TAINTS = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
];

/** Not cordoned, and not a control-plane node closed to workloads. */
function isSchedulable(node: KubeObject): boolean {
  const spec = asRecord(node.spec);
  if (spec?.unschedulable === true) return false;
  return !asArray(spec?.taints).some(raw => {
    const taint = asRecord(raw);
    return (
      CONTROL_PLANE_TAINTS.includes(String(taint?.key)) &&
      (taint?.effect === 'NoSchedule' || taint?.effect === 'NoExecute')
    );
  });
}

function zoneOf(node: KubeObject): string | undefined {
  const labels = node.metadata?.labels;
  for (const label of ZONE_LABELS) {
    const zone = labels?.[label];
    if (typeof zone === 'string' && zone) return zone;
  }
  return undefined;
}

export const nodeRedundancy: PlatformRule = {
  reads: () => ['Node'],
  evaluate({ index }) {
    const nodes = index.of('Node').filter(isSchedulable);
    const zones = [
      ...new Set(nodes.map(zoneOf).filter((z): z is string => !!z)),
    ].sort();
    const where =
      zones.length > 0
        ? ` in ${plural(zones.length, 'zone')} (${listNames(zones)})`
        : '';
    const text = `${plural(nodes.length, 'schedulable Node')}${where}`;
    if (nodes.length < 3) {
      return fail(`${text}; at least 3 are needed to drain one safely.`);
    }
    if (zones.length === 1) {
      return fail(
        `${text}; at least 2 zones are needed to survive a zone outage.`,
      );
    }
    return { status: 'pass', message: `${text}.` };
  },
};

export const kubernetesVersion: PlatformRule = {
  reads: ({ snapshot }) => (snapshot.serverVersion ? [] : ['Node']),
  evaluate({ snapshot, index, now, platform }): Outcome {
    const version = serverMinorVersion(
      snapshot.serverVersion ?? versionFromNodes(index.of('Node')),
    );
    if (!version) {
      return error(
        "The cluster's version is unknown: the snapshot has no server version and no Node reports status.nodeInfo.kubeletVersion.",
      );
    }
    const releases = platform.kubernetesReleases ?? KUBERNETES_RELEASES;
    const supported = supportedMinors(releases, now);
    if (supported.length === 0) {
      return error(
        'The table of Kubernetes releases has no release dated on or before the evaluation date; set platform.kubernetesReleases.',
      );
    }
    const names = supported.map(formatMinor).join(', ');
    const oldest = supported[supported.length - 1];
    const date = now.toISOString().slice(0, 10);
    if (compareMinor(version, oldest) >= 0) {
      return {
        status: 'pass',
        message: `Kubernetes ${formatMinor(
          version,
        )} is one of the newest minor releases on ${date} (${names}).`,
      };
    }
    return fail(
      `Kubernetes ${formatMinor(
        version,
      )} is older than the three newest minor releases on ${date} (${names}): upgrade to ${formatMinor(
        oldest,
      )} or later.`,
    );
  },
};
