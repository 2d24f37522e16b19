import type { PublishTargetChecker } from '@prodready/backstage-plugin-readiness-node';
import fs from 'node:fs';
import { requireLocalPublishDirectory } from './localPublishDirectory';
import { alreadyPublishedMessage, localRepository } from './localRepository';

/**
 * The form's check for `publishTo: local`: refuses, before the run, a name
 * whose folder `publish:local` would refuse to create because something is
 * already there (even an empty folder, or a file). Local publishing turned
 * off, and names `publish:local` would not take, are refused with its own
 * messages.
 */
export function createLocalPublishTargetChecker(options: {
  directory?: string;
}): PublishTargetChecker {
  return {
    publishTo: 'local',
    async check(repoUrl) {
      const root = requireLocalPublishDirectory(options.directory);
      const repository = localRepository(root, repoUrl);
      try {
        await fs.promises.lstat(repository.folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return { available: true, checked: true };
        }
        throw error;
      }
      return {
        available: false,
        checked: true,
        reason: alreadyPublishedMessage(repository),
      };
    },
  };
}
