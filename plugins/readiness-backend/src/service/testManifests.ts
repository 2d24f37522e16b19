/**
 * Manifests for the evaluate tests: Deployments as teams write them, many of
 * them to make bodies of a few megabytes.
 */

/** A Deployment with a readiness probe and requests, little else. */
export function deploymentYaml(name: string, namespace = 'shop'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: { app.kubernetes.io/name: ${name} }
spec:
  replicas: 2
  selector:
    matchLabels: { app.kubernetes.io/name: ${name} }
  template:
    metadata:
      labels: { app.kubernetes.io/name: ${name} }
    spec:
      containers:
        - name: app
          image: registry.example/shop/${name}:1.4.2
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /ready, port: http } }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
`;
}

/** At least `bytes` of YAML: that many bytes' worth of Deployments. */
export function manyDeploymentsYaml(bytes: number): string {
  const one = deploymentYaml('web-00000').length + 4;
  const count = Math.ceil(bytes / one);
  const documents: string[] = [];
  for (let i = 0; i < count; i++) {
    documents.push(deploymentYaml(`web-${String(i).padStart(5, '0')}`));
  }
  return documents.join('---\n');
}
