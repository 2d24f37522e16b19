/**
 * Every annotation name the readiness engine reads, in one place, so the
 * backend, CLI and UI spell them the same way.
 */

/** Where an entity's manifests live in Git (URL or repo-relative). @public */
export const ANNOTATION_MANIFESTS = 'prodready.dev/manifests';
/** Link to the entity's runbook. @public */
export const ANNOTATION_RUNBOOK = 'prodready.dev/runbook';
/** Who is on call for the entity. @public */
export const ANNOTATION_ON_CALL = 'prodready.dev/on-call';
/** Date of the last successful restore test, `YYYY-MM-DD`. @public */
export const ANNOTATION_LAST_RESTORE_TEST = 'prodready.dev/last-restore-test';
/** Prefix of the exemption reason annotation; the check id follows. @public */
export const ANNOTATION_EXEMPT_PREFIX = 'prodready.dev/exempt.';
/** Prefix of the exemption expiry annotation; the check id follows. @public */
export const ANNOTATION_EXEMPT_UNTIL_PREFIX = 'prodready.dev/exempt-until.';

/** Backstage Kubernetes plugin: id matched against the `backstage.io/kubernetes-id` label. @public */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Backstage Kubernetes plugin: label selector of the entity's objects. @public */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
/** Backstage Kubernetes plugin: namespace of the entity's objects. @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** Backstage Kubernetes plugin: cluster of the entity's objects. @public */
export const ANNOTATION_KUBERNETES_CLUSTER = 'backstage.io/kubernetes-cluster';
/** The pod label that `backstage.io/kubernetes-id` is matched against. @public */
export const LABEL_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** TechDocs location. @public */
export const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
/** TechDocs borrowed from another entity. @public */
export const ANNOTATION_TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';
/** Source location of the entity. @public */
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
/** GitHub repository slug. @public */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';
/** GitLab project slug. @public */
export const ANNOTATION_GITLAB_PROJECT_SLUG = 'gitlab.com/project-slug';

/** PagerDuty integration key. @public */
export const ANNOTATION_PAGERDUTY_INTEGRATION_KEY =
  'pagerduty.com/integration-key';
/** PagerDuty service id. @public */
export const ANNOTATION_PAGERDUTY_SERVICE_ID = 'pagerduty.com/service-id';
/** Opsgenie component selector. @public */
export const ANNOTATION_OPSGENIE_COMPONENT_SELECTOR =
  'opsgenie.com/component-selector';
/** Opsgenie team. @public */
export const ANNOTATION_OPSGENIE_TEAM = 'opsgenie.com/team';

/** Grafana dashboard selector. @public */
export const ANNOTATION_GRAFANA_DASHBOARD_SELECTOR =
  'grafana/dashboard-selector';
/** Grafana overview dashboard. @public */
export const ANNOTATION_GRAFANA_OVERVIEW_DASHBOARD =
  'grafana/overview-dashboard';
/** Datadog dashboard URL. @public */
export const ANNOTATION_DATADOG_DASHBOARD_URL = 'datadoghq.com/dashboard-url';

/** Pod template annotation asking Prometheus to scrape the pods. @public */
export const ANNOTATION_PROMETHEUS_SCRAPE = 'prometheus.io/scrape';

/** Annotations that map an entity to Kubernetes objects. @public */
export const KUBERNETES_MAPPING_ANNOTATIONS: readonly string[] = [
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_MANIFESTS,
];

/** Any of these means the entity has an on-call rotation. @public */
export const ON_CALL_ANNOTATIONS: readonly string[] = [
  ANNOTATION_PAGERDUTY_INTEGRATION_KEY,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  ANNOTATION_OPSGENIE_COMPONENT_SELECTOR,
  ANNOTATION_OPSGENIE_TEAM,
  ANNOTATION_ON_CALL,
];

/** Any of these means the entity has a dashboard. @public */
export const DASHBOARD_ANNOTATIONS: readonly string[] = [
  ANNOTATION_GRAFANA_DASHBOARD_SELECTOR,
  ANNOTATION_GRAFANA_OVERVIEW_DASHBOARD,
  ANNOTATION_DATADOG_DASHBOARD_URL,
];

/** Any of these means the entity has documentation. @public */
export const DOCS_ANNOTATIONS: readonly string[] = [
  ANNOTATION_TECHDOCS_REF,
  ANNOTATION_TECHDOCS_ENTITY,
];

/** Any of these means the entity's source location is known. @public */
export const SOURCE_CONTROL_ANNOTATIONS: readonly string[] = [
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_GITLAB_PROJECT_SLUG,
];
