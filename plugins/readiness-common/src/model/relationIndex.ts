/**
 * The relations between workloads and the objects around them, built once
 * per evaluation in one pass over the input. Every lookup a check makes is a
 * map access or a test of the few selectors filed under the workload's
 * labels, so evaluation cost grows linearly with the number of objects.
 */
import { KubeObject, ObjectRef, SourcedObject } from '../types';
import {
  asArray,
  asRecord,
  scalarToString,
  toInteger,
  toLabelMap,
} from '../util/guards';
import { SelectorIndex } from './selectorIndex';
import { compileEqualitySelector, compileLabelSelector } from './selectors';
import { configuredKindWith, knownKindOf } from './kinds';
import {
  declaredNamespace,
  objectName,
  objectNamespace,
  objectRefOf,
  Workload,
} from './workloads';

/** A non-workload object with its identity resolved. */
export interface RelatedObject {
  source: SourcedObject;
  object: KubeObject;
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /**
   * `metadata.annotations` when it is a map. Read with the labels, while
   * the object is at hand: objects judged later (each Service of an
   * object-scope check) then need not be read again for their exemptions.
   */
  annotations: Record<string, unknown> | undefined;
  /** False when the namespace is the default the object was read in. */
  declaresNamespace: boolean;
}

/** Which namespaces a monitor looks in. */
type NamespaceScope =
  | { any: true }
  | { any: false; names: ReadonlySet<string> };

interface MonitorEntry extends RelatedObject {
  scope: NamespaceScope;
}

/** The namespaces a Velero Schedule backs up. */
interface BackupScope {
  schedule: RelatedObject;
  included?: readonly string[];
  excluded: readonly string[];
}

/** An HPA with its replica bounds read. */
export interface AutoscalerInfo {
  object: RelatedObject;
  /** `spec.minReplicas`, default 1. */
  minReplicas: number;
  /** `spec.maxReplicas`, if it is a number. */
  maxReplicas?: number;
}

function monitorScope(
  monitor: KubeObject,
  ownNamespace: string,
): NamespaceScope {
  const selector = asRecord(asRecord(monitor.spec)?.namespaceSelector);
  if (selector?.any === true) return { any: true };
  const names = asArray(selector?.matchNames)
    .map(name => scalarToString(name))
    .filter((name): name is string => !!name);
  return {
    any: false,
    names: new Set(names.length > 0 ? names : [ownNamespace]),
  };
}

function scopeCovers(scope: NamespaceScope, namespace: string): boolean {
  return scope.any || scope.names.has(namespace);
}

function stringList(value: unknown): string[] {
  return asArray(value)
    .map(item => scalarToString(item))
    .filter((item): item is string => item !== undefined);
}

/** The reference a finding about a related object carries. */
export function relatedRef(related: RelatedObject): ObjectRef {
  return objectRefOf(
    related.source,
    related.kind,
    related.namespace,
    related.name,
  );
}

/** Kinds whose pod template an Argo Rollout's `workloadRef` may use. */
const TEMPLATE_HOLDERS: ReadonlySet<string> = new Set([
  'Deployment',
  'ReplicaSet',
  'PodTemplate',
]);

function kindKey(namespace: string, kind: string, name: string): string {
  return `${namespace}\u0000${kind}\u0000${name}`;
}

function nsKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

/** Names of the Services an Ingress sends traffic to (v1 and v1beta1 shapes). */
export function ingressBackendServiceNames(ingress: KubeObject): string[] {
  const spec = asRecord(ingress.spec);
  const names: string[] = [];
  const addBackend = (backend: unknown) => {
    const record = asRecord(backend);
    if (!record) return;
    const name =
      scalarToString(asRecord(record.service)?.name) ??
      scalarToString(record.serviceName);
    if (name) names.push(name);
  };
  addBackend(spec?.defaultBackend);
  addBackend(spec?.backend);
  for (const rule of asArray(spec?.rules)) {
    for (const path of asArray(asRecord(asRecord(rule)?.http)?.paths)) {
      addBackend(asRecord(path)?.backend);
    }
  }
  return names;
}

