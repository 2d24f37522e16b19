import { define } from '../../checks/catalogue/define';

/** Recovery: can the cluster's data be brought back? */
export const PLATFORM_RECOVERY_CHECKS = [
  define({
    id: 'backup-system',
    category: 'recovery',
    severity: 'high',
    target: 'cluster',
    title: 'Velero backs up the cluster on a schedule',
    rationale:
      'Persistent volumes and cluster objects outlive pods but not a deleted namespace, a failed upgrade or a lost cluster. Scheduled backups are the only way back from those.',
    remediation:
      'Install Velero with a storage location, and create a Schedule.',
    remediationSnippet: `velero install --provider aws --bucket <bucket> \\
  --plugins velero/velero-plugin-for-aws:v1.10.0
velero schedule create daily --schedule "0 3 * * *" --ttl 720h`,
  }),
  define({
    id: 'backups-recent',
    category: 'recovery',
    severity: 'high',
    target: 'cluster',
    title: 'Every backup schedule has run recently',
    rationale:
      'A schedule whose backups stopped (a full bucket, expired credentials, a paused schedule) looks the same as a working one until the day a restore is needed.',
    remediation:
      'Find out why the schedule has not backed up (velero schedule describe, velero backup logs), fix it, and alert on the velero_backup_last_successful_timestamp metric.',
    remediationSnippet: `velero schedule describe <schedule>
velero backup create --from-schedule <schedule>`,
  }),
  define({
    id: 'restores-tested',
    category: 'recovery',
    severity: 'high',
    target: 'cluster',
    title: 'A restore was tested recently',
    rationale:
      'A backup that was never restored is an assumption: restores fail for mundane reasons (missing volume snapshots, changed storage classes, permissions), and a drill is the time to find out.',
    remediation:
      'Restore a recent backup into a scratch namespace regularly and check the result.',
    remediationSnippet: `velero restore create drill-$(date +%Y%m%d) --from-backup <backup> \\
  --namespace-mappings shop:shop-restore-drill`,
  }),
];
