/**
 * The API resources the fake server knows: the built-in kinds the readiness
 * plugin reads, and a few custom resources that real clusters only have when
 * their operator is installed.
 */

/** A custom resource the server knows and serves only when asked to. @public */
export type OptionalCrdName =
  | 'rollouts.argoproj.io'
  | 'servicemonitors.monitoring.coreos.com'
  | 'podmonitors.monitoring.coreos.com'
  | 'schedules.velero.io'
  | 'backups.velero.io'
  | 'restores.velero.io'
  | 'prometheuses.monitoring.coreos.com'
  | 'alertmanagers.monitoring.coreos.com'
  | 'prometheusrules.monitoring.coreos.com'
  | 'gatewayclasses.gateway.networking.k8s.io'
  | 'deploymentconfigs.apps.openshift.io';

/** Every optional custom resource, for `crds: 'all'`. @public */
export const OPTIONAL_CRDS: readonly OptionalCrdName[] = [
  'rollouts.argoproj.io',
  'servicemonitors.monitoring.coreos.com',
  'podmonitors.monitoring.coreos.com',
  'schedules.velero.io',
  'backups.velero.io',
  'restores.velero.io',
  'prometheuses.monitoring.coreos.com',
  'alertmanagers.monitoring.coreos.com',
  'prometheusrules.monitoring.coreos.com',
  'gatewayclasses.gateway.networking.k8s.io',
  'deploymentconfigs.apps.openshift.io',
];

/**
 * Any other custom resource to serve (cert-manager's `Certificate`, Kyverno's
 * `ClusterPolicy`, ...): its CRD name `<plural>.<group>`, and optionally its
 * kind, version and scope (default: kind guessed from the plural, `v1`,
 * namespaced). @public
 */
export interface CustomCrdSpec {
  name: string;
  kind?: string;
  version?: string;
  namespaced?: boolean;
}

/** A CRD to enable: a known one by name, any other by name or spec. @public */
export type CrdToServe = OptionalCrdName | CustomCrdSpec | (string & {});

/** One resource of one group version, as API discovery describes it. @public */
export interface ResourceType {
  /** API group; '' for the core group (`/api/v1`). */
  group: string;
  version: string;
  /** Plural resource name used in paths, e.g. `deployments`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Set for custom resources: the CRD name (`<plural>.<group>`) that enables them. */
  crd?: string;
}

const VERBS = ['get', 'list', 'watch'];

function type(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    ...extra,
  };
}

