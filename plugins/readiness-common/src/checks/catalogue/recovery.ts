import { define } from './define';

/** Recovery: can the service be brought back when things go wrong? */
export const RECOVERY_CHECKS = [
  define({
    id: 'rollback-history',
    category: 'recovery',
    severity: 'low',
    target: 'workload',
    title: 'Rollout history is kept',
    rationale:
      'With revisionHistoryLimit set to 0 there is no previous revision to roll back to. When a release goes wrong the only way back is to rebuild the old version under pressure.',
    remediation:
      'Remove revisionHistoryLimit: 0 (the default keeps 10 revisions on Deployments, StatefulSets, DaemonSets, Rollouts and DeploymentConfigs) or set it to a small positive number.',
    remediationSnippet: `spec:
  revisionHistoryLimit: 5`,
  }),
  define({
    id: 'backup-schedule',
    category: 'recovery',
    severity: 'high',
    target: 'workload',
    title: 'Persistent data is backed up on a schedule',
    rationale:
      'Data in persistent volumes outlives pods but not operator mistakes, corruption or the loss of a cluster. Without scheduled backups, one bad command loses it for good.',
    remediation:
      "Create a Velero Schedule whose includedNamespaces covers the workload's namespace.",
    remediationSnippet: `apiVersion: velero.io/v1
kind: Schedule
metadata:
  name: daily
  namespace: velero
spec:
  schedule: "0 3 * * *"
  template:
    includedNamespaces: [web]
    ttl: 720h0m0s`,
  }),
  define({
    id: 'restore-tested',
    category: 'recovery',
    severity: 'medium',
    target: 'entity',
    title: 'Restores are tested recently',
    rationale:
      'A backup that has never been restored is an assumption. Restores fail for mundane reasons (missing permissions, changed schemas, absent volumes), and the time to find out is a drill, not an incident.',
    remediation:
      "Restore the service's data into a scratch environment on a schedule and record the date in the entity annotation prodready.dev/last-restore-test.",
    remediationSnippet: `metadata:
  annotations:
    prodready.dev/last-restore-test: "2025-01-15"`,
  }),
];
