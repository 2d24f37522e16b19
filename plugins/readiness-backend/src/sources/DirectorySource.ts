import {
  parseManifests,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import {
  WorkloadSource,
  WorkloadSourceSnapshot,
} from '@prodready/backstage-plugin-readiness-node';
import {
  isDirectory,
  ManifestFileError,
  readTextFile,
} from '@prodready/readiness-manifest-files';
import path from 'node:path';
import { DirectorySourceConfig } from '../config/backendConfig';
import { localManifestFiles } from './localManifests';

/**
 * A folder of manifests or `kubectl get -o yaml` dumps, read recursively.
 * One unreadable or malformed file fails the whole read, so the previous
 * results stay (marked stale, naming the file and line) instead of the
 * file's workloads silently disappearing. Folders with a kustomization
 * contribute the files it names as resources, never its patches.
 */
export class DirectorySource implements WorkloadSource {
  readonly id: string;
  readonly cluster?: string;
  private readonly root: string;

  constructor(
    config: DirectorySourceConfig,
    private readonly maxFileBytes: number,
  ) {
    this.id = config.id;
    this.cluster = config.cluster;
    this.root = path.resolve(config.path);
  }

  /**
   * A refresh reads the whole folder again: it is local and cheap, and the
   * plugin picks the entity's objects out of it.
   */
  readScoped(): Promise<WorkloadSourceSnapshot> {
    return this.read();
  }

  async read(): Promise<WorkloadSourceSnapshot> {
    if (!isDirectory(this.root)) {
      throw new ManifestFileError(this.root, 'is not a readable directory');
    }
    const objects: SourcedObject[] = [];
    const { files, warnings } = await localManifestFiles(
      this.root,
      this.maxFileBytes,
    );
    for (const file of files) {
      const name = path.relative(this.root, file);
      const parsed = parseManifests(readTextFile(file, this.maxFileBytes), {
        file: name,
      });
      for (const { object, file: from } of parsed.objects) {
        objects.push(
          this.cluster
            ? { object, file: from, cluster: this.cluster }
            : { object, file: from },
        );
      }
      // Documents that are not Kubernetes objects are noted, not fatal.
      warnings.push(
        ...parsed.notes
          .filter(note => note.reason === 'not-kubernetes')
          .map(note => note.message),
      );
    }
    return { objects, warnings };
  }
}
