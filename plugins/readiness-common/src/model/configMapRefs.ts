/**
 * The ConfigMaps a pod template uses: through env (`configMapKeyRef`),
 * envFrom (`configMapRef`), `configMap` volumes and projected volume
 * sources. The backend checks only these for secrets, since the other
 * ConfigMaps in a namespace belong to someone else.
 */
import { asArray, asRecord, scalarToString } from '../util/guards';
import { Workload } from './workloads';

function addName(names: Set<string>, reference: unknown): void {
  const name = scalarToString(asRecord(reference)?.name);
  if (name) names.add(name);
}

/** Names of the ConfigMaps (in the workload's namespace) the pods reference. */
export function referencedConfigMapNames(workload: Workload): Set<string> {
  const names = new Set<string>();
  for (const container of workload.allContainers) {
    for (const variable of asArray(container.spec.env)) {
      addName(names, asRecord(asRecord(variable)?.valueFrom)?.configMapKeyRef);
    }
    for (const source of asArray(container.spec.envFrom)) {
      addName(names, asRecord(source)?.configMapRef);
    }
  }
  for (const entry of asArray(workload.podSpec.volumes)) {
    const volume = asRecord(entry);
    if (!volume) continue;
    addName(names, volume.configMap);
    for (const source of asArray(asRecord(volume.projected)?.sources)) {
      addName(names, asRecord(source)?.configMap);
    }
  }
  return names;
}
