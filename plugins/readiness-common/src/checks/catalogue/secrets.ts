import { define } from './define';

/** Secrets: is secret material kept out of manifests and plain history? */
export const SECRETS_CHECKS = [
  define({
    id: 'no-secrets-in-env',
    category: 'secrets',
    severity: 'critical',
    target: 'workload',
    title: 'No secret material in literal environment variables',
    rationale:
      'Secrets belong in a secret store, not in manifests or their history. A credential written as a literal env value is copied into Git history, CI logs and every rendered manifest, and anyone who can read the workload can read it. Flagged: a value in a known credential format (private key, GitHub, GitLab, Slack or Stripe token, Google API key, JWT) under any name, a secret-looking value under a sensitive name such as DB_PASSWORD or apiKey, and a long random value under a name ending in key.',
    remediation:
      'Move the value into a Secret (ideally synced from a secret store) and reference it with valueFrom.secretKeyRef, or mount it as a file and pass the path. Then rotate the credential: it is already in history. Settings that only point at a secret (DB_PASSWORD_FILE, a path, a $(VAR) reference) or count tokens (MAX_TOTAL_TOKENS) are not flagged.',
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
    title: 'No secret material in ConfigMaps',
    rationale:
      'ConfigMaps are for configuration, not secrets: more people and tools can read them than Secrets, they are not encrypted at rest by default, and their contents end up in Git, logs and dashboards. Each key is judged with its value by the same rules as env vars, and an embedded config file (application.properties, .env, INI, YAML) is read line by line for a sensitive setting given a literal value.',
    remediation:
      'Move the sensitive keys, or the sensitive lines of an embedded file, into a Secret (ideally synced from a secret store) and mount or reference it; most frameworks can take one setting from an environment variable or a file while the rest stays in the ConfigMap. Then rotate the credential.',
    remediationSnippet: `apiVersion: v1
kind: Secret
metadata:
  name: web-credentials
type: Opaque
stringData:
  api-token: <from your secret store>`,
  }),
];
