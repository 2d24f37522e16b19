/** Custom checks and manifests the CLI's tests share. */

/** Three custom checks, one per scope that sees manifests. */
export const CHECKS = `customChecks:
  - id: team-label
    title: Pods carry a team label
    category: operations
    severity: medium
    scope: workload
    rule: "'team' in podTemplate.?metadata.?labels.orValue({})"
    message: Pods need a team label.
    remediation: |
      Add \`team: <your-team>\` to \`spec.template.metadata.labels\`.
    docsUrl: https://wiki.acme.example/platform/labels
  - id: image-digest
    title: Images are pinned by digest
    category: supply-chain
    severity: high
    scope: container
    rule: "container.image.contains('@sha256:')"
    message: Pin images by digest.
    messageExpression: "container.name + ' runs ' + container.image"
    remediation: Use \`image@sha256:<digest>\`.
  - id: ingress-class
    title: Ingresses use the platform class
    category: platform-conventions
    severity: low
    scope: object
    kinds: [Ingress]
    rule: "object.?spec.?ingressClassName.orValue('') == 'acme-public'"
    message: Use the acme-public ingress class.
`;

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** Labelled, pinned, with an Ingress of the right class. */
export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web, team: shop }
    spec:
      containers:
        - name: web
          image: registry.acme.example/web@${DIGEST}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: acme-public
  rules: [{ host: web.example.com }]
`;

/** No team label, its second container unpinned, an Ingress without class. */
export const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: shop }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata:
      labels: { app: worker }
    spec:
      containers:
        - name: worker
          image: registry.acme.example/worker@${DIGEST}
        - name: proxy
          image: envoy:1.30
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: worker, namespace: shop }
spec:
  rules: [{ host: worker.example.com }]
`;

/** Line of the unpinned container (`- name: proxy`) in WORKER. */
export const PROXY_LINE =
  WORKER.split('\n').indexOf('        - name: proxy') + 1;
