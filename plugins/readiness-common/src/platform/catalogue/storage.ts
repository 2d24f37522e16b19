import { define } from '../../checks/catalogue/define';

/** Storage: can stateful workloads get volumes? */
export const PLATFORM_STORAGE_CHECKS = [
  define({
    id: 'default-storage-class',
    category: 'storage',
    severity: 'medium',
    target: 'cluster',
    title: 'A default StorageClass exists',
    rationale:
      'A PersistentVolumeClaim without a storageClassName gets the default class; with none, it stays Pending and the StatefulSet never starts.',
    remediation: 'Mark one StorageClass as the default.',
    remediationSnippet: `kubectl annotate storageclass <name> \\
  storageclass.kubernetes.io/is-default-class="true"`,
  }),
];
