import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Production-readiness scorecards. */
  readiness?: {
    /**
     * When the evaluation cycle runs: every source is read once and every
     * scored entity evaluated. Default: every 15 minutes, 10 minute
     * timeout, first run 15 seconds after start-up.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    history?: {
      /**
       * Days of score history, source runs and campaign progress (burndown
       * points) to keep. Default 365.
       */
      retentionDays?: number;
    };

    /**
     * Entity kinds scored even without a Kubernetes annotation, for their
     * operations checks (owner, runbook, on-call, ...). Entities with
     * `backstage.io/kubernetes-id`, `backstage.io/kubernetes-label-selector`
     * or `prodready.dev/manifests` are scored whatever their kind.
     * Default `[Component]`.
     */
    entityKinds?: string[];

    /** Folders of manifests or `kubectl get -o yaml` dumps read as workload sources. */
    sources?: Array<{
      /** The only source type configured here; clusters come from `kubernetes` and `readiness.kubernetes`. */
      type: 'directory';
      /** Folder to read recursively (`.yaml`, `.yml`, `.json`), relative to the backend's working directory. */
      path: string;
      /** Name of the source, in its id `directory:<name>`. Default: the path. */
      name?: string;
      /** Cluster the objects stand for, matched against `backstage.io/kubernetes-cluster`. */
      cluster?: string;
    }>;

    /** Largest manifest file read from a folder or from Git, in bytes. Default 8 MiB. */
    maxManifestBytes?: number;

    /**
     * `POST /entities/:kind/:namespace/:name/refresh`, which evaluates one
     * entity now, reading only that entity's part of its sources.
     */
    refresh?: {
      /**
       * Shortest time between two evaluations of one entity, in seconds,
       * counted from its stored scorecard (so it holds across replicas). A
       * refresh sooner than that is answered 429 with `Retry-After`. 0 turns
       * the limit off. Default 30.
       */
      minIntervalSeconds?: number;
    };

    /**
     * `POST /evaluate`, which scores manifests sent in the request. Bodies
     * are parsed and evaluated on worker threads, never on the event loop.
     */
    evaluate?: {
      /** Largest request body accepted, in bytes; larger ones get a 413. Default 5 MiB. */
      maxBodyBytes?: number;
      /**
       * Largest body for which the full report (`?detail=full`) is given, in
       * bytes; larger ones get a 413 (the compact report is always given).
       * Default 1 MiB.
       */
      fullReportMaxBytes?: number;
      /**
       * Worker threads evaluating at once. Default: one less than the CPU
       * cores, at least 1 and at most 4 (1 on a 2-core machine).
       */
      workers?: number;
      /** Requests that may wait for a thread; beyond that, 503 with Retry-After. Default 8. */
      maxQueued?: number;
      /** Time one evaluation may take before it is stopped (503), e.g. `30s`. Default 30 seconds. */
      timeout?: HumanDuration | string;
      /** Heap of one worker thread, in MiB; a body needing more gets a 413. Default 1024. */
      maxWorkerMemoryMb?: number;
    };

    /**
     * The platform team's own checks, next to the built-in ones: CEL rules
     * judged on each workload, container, object of the listed kinds, or the
     * catalog entity. An invalid check (a CEL error, an id that is taken, an
     * unknown scope) stops the backend at start-up with a message naming
     * its key, e.g. `readiness.customChecks[2].rule: ... (line 1, col 5)`.
     * See the backend README for the format and examples.
     * @visibility backend
     */
    customChecks?: Array<{
      /** Lower-kebab-case, unique, not the id of a built-in check. */
      id: string;
      /** What the check asks for, e.g. `Pods carry a team label`. */
      title: string;
      /** A built-in category, or a new lower-kebab-case one, shown as its own group. */
      category: string;
      severity: 'critical' | 'high' | 'medium' | 'low';
      /** What the rule is judged on. */
      scope: 'workload' | 'container' | 'object' | 'entity';
      /**
       * Kinds it runs on, e.g. `[Deployment, StatefulSet]`. Required for
       * scope `object` (e.g. `[Ingress]`); for workload and container scopes
       * the default is every workload kind.
       */
      kinds?: string[];
      /** CEL: when false the check is skipped, saying so. */
      when?: string;
      /** CEL: true passes, false fails; an evaluation error gives `error`. */
      rule: string;
      /** Shown on failure. */
      message: string;
      /** CEL giving the failure message; `message` is the fallback. */
      messageExpression?: string;
      /** What to change, in Markdown; shown with the failure. */
      remediation?: string;
      /** Where the check is documented, e.g. the platform team's wiki. */
      docsUrl?: string;
    }>;

    /**
     * Campaigns: a set of checks every entity in a target must pass by a due
     * date, with progress per owner, a burndown and notifications. These are
     * read-only through the API; more can be made there with the
     * `readiness.campaign.manage` permission. An invalid campaign (an
     * unknown check id, a date not written as `YYYY-MM-DD`, a due date
     * before the start date) stops the backend at start-up with a message
     * naming it, e.g. `readiness.campaigns[0] (pdb-everywhere): ...`.
     */
    campaigns?: Array<{
      /** Lower-case letters, digits and dashes, unique, e.g. `pdb-everywhere`. */
      id: string;
      /** e.g. `Every service has a PodDisruptionBudget`. */
      title: string;
      /** Markdown, shown on the campaign page and in notifications. */
      description?: string;
      /** Check ids (built-in or custom) every entity in the target must pass. */
      checks: string[];
      /**
       * Which entities it covers: every filter given must match, any value
       * within one may. Leave it empty for every scored entity.
       */
      target: {
        /** Owner refs, e.g. `group:default/payments-team` (kind `group` and namespace `default` by default). */
        owners?: string[];
        /** System refs, e.g. `system:default/freight`. */
        systems?: string[];
        /** Entity kinds, e.g. `Component`; case does not matter. */
        kinds?: string[];
        /** `spec.lifecycle` values, e.g. `production`. */
        lifecycles?: string[];
        /** `metadata.tags` values; an entity with any of them matches. */
        tags?: string[];
      };
      /** First day, `YYYY-MM-DD` (UTC). */
      startDate: string;
      /** Last day, `YYYY-MM-DD` (UTC); the campaign is overdue after it. */
      dueDate: string;
      /** Who runs the campaign (a group or user ref); receives its weekly summary. */
      owner?: string;
    }>;

    /** Per-check settings, by check id. */
    checks?: {
      [checkId: string]: {
        /** `false` turns the check off everywhere. */
        enabled?: boolean;
        /** Overrides the check's default severity. */
        severity?: 'critical' | 'high' | 'medium' | 'low';
      };
    };

    /** Fewest replicas the `replicas` check accepts. Default 2. */
    minReplicas?: number;

    /** Registries images may come from; `image-registry` is skipped when unset. */
    allowedRegistries?: string[];

    /** Oldest restore test `restore-tested` accepts, in days. Default 30. */
    maxRestoreTestAgeDays?: number;

    /** Lowest level that counts as production ready. Default `silver`. */
    gate?: 'gold' | 'silver' | 'bronze' | 'none';

    /**
     * Platform readiness of the clusters read (docs/platform-checks.md).
     */
    platform?: {
      /**
       * Namespaces of the platform's own components, which need no
       * default-deny policy, quota or Pod Security label; kube-system,
       * kube-public and kube-node-lease always count.
       */
      systemNamespaces?: string[];
      /** Signatures added to the built-in table, by platform check id. */
      signatures?: {
        [checkId: string]: {
          /** Last path segment(s) of image repositories, e.g. `grafana/agent`. */
          images?: string[];
          /** CustomResourceDefinition names, e.g. `certificates.cert-manager.io`. */
          crds?: string[];
          /** Kinds of which one object is enough, e.g. `Prometheus`. */
          kinds?: string[];
          /** Workloads as `namespace/name`, e.g. `kube-system/anetd`. */
          workloads?: string[];
        };
      };
      /**
       * Capabilities that come from outside the cluster (a SaaS log
       * pipeline), by platform check id, with the reason shown as `exempt`.
       */
      provided?: { [checkId: string]: string };
      /** Oldest last backup `backups-recent` accepts, in hours. Default 48. */
      maxBackupAgeHours?: number;
      /** Share of application workloads at the gate level `workloads-ready` asks. Default 0.8. */
      workloadsReadyShare?: number;
      /** Replaces the dated table of Kubernetes minor releases. */
      kubernetesReleases?: Array<{
        /** `major.minor`, e.g. `1.34`. */
        minor: string;
        /** Date of its `.0` release, `YYYY-MM-DD`. */
        released: string;
      }>;
    };

    /**
     * Exemptions granted centrally: from one check for one entity, or by
     * match for every workload and reported object (Ingress, ConfigMap)
     * whose namespace, kind, name and labels match, whatever its entity.
     */
    exemptions?: Array<
      | {
          /** e.g. `component:default/legacy-invoicing`. */
          entityRef: string;
          /** Check id. */
          check: string;
          /** Why; an empty reason is ignored. */
          reason: string;
          /** Last day the exemption applies, `YYYY-MM-DD` (UTC). */
          until?: string;
        }
      | {
          /**
           * Which objects it covers; every condition given must hold, at
           * least one is required. Globs: `*` any run of characters, `?` one.
           */
          match: {
            /** The object's namespace is any of these (globs). */
            namespaces?: string[];
            /** The object's kind is any of these, exactly, e.g. `Deployment`. */
            kinds?: string[];
            /** The object's name is any of these (globs). */
            names?: string[];
            /** Labels of the object itself; all must be there, values are globs. */
            labels?: { [key: string]: string };
          };
          /** `["*"]` for every check, or check ids. */
          checks: string[];
          /** Why; an empty reason is ignored. */
          reason: string;
          /** Last day the exemption applies, `YYYY-MM-DD` (UTC). */
          until?: string;
        }
    >;

    /**
     * Live clusters to score. The clusters of Backstage's Kubernetes plugin
     * (`kubernetes.clusterLocatorMethods` entries of type `config` whose
     * authProvider is `serviceAccount`) are read too, unless turned off below.
     * Each cluster is read once per cycle: one cluster-wide list per kind.
     * @visibility backend
     */
    kubernetes?: {
      /**
       * Also read the clusters configured for the Kubernetes plugin. Clusters
       * with another authProvider (google, aws, azure, oidc, ...) and locator
       * methods other than `config` are skipped with a warning. Default true.
       */
      useKubernetesPluginClusters?: boolean;
      /** Clusters from kubeconfig files (tokens, client certificates, exec plugins). */
      kubeconfig?: Array<{
        /** Path of the kubeconfig file. */
        path: string;
        /** Context to use. Default: the file's current-context. */
        context?: string;
        /**
         * Cluster name, as `backstage.io/kubernetes-cluster` refers to it;
         * letters, digits and . _ : / -. Default: the context name.
         */
        name?: string;
      }>;
      /** The cluster the backend runs in, read with its pod's service account. */
      inCluster?: {
        /** Cluster name, as `backstage.io/kubernetes-cluster` refers to it. */
        name: string;
      };
      /** Objects per list request (`limit`); larger lists are paged. Default 500. */
      pageSize?: number;
      /** List requests in flight at once, per cluster. Default 4. */
      concurrency?: number;
      /** Time one list request may take, body included, e.g. `30s`. Default 30 seconds. */
      requestTimeout?: HumanDuration | string;
      /**
       * Further attempts after a 429 (honouring Retry-After), a 5xx, a
       * timeout or a network error; never after 401, 403 or 404. Default 3.
       */
      retries?: number;
    };

    /**
     * Notifications to the owners of entities, through Backstage's
     * notifications backend (which must be installed): when an entity's level
     * drops, when it falls below the gate, when it reaches the gate again,
     * when one of its exemptions is about to end or has ended, and when one
     * of its workloads newly drifts from Git. One notification per entity,
     * cause and change, across cycles and replicas; none on an entity's
     * first evaluation or for a stale scorecard. Topics `readiness-level`,
     * `readiness-exemption` and `readiness-drift`, which users can mute in
     * their notification settings.
     */
    notifications?: {
      /** Send notifications. Default false. */
      enabled?: boolean;
      /** Warn of an exemption ending within this many days. Default 7. */
      exemptionWarningDays?: number;
      /** Turns single causes off (`false`); every cause is on by default. */
      causes?: {
        /** The level dropped (gold to silver, ...), above or below the gate. */
        'level-dropped'?: boolean;
        /** The entity is no longer production ready (severity high). */
        'below-gate'?: boolean;
        /** The entity became production ready. */
        'gate-reached'?: boolean;
        /** An exemption ends within `exemptionWarningDays`. */
        'exemption-expiring'?: boolean;
        /** An exemption has ended and the check counts again. */
        'exemption-expired'?: boolean;
        /**
         * A workload runs in a cluster differently from the entity's Git
         * manifests, where it did not at the previous evaluation.
         */
        'drift-detected'?: boolean;
      };
      /**
       * Path of the readiness tab on the entity page, which notifications
       * link to (`/catalog/<namespace>/<kind>/<name>/<entityTabPath>`). Set
       * it when the tab is mounted elsewhere. Default `readiness`.
       */
      entityTabPath?: string;
    };
  };
}
