/**
 * Compares the workloads of an entity as Git describes them with the same
 * workloads read from a cluster, in the fields readiness depends on:
 * replicas and autoscaler bounds, resources, probes, security context,
 * images, and whether a PodDisruptionBudget and a NetworkPolicy cover them.
 *
 * What controllers change on their own is not drift: replicas an HPA set
 * within its bounds, and fields the API server fills in with defaults.
 */
import { RelationIndex } from '../model/relationIndex';
import {
  ContainerRef,
  DEFAULT_NAMESPACE,
  REPLICATED_KINDS,
  toWorkload,
  Workload,
} from '../model/workloads';
import { SourcedObject } from '../types';
import { asRecord, toInteger } from '../util/guards';
import { containerDrift, podSecurityDrift } from './containerDrift';
import { DriftDifference, WorkloadDrift } from './types';

/** One side of the comparison: its workloads and what relates to them. */
interface Side {
  workloads: Workload[];
  relations: RelationIndex;
}

function sideOf(
  objects: readonly SourcedObject[],
  defaultNamespace: string,
): Side {
  const workloads: Workload[] = [];
  for (const source of objects) {
    const workload = toWorkload(source, defaultNamespace);
    if (workload) workloads.push(workload);
  }
  return { workloads, relations: new RelationIndex(objects, defaultNamespace) };
}

const keyOf = (kind: string, namespace: string, name: string) =>
  `${kind}/${namespace}/${name}`;

/** Whether the Git manifest names its namespace (most leave it to `kubectl -n`). */
function namesNamespace(workload: Workload): boolean {
  return typeof asRecord(workload.object.metadata)?.namespace === 'string';
}

/**
 * Pairs each Git workload with its live one: same kind, namespace and name;
 * a manifest without a namespace also pairs with the only live workload of
 * its kind and name.
 */
function pairWorkloads(git: Workload[], live: Workload[]) {
  const liveByKey = new Map(
    live.map(workload => [
      keyOf(workload.kind, workload.namespace, workload.name),
      workload,
    ]),
  );
  const pairs: Array<{ git?: Workload; live?: Workload }> = [];
  const paired = new Set<Workload>();
  for (const workload of git) {
    let match = liveByKey.get(
      keyOf(workload.kind, workload.namespace, workload.name),
    );
    if (!match && !namesNamespace(workload)) {
      const candidates = live.filter(
        other => other.kind === workload.kind && other.name === workload.name,
      );
      if (candidates.length === 1) match = candidates[0];
    }
    if (match && paired.has(match)) match = undefined;
    if (match) paired.add(match);
    pairs.push({ git: workload, live: match });
  }
  for (const workload of live) {
    if (!paired.has(workload)) pairs.push({ live: workload });
  }
  return pairs;
}