/** Everything the server can serve, built-in kinds first. @public */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  type('', 'v1', 'pods', 'Pod', true, { shortNames: ['po'] }),
  type('', 'v1', 'services', 'Service', true, { shortNames: ['svc'] }),
  type('', 'v1', 'serviceaccounts', 'ServiceAccount', true, {
    shortNames: ['sa'],
  }),
  type('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  type('', 'v1', 'namespaces', 'Namespace', false, { shortNames: ['ns'] }),
  type('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
  }),
  type('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
  }),
  type('apps', 'v1', 'daemonsets', 'DaemonSet', true, { shortNames: ['ds'] }),
  type('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
  }),
  type('', 'v1', 'replicationcontrollers', 'ReplicationController', true, {
    shortNames: ['rc'],
  }),
  type('batch', 'v1', 'jobs', 'Job', true),
  type('batch', 'v1', 'cronjobs', 'CronJob', true, { shortNames: ['cj'] }),
  type('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, {
    shortNames: ['pdb'],
  }),
  type(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    { shortNames: ['hpa'] },
  ),
  type(
    'autoscaling',
    'v1',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    { shortNames: ['hpa'] },
  ),
  type('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, {
    shortNames: ['netpol'],
  }),
  type('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, {
    shortNames: ['ing'],
  }),
  // What platform checks read besides the workloads.
  type('', 'v1', 'nodes', 'Node', false, { shortNames: ['no'] }),
  type('', 'v1', 'resourcequotas', 'ResourceQuota', true, {
    shortNames: ['quota'],
  }),
  type('', 'v1', 'limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
  type(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    { shortNames: ['crd', 'crds'] },
  ),
  type('apiregistration.k8s.io', 'v1', 'apiservices', 'APIService', false),
  type('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  type('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, {
    shortNames: ['sc'],
  }),
  type(
    'rbac.authorization.k8s.io',
    'v1',
    'clusterrolebindings',
    'ClusterRoleBinding',
    false,
  ),
  type(
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicies',
    'ValidatingAdmissionPolicy',
    false,
  ),
  type('argoproj.io', 'v1alpha1', 'rollouts', 'Rollout', true, {
    shortNames: ['ro'],
    crd: 'rollouts.argoproj.io',
  }),
  type(
    'monitoring.coreos.com',
    'v1',
    'servicemonitors',
    'ServiceMonitor',
    true,
    {
      crd: 'servicemonitors.monitoring.coreos.com',
    },
  ),
  type('monitoring.coreos.com', 'v1', 'podmonitors', 'PodMonitor', true, {
    crd: 'podmonitors.monitoring.coreos.com',
  }),
  type('velero.io', 'v1', 'schedules', 'Schedule', true, {
    crd: 'schedules.velero.io',
  }),
  type('velero.io', 'v1', 'backups', 'Backup', true, {
    crd: 'backups.velero.io',
  }),
  type('velero.io', 'v1', 'restores', 'Restore', true, {
    crd: 'restores.velero.io',
  }),
  type('monitoring.coreos.com', 'v1', 'prometheuses', 'Prometheus', true, {
    shortNames: ['prom'],
    crd: 'prometheuses.monitoring.coreos.com',
  }),
  type('monitoring.coreos.com', 'v1', 'alertmanagers', 'Alertmanager', true, {
    shortNames: ['am'],
    crd: 'alertmanagers.monitoring.coreos.com',
  }),
  type(
    'monitoring.coreos.com',
    'v1',
    'prometheusrules',
    'PrometheusRule',
    true,
    { shortNames: ['promrule'], crd: 'prometheusrules.monitoring.coreos.com' },
  ),
  type(
    'gateway.networking.k8s.io',
    'v1',
    'gatewayclasses',
    'GatewayClass',
    false,
    { shortNames: ['gc'], crd: 'gatewayclasses.gateway.networking.k8s.io' },
  ),
  type(
    'apps.openshift.io',
    'v1',
    'deploymentconfigs',
    'DeploymentConfig',
    true,
    { shortNames: ['dc'], crd: 'deploymentconfigs.apps.openshift.io' },
  ),
];