/** The index of everything a check may consult besides the workload itself. */
export class RelationIndex {
  private readonly pdbs = new SelectorIndex<RelatedObject>();
  private readonly networkPolicies = new SelectorIndex<RelatedObject>();
  private readonly services = new SelectorIndex<RelatedObject>();
  private readonly servicesByName = new Map<string, RelatedObject>();
  private readonly podMonitors = new SelectorIndex<MonitorEntry>();
  private readonly serviceMonitors = new SelectorIndex<MonitorEntry>();
  private readonly autoscalers = new Map<string, AutoscalerInfo[]>();
  private readonly serviceAccounts = new Map<string, RelatedObject>();
  private templateHolders?: Map<string, SourcedObject>;
  private readonly backups: BackupScope[] = [];
  private readonly backupCoverage = new Map<string, RelatedObject | null>();
  private readonly serviceMonitorOf = new Map<
    RelatedObject,
    RelatedObject | null
  >();
  /** Ingress objects in input order. */
  readonly ingresses: RelatedObject[] = [];
  /** ConfigMap objects in input order. */
  readonly configMaps: RelatedObject[] = [];
  /** Namespace objects by name (the first of each name). */
  readonly namespaces = new Map<string, KubeObject>();
  /** Objects of the kinds asked for at construction, in input order. */
  readonly collected: RelatedObject[] = [];

  /**
   * Files every related object. Objects of unknown kinds (or of a known kind
   * in another API group) and malformed objects are ignored; they cannot
   * relate to anything.
   */
  constructor(
    private readonly objects: readonly SourcedObject[],
    private readonly defaultNamespace: string,
    /** Kinds whose objects to keep in {@link RelationIndex.collected}, as configuration names them. */
    private readonly collectKinds?: ReadonlySet<string>,
  ) {
    for (const source of objects) {
      const object = asRecord(source?.object) as KubeObject | undefined;
      if (!object || typeof object.kind !== 'string') continue;
      this.add(source, object, defaultNamespace);
    }
  }

  private add(
    source: SourcedObject,
    object: KubeObject,
    defaultNamespace: string,
  ): void {
    let filed: RelatedObject | undefined;
    const related = (): RelatedObject => {
      if (filed) return filed;
      const metadata = asRecord(object.metadata);
      const declared = declaredNamespace(object);
      filed = {
        source,
        object,
        kind: object.kind as string,
        namespace: declared ?? defaultNamespace,
        name: objectName(object),
        labels: toLabelMap(metadata?.labels),
        annotations: asRecord(metadata?.annotations),
        declaresNamespace: declared !== undefined,
      };
      return filed;
    };
    const kind = knownKindOf(object);
    if (this.collectKinds) {
      const configured = configuredKindWith(object, kind);
      if (configured && this.collectKinds.has(configured)) {
        this.collected.push(related());
      }
    }
    const spec = asRecord(object.spec);
    switch (kind) {
      case 'PodDisruptionBudget': {
        const entry = related();
        this.pdbs.add(
          entry.namespace,
          compileLabelSelector(spec?.selector, 'nothing'),
          entry,
        );
        return;
      }
      case 'NetworkPolicy': {
        const entry = related();
        this.networkPolicies.add(
          entry.namespace,
          compileLabelSelector(spec?.podSelector, 'everything'),
          entry,
        );
        return;
      }
      case 'Service': {
        const entry: RelatedObject = related();
        this.servicesByName.set(nsKey(entry.namespace, entry.name), entry);
        this.services.add(
          entry.namespace,
          compileEqualitySelector(spec?.selector),
          entry,
        );
        return;
      }
      case 'PodMonitor':
      case 'ServiceMonitor': {
        const base = related();
        const entry: MonitorEntry = {
          ...base,
          scope: monitorScope(object, base.namespace),
        };
        // Monitors may look across namespaces, so they share one scope and
        // the namespace is checked after the selector matched.
        const index =
          kind === 'PodMonitor' ? this.podMonitors : this.serviceMonitors;
        index.add(
          '',
          compileLabelSelector(spec?.selector, 'everything'),
          entry,
        );
        return;
      }
      case 'HorizontalPodAutoscaler': {
        const entry = related();
        const target = asRecord(spec?.scaleTargetRef);
        const targetKind = scalarToString(target?.kind);
        const targetName = scalarToString(target?.name);
        if (!targetKind || !targetName) return;
        const key = kindKey(entry.namespace, targetKind, targetName);
        const info: AutoscalerInfo = {
          object: entry,
          minReplicas: toInteger(spec?.minReplicas) ?? 1,
          maxReplicas: toInteger(spec?.maxReplicas),
        };
        const list = this.autoscalers.get(key);
        if (list) list.push(info);
        else this.autoscalers.set(key, [info]);
        return;
      }
      case 'ServiceAccount': {
        const entry = related();
        this.serviceAccounts.set(nsKey(entry.namespace, entry.name), entry);
        return;
      }
      case 'Ingress':
        this.ingresses.push(related());
        return;
      case 'ConfigMap':
        this.configMaps.push(related());
        return;
      case 'Namespace': {
        const name = objectName(object);
        if (!this.namespaces.has(name)) this.namespaces.set(name, object);
        return;
      }
      case 'Schedule': {
        // Velero keeps the backup spec under spec.template; older or
        // hand-written manifests put the fields directly under spec.
        const template = asRecord(spec?.template);
        const included =
          template?.includedNamespaces ?? spec?.includedNamespaces;
        const excluded =
          template?.excludedNamespaces ?? spec?.excludedNamespaces;
        const includedList = stringList(included);
        this.backups.push({
          schedule: related(),
          included: includedList.length > 0 ? includedList : undefined,
          excluded: stringList(excluded),
        });
        return;
      }
      default:
        return;
    }
  }

