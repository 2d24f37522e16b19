import { define } from './define';

/** Operations: does someone own the service, and can they run it at 3am? */
export const OPERATIONS_CHECKS = [
  define({
    id: 'workloads-found',
    category: 'operations',
    severity: 'high',
    target: 'entity',
    title: 'Kubernetes workloads are found',
    rationale:
      'The entity says it runs on Kubernetes, but no workload matches its annotations. Either the annotation is wrong or the service is not deployed, and none of the other checks can vouch for it.',
    remediation:
      'Make backstage.io/kubernetes-id match the backstage.io/kubernetes-id label on the workloads, fix backstage.io/kubernetes-label-selector, or point prodready.dev/manifests at the manifests.',
    remediationSnippet: `metadata:
  annotations:
    backstage.io/kubernetes-id: web
# and on the workload and its pod template:
#   labels:
#     backstage.io/kubernetes-id: web`,
  }),
  define({
    id: 'owner',
    category: 'operations',
    severity: 'high',
    target: 'entity',
    title: 'The entity has an owner',
    rationale:
      "A production service needs a team that answers for it. Without an owner, alerts go nowhere, upgrades are nobody's job and incidents start with a search for who to call.",
    remediation:
      'Set spec.owner to a Group (or User) that exists in the catalog.',
    remediationSnippet: `spec:
  owner: group:default/team-web`,
  }),
  define({
    id: 'runbook',
    category: 'operations',
    severity: 'high',
    target: 'entity',
    title: 'A runbook is linked',
    rationale:
      "An on-call engineer woken at night needs to know the service's hazards and first steps without reading its code. A runbook turns tribal knowledge into something anyone on the rotation can follow.",
    remediation:
      'Add a link of type runbook to metadata.links, or set the prodready.dev/runbook annotation to its URL.',
    remediationSnippet: `metadata:
  links:
    - url: https://runbooks.example.com/web
      title: Runbook
      type: runbook`,
  }),
  define({
    id: 'on-call',
    category: 'operations',
    severity: 'medium',
    target: 'entity',
    title: 'An on-call rotation is declared',
    rationale:
      'Alerts are only useful if they reach someone who will act. Linking the service to its paging rotation makes it clear who responds and lets Backstage show who is on call now.',
    remediation:
      'Add the PagerDuty or Opsgenie annotation for the service, or prodready.dev/on-call naming the rotation.',
    remediationSnippet: `metadata:
  annotations:
    pagerduty.com/service-id: PABC123`,
  }),
  define({
    id: 'dashboard',
    category: 'operations',
    severity: 'low',
    target: 'entity',
    title: 'A dashboard is linked',
    rationale:
      "During an incident nobody should have to hunt for the right graphs. A linked dashboard makes the service's signals one click away from its catalog page.",
    remediation:
      'Add a link of type dashboard to metadata.links, or a Grafana or Datadog dashboard annotation.',
    remediationSnippet: `metadata:
  links:
    - url: https://grafana.example.com/d/web
      title: Web overview
      type: dashboard`,
  }),
  define({
    id: 'docs',
    category: 'operations',
    severity: 'low',
    target: 'entity',
    title: 'Documentation is published',
    rationale:
      'Documentation next to the service in the catalog is documentation people find. It shortens onboarding and lets other teams use the service without interrupting its owners.',
    remediation:
      'Add backstage.io/techdocs-ref pointing at the docs in the repository.',
    remediationSnippet: `metadata:
  annotations:
    backstage.io/techdocs-ref: dir:.`,
  }),
  define({
    id: 'source-control',
    category: 'operations',
    severity: 'low',
    target: 'entity',
    title: 'Source location is known',
    rationale:
      'Knowing where the code lives is the first step of every fix. Linking the repository lets responders go from an alert to the code and its recent changes in one step.',
    remediation:
      'Add backstage.io/source-location, github.com/project-slug or gitlab.com/project-slug.',
    remediationSnippet: `metadata:
  annotations:
    github.com/project-slug: example/web`,
  }),
];
