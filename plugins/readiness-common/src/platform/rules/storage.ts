import { fail } from '../../checks/rules/outcome';
import { nameOf } from '../clusterIndex';
import { found, listNames, PlatformRule } from './context';

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export const defaultStorageClass: PlatformRule = {
  reads: () => ['StorageClass'],
  evaluate({ index }) {
    const classes = index.of('StorageClass');
    const defaults = classes.filter(object =>
      DEFAULT_CLASS_ANNOTATIONS.some(
        key => object.metadata?.annotations?.[key] === 'true',
      ),
    );
    if (defaults.length === 0) {
      return fail(
        classes.length > 0
          ? `StorageClass ${listNames(
              classes.map(nameOf),
            )} exists but none is marked default: PersistentVolumeClaims without a storageClassName stay Pending.`
          : 'No StorageClass exists: PersistentVolumeClaims stay Pending.',
      );
    }
    const first = defaults[0] as Record<string, unknown>;
    const provisioner =
      typeof first.provisioner === 'string' ? ` (${first.provisioner})` : '';
    return found(
      `StorageClass ${nameOf(defaults[0])}${provisioner} is the default.`,
    );
  },
};