function replicasOf(workload: Workload): number {
  return toInteger(asRecord(workload.object.spec)?.replicas) ?? 1;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function scalingDrift(
  label: string,
  git: { workload: Workload; side: Side },
  live: { workload: Workload; side: Side },
): DriftDifference[] {
  const found: DriftDifference[] = [];
  const gitHpa = git.side.relations.autoscalersFor(git.workload)[0];
  const liveHpa = live.side.relations.autoscalersFor(live.workload)[0];
  if (!!gitHpa !== !!liveHpa) {
    found.push({
      field: 'hpa',
      ...(gitHpa ? { git: gitHpa.object.name } : {}),
      ...(liveHpa ? { live: liveHpa.object.name } : {}),
      message: gitHpa
        ? `Git scales ${label} with HorizontalPodAutoscaler ${gitHpa.object.name}, the cluster has none`
        : `the cluster scales ${label} with HorizontalPodAutoscaler ${
            liveHpa!.object.name
          }, Git has none`,
    });
  }
  if (gitHpa && liveHpa) {
    for (const bound of ['minReplicas', 'maxReplicas'] as const) {
      if (gitHpa[bound] === liveHpa[bound]) continue;
      found.push({
        field: `hpa.${bound}`,
        ...(gitHpa[bound] !== undefined ? { git: String(gitHpa[bound]) } : {}),
        ...(liveHpa[bound] !== undefined
          ? { live: String(liveHpa[bound]) }
          : {}),
        message: `live autoscaler of ${label} has ${bound} ${
          liveHpa[bound] ?? 'unset'
        }, Git says ${gitHpa[bound] ?? 'unset'}`,
      });
    }
  }
  // With an autoscaler, the controller owns the replica count; only a count
  // outside the live bounds would be odd, and the HPA corrects that itself.
  if (!gitHpa && !liveHpa && REPLICATED_KINDS.has(live.workload.kind)) {
    const gitReplicas = replicasOf(git.workload);
    const liveReplicas = replicasOf(live.workload);
    if (gitReplicas !== liveReplicas) {
      found.push({
        field: 'replicas',
        git: String(gitReplicas),
        live: String(liveReplicas),
        message: `live ${label} runs ${plural(
          liveReplicas,
          'replica',
        )}, Git says ${gitReplicas}`,
      });
    }
  }
  return found;
}

function presenceDrift(
  label: string,
  field: 'podDisruptionBudget' | 'networkPolicy',
  what: string,
  inGit: boolean,
  live: boolean,
): DriftDifference[] {
  if (inGit === live) return [];
  return [
    {
      field,
      ...(inGit ? { git: 'present' } : {}),
      ...(live ? { live: 'present' } : {}),
      message: inGit
        ? `Git has a ${what} for ${label}, the cluster has none`
        : `the cluster has a ${what} for ${label} that Git does not`,
    },
  ];
}

function containersByName(workload: Workload): Map<string, ContainerRef> {
  const byName = new Map<string, ContainerRef>();
  for (const container of workload.allContainers) {
    if (container.field === 'ephemeralContainers') continue;
    byName.set(container.name ?? `#${container.index}`, container);
  }
  return byName;
}

function workloadDrift(
  git: { workload: Workload; side: Side },
  live: { workload: Workload; side: Side },
): DriftDifference[] {
  const label = `${live.workload.kind} ${live.workload.name}`;
  const found = scalingDrift(label, git, live);

  const gitContainers = containersByName(git.workload);
  const liveContainers = containersByName(live.workload);
  for (const [name, container] of gitContainers) {
    const other = liveContainers.get(name);
    if (!other) {
      found.push({
        field: `containers[${name}]`,
        git: 'present',
        message: `Git runs container ${name} in ${label}, the cluster does not`,
      });
      continue;
    }
    found.push(...containerDrift(label, name, container.spec, other.spec));
  }
  for (const name of liveContainers.keys()) {
    if (gitContainers.has(name)) continue;
    found.push({
      field: `containers[${name}]`,
      live: 'present',
      message: `the cluster runs container ${name} in ${label}, Git does not`,
    });
  }
  found.push(
    ...podSecurityDrift(label, git.workload.podSpec, live.workload.podSpec),
    ...presenceDrift(
      label,
      'podDisruptionBudget',
      'PodDisruptionBudget',
      git.side.relations.pdbsFor(git.workload).length > 0,
      live.side.relations.pdbsFor(live.workload).length > 0,
    ),
    ...presenceDrift(
      label,
      'networkPolicy',
      'NetworkPolicy',
      git.side.relations.networkPoliciesFor(git.workload).length > 0,
      live.side.relations.networkPoliciesFor(live.workload).length > 0,
    ),
  );
  return found;
}

/**
 * The drift between an entity's objects in Git and in a cluster, one entry
 * per workload that differs, in Git's order, then the live-only ones.
 * `gitDefaultNamespace` is where manifests without a namespace are applied.
 *
 * @public
 */
export function detectDrift(
  gitObjects: readonly SourcedObject[],
  liveObjects: readonly SourcedObject[],
  options: { gitDefaultNamespace?: string } = {},
): WorkloadDrift[] {
  const git = sideOf(
    gitObjects,
    options.gitDefaultNamespace ?? DEFAULT_NAMESPACE,
  );
  const live = sideOf(liveObjects, DEFAULT_NAMESPACE);
  const drift: WorkloadDrift[] = [];
  for (const pair of pairWorkloads(git.workloads, live.workloads)) {
    const shown = (pair.live ?? pair.git)!;
    const entry = {
      kind: shown.kind,
      namespace: shown.namespace,
      name: shown.name,
      ...(pair.live?.source.cluster
        ? { cluster: pair.live.source.cluster }
        : {}),
    };
    if (!pair.live) {
      drift.push({
        ...entry,
        state: 'only-in-git',
        differences: [
          {
            field: 'workload',
            git: 'present',
            message: `Git has ${shown.kind} ${shown.name}, the cluster does not run it`,
          },
        ],
      });
    } else if (!pair.git) {
      drift.push({
        ...entry,
        state: 'only-live',
        differences: [
          {
            field: 'workload',
            live: 'present',
            message: `the cluster runs ${shown.kind} ${shown.name}, Git does not have it`,
          },
        ],
      });
    } else {
      const differences = workloadDrift(
        { workload: pair.git, side: git },
        { workload: pair.live, side: live },
      );
      if (differences.length > 0) {
        drift.push({ ...entry, state: 'changed', differences });
      }
    }
  }
  return drift;
}
