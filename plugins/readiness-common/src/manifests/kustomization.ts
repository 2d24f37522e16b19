/**
 * What a Kustomize `kustomization.yaml` says about the files beside it: which
 * are resources (objects to evaluate) and which are patches (fragments that
 * only change other objects, and so are never workloads of their own).
 */
import { asArray, asRecord } from '../util/guards';

/** The file names Kustomize looks for in a directory, in its order. @public */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/**
 * The files a kustomization names, as written (relative to its folder).
 * @public
 */
export interface KustomizationFiles {
  /** `resources` and the older `bases`: files, folders or remote URLs. */
  resources: string[];
  /** `components`: folders of reusable kustomizations. */
  components: string[];
  /** Files named by `patches`, `patchesStrategicMerge` and `patchesJson6902`. */
  patches: string[];
  /**
   * Other files it reads that hold no objects of their own: transformer,
   * generator and validator configs, `configurations`, `crds`,
   * `replacements`, `openapi`, and the files and env files of ConfigMap and
   * Secret generators.
   */
  otherFiles: string[];
}

/** True for a kustomization document (`kind: Kustomization` or `Component`). @public */
export function isKustomization(value: unknown): boolean {
  const record = asRecord(value);
  if (!record) return false;
  const apiVersion = record.apiVersion;
  if (
    typeof apiVersion === 'string' &&
    apiVersion.startsWith('kustomize.config.k8s.io/')
  ) {
    return true;
  }
  // Kustomize accepts files without apiVersion and kind; recognise them by
  // the fields only a kustomization has.
  return (
    record.kind === undefined &&
    ['resources', 'bases', 'patches', 'patchesStrategicMerge'].some(key =>
      Array.isArray(record[key]),
    )
  );
}

function strings(value: unknown): string[] {
  return asArray(value).filter(
    (item): item is string => typeof item === 'string' && item.trim() !== '',
  );
}

/** `path` fields of a list of patch entries (inline patches have none). */
function patchPaths(value: unknown): string[] {
  const paths: string[] = [];
  for (const entry of asArray(value)) {
    const path = asRecord(entry)?.path;
    if (typeof path === 'string' && path.trim() !== '') paths.push(path);
  }
  return paths;
}

/** Files of generator entries: `files` (optionally `key=path`) and `envs`/`env`. */
function generatorFiles(value: unknown): string[] {
  const files: string[] = [];
  for (const entry of asArray(value)) {
    const generator = asRecord(entry);
    for (const file of strings(generator?.files)) {
      files.push(file.slice(file.indexOf('=') + 1));
    }
    files.push(...strings(generator?.envs));
    if (typeof generator?.env === 'string') files.push(generator.env);
  }
  return files;
}

/**
 * The files a parsed kustomization document names. `patchesStrategicMerge`
 * entries may be inline YAML rather than file names: only single-line
 * entries are taken as files.
 * @public
 */
export function readKustomization(value: unknown): KustomizationFiles {
  const record = asRecord(value) ?? {};
  return {
    resources: [...strings(record.resources), ...strings(record.bases)],
    components: strings(record.components),
    patches: [
      ...patchPaths(record.patches),
      ...strings(record.patchesStrategicMerge).filter(
        entry => !entry.includes('\n'),
      ),
      ...patchPaths(record.patchesJson6902),
    ],
    otherFiles: [
      // Plugin configs may also be written inline, as YAML text.
      ...['transformers', 'generators', 'validators'].flatMap(key =>
        strings(record[key]).filter(entry => !entry.includes('\n')),
      ),
      ...strings(record.configurations),
      ...strings(record.crds),
      ...patchPaths(record.replacements),
      ...patchPaths([record.openapi]),
      ...generatorFiles(record.configMapGenerator),
      ...generatorFiles(record.secretGenerator),
    ],
  };
}
