/**
 * The Deployment of a test entity found by `backstage.io/kubernetes-id`:
 * an app container and little else, so that `replicas` (and, with
 * `readinessProbe`, the probe) decides how it scores.
 */
export function entityDeploymentYaml(
  name: string,
  replicas: number,
  options: { readinessProbe?: boolean } = {},
): string {
  const probe = options.readinessProbe
    ? '\n          readinessProbe: { httpGet: { path: /ready, port: 8080 } }'
    : '';
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels: { backstage.io/kubernetes-id: ${name} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name}, backstage.io/kubernetes-id: ${name} }
    spec:
      containers:
        - name: app
          image: registry.example/${name}:1.0.0${probe}
`;
}