/** `certificates` → `Certificate`, `policies` → `Policy`: a plausible kind. */
function kindFromPlural(plural: string): string {
  let singular = plural;
  if (/ies$/.test(plural)) singular = `${plural.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh)es$/.test(plural)) singular = plural.slice(0, -2);
  else if (/s$/.test(plural)) singular = plural.slice(0, -1);
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/**
 * The resource type a CRD to serve stands for: a known one, or one made up
 * from its name (`<plural>.<group>`).
 */
export function resourceTypeOfCrd(crd: CrdToServe): ResourceType {
  const spec: CustomCrdSpec = typeof crd === 'string' ? { name: crd } : crd;
  const known = RESOURCE_TYPES.find(t => t.crd === spec.name);
  if (known) return known;
  const dot = spec.name.indexOf('.');
  if (dot <= 0 || dot === spec.name.length - 1) {
    throw new TypeError(
      `fake-kube-apiserver: CRD name "${spec.name}" must be <plural>.<group>`,
    );
  }
  const plural = spec.name.slice(0, dot);
  const kind = spec.kind ?? kindFromPlural(plural);
  return type(
    spec.name.slice(dot + 1),
    spec.version ?? 'v1',
    plural,
    kind,
    spec.namespaced ?? true,
    { crd: spec.name },
  );
}

/** The `CustomResourceDefinition` object of a served custom resource. */
export function crdObjectOf(t: ResourceType): {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
} {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: t.crd ?? `${t.resource}.${t.group}` },
    spec: {
      group: t.group,
      names: {
        plural: t.resource,
        singular: t.singular,
        kind: t.kind,
        listKind: `${t.kind}List`,
        ...(t.shortNames ? { shortNames: t.shortNames } : {}),
      },
      scope: t.namespaced ? 'Namespaced' : 'Cluster',
      versions: [{ name: t.version, served: true, storage: true }],
    },
    status: {
      conditions: [
        { type: 'NamesAccepted', status: 'True' },
        { type: 'Established', status: 'True' },
      ],
      acceptedNames: { plural: t.resource, kind: t.kind },
      storedVersions: [t.version],
    },
  };
}

/** `apps/v1`, or `v1` for the core group. */
export function groupVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Splits an `apiVersion` into group and version (`v1` → core group). */
export function parseApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

/**
 * Objects are stored once per group and resource, whatever version they
 * were written in, and served in every version of that group (as the real
 * server converts between versions).
 */
export function storageKeyOf(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** The resources one server serves, with lookups by path and by kind. */
export class ResourceCatalog {
  readonly #served: ResourceType[];
  readonly #byPath = new Map<string, ResourceType>();
  readonly #byGroupKind = new Map<string, ResourceType>();

  /** The custom resources served, each as its CRD would describe it. */
  readonly customResources: readonly ResourceType[];

  constructor(enabledCrds: readonly CrdToServe[]) {
    const custom = new Map<string, ResourceType>();
    for (const crd of enabledCrds) {
      const t = resourceTypeOfCrd(crd);
      custom.set(t.crd!, t);
    }
    this.customResources = [...custom.values()];
    const unknown = this.customResources.filter(
      t => !RESOURCE_TYPES.includes(t),
    );
    this.#served = [
      ...RESOURCE_TYPES.filter(t => !t.crd || custom.has(t.crd)),
      ...unknown,
    ];
    for (const t of this.#served) {
      this.#byPath.set(
        `${groupVersionOf(t.group, t.version)}/${t.resource}`,
        t,
      );
    }
    // Every known kind can be stored, served or not, so a test can hold
    // objects of a custom resource the server does not serve.
    for (const t of [...RESOURCE_TYPES, ...unknown]) {
      const key = `${t.group}/${t.kind}`;
      if (!this.#byGroupKind.has(key)) this.#byGroupKind.set(key, t);
    }
  }

  /** The resource served at `<groupVersion>/<resource>`, if any. */
  served(groupVersion: string, resource: string): ResourceType | undefined {
    return this.#byPath.get(`${groupVersion}/${resource}`);
  }

  /** The resource type an object of this group and kind is stored as. */
  forKind(group: string, kind: string): ResourceType | undefined {
    return this.#byGroupKind.get(`${group}/${kind}`);
  }

  /** True when the server serves some version of this API group. */
  hasGroup(group: string): boolean {
    return this.#served.some(t => t.group === group);
  }

  /** Versions of a group, preferred (first listed) first. */
  versionsOf(group: string): string[] {
    const versions: string[] = [];
    for (const t of this.#served) {
      if (t.group === group && !versions.includes(t.version)) {
        versions.push(t.version);
      }
    }
    return versions;
  }

  /** `/api`: the core group versions. */
  apiVersions(serverAddress: string): object {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }

  /** The `APIGroup` document of one named group. */
  apiGroup(group: string): object {
    const versions = this.versionsOf(group).map(version => ({
      groupVersion: `${group}/${version}`,
      version,
    }));
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: group,
      versions,
      preferredVersion: versions[0],
    };
  }

  /** `/apis`: every named group. */
  apiGroupList(): object {
    const groups: string[] = [];
    for (const t of this.#served) {
      if (t.group && !groups.includes(t.group)) groups.push(t.group);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map(group => {
        const { name, versions, preferredVersion } = this.apiGroup(
          group,
        ) as Record<string, unknown>;
        return { name, versions, preferredVersion };
      }),
    };
  }

  /** `/api/v1` or `/apis/<group>/<version>`; undefined when not served. */
  apiResourceList(group: string, version: string): object | undefined {
    const resources = this.#served.filter(
      t => t.group === group && t.version === version,
    );
    if (resources.length === 0) return undefined;
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: groupVersionOf(group, version),
      resources: resources.map(t => ({
        name: t.resource,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: VERBS,
        ...(t.shortNames ? { shortNames: t.shortNames } : {}),
      })),
    };
  }
}
