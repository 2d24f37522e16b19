import { define } from './define';

/** Secrets: is secret material kept out of manifests and plain history? */
export const SECRETS_CHECKS = [
  define({
    id: 'no-secrets-in-env',
    category: 'secrets',
    severity: 'critical',
    target: 'workload',
    title: 'No secrets in literal environment variables',
    rationale:
      'A secret written as a literal env value lives in Git history, in CI logs and in every copy of the manifest, readable by anyone who can read the Deployment. It cannot be rotated without a redeploy and cannot be revoked from history.',
    remediation:
      'Move the value into a Secret (ideally synced from a secret store) and reference it with valueFrom.secretKeyRef. Rotate the exposed value.',
    remediationSnippet: `env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef:
        name: web-db
        key: password`,
  }),
  define({
    id: 'no-secrets-in-configmap',
    category: 'secrets',
    severity: 'high',
    target: 'configmap',
    title: 'No secrets in ConfigMaps',
    rationale:
      'ConfigMaps are not meant for secrets: they are readable by far more people and tools than Secrets, are not encrypted at rest by default, and end up in logs and dashboards.',
    remediation:
      'Move sensitive keys into a Secret (ideally synced from a secret store) and mount or reference that instead. Rotate the exposed value.',
    remediationSnippet: `apiVersion: v1
kind: Secret
metadata:
  name: web-credentials
type: Opaque
stringData:
  api-token: <from your secret store>`,
  }),
];