  /**
   * A Deployment, ReplicaSet or PodTemplate of the input, by identity. The
   * map is built on the first call: only Rollouts with a workloadRef ask.
   */
  templateHolder(
    namespace: string,
    kind: string,
    name: string,
  ): SourcedObject | undefined {
    if (!this.templateHolders) {
      this.templateHolders = new Map();
      for (const source of this.objects) {
        const object = asRecord(source?.object) as KubeObject | undefined;
        const holderKind = object && knownKindOf(object);
        if (!holderKind || !TEMPLATE_HOLDERS.has(holderKind)) continue;
        const key = kindKey(
          objectNamespace(object, this.defaultNamespace),
          holderKind,
          objectName(object),
        );
        if (!this.templateHolders.has(key)) {
          this.templateHolders.set(key, source);
        }
      }
    }
    return this.templateHolders.get(kindKey(namespace, kind, name));
  }

  /** PodDisruptionBudgets in the workload's namespace that select its pods. */
  pdbsFor(workload: Workload): readonly RelatedObject[] {
    return this.pdbs.find(workload.namespace, workload.podLabels);
  }

  /** NetworkPolicies in the workload's namespace that select its pods. */
  networkPoliciesFor(workload: Workload): readonly RelatedObject[] {
    return this.networkPolicies.find(workload.namespace, workload.podLabels);
  }

  /** Services in the workload's namespace that select its pods. */
  servicesFor(workload: Workload): readonly RelatedObject[] {
    return this.services.find(workload.namespace, workload.podLabels);
  }

  /** HPAs whose `scaleTargetRef` names the workload. */
  autoscalersFor(workload: Workload): readonly AutoscalerInfo[] {
    return (
      this.autoscalers.get(
        kindKey(workload.namespace, workload.kind, workload.name),
      ) ?? []
    );
  }

  /** PodMonitors that select the workload's pods in its namespace. */
  podMonitorsFor(workload: Workload): readonly RelatedObject[] {
    const found = this.podMonitors.find('', workload.podLabels);
    return found.length === 0
      ? found
      : found.filter(monitor => scopeCovers(monitor.scope, workload.namespace));
  }

  /** The first ServiceMonitor that selects the Service, if any. */
  serviceMonitorFor(service: RelatedObject): RelatedObject | undefined {
    // Several workloads often share a Service; answer once per Service.
    const cached = this.serviceMonitorOf.get(service);
    if (cached !== undefined) return cached ?? undefined;
    const found =
      this.serviceMonitors
        .find('', service.labels)
        .find(monitor => scopeCovers(monitor.scope, service.namespace)) ?? null;
    this.serviceMonitorOf.set(service, found);
    return found ?? undefined;
  }

  /** Every ServiceMonitor that selects the Service. */
  serviceMonitorsSelecting(service: RelatedObject): RelatedObject[] {
    return this.serviceMonitors
      .find('', service.labels)
      .filter(monitor => scopeCovers(monitor.scope, service.namespace));
  }

  /** A Service by namespace and name. */
  service(namespace: string, name: string): RelatedObject | undefined {
    return this.servicesByName.get(nsKey(namespace, name));
  }

  /** A ServiceAccount by namespace and name. */
  serviceAccount(namespace: string, name: string): RelatedObject | undefined {
    return this.serviceAccounts.get(nsKey(namespace, name));
  }

  /** The first Velero Schedule that backs up the namespace, if any. */
  backupScheduleFor(namespace: string): RelatedObject | undefined {
    const cached = this.backupCoverage.get(namespace);
    if (cached !== undefined) return cached ?? undefined;
    let found: RelatedObject | null = null;
    for (const backup of this.backups) {
      const included =
        backup.included === undefined ||
        backup.included.includes('*') ||
        backup.included.includes(namespace);
      if (included && !backup.excluded.includes(namespace)) {
        found = backup.schedule;
        break;
      }
    }
    this.backupCoverage.set(namespace, found);
    return found ?? undefined;
  }

  /** True when any Velero Schedule is in the input. */
  get hasBackupSchedules(): boolean {
    return this.backups.length > 0;
  }
}
