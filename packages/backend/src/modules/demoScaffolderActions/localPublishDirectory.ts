import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import path from 'node:path';

/** The config key that turns the local publisher on. */
export const LOCAL_PUBLISH_DIRECTORY_KEY = 'scaffolder.localPublish.directory';

/**
 * The folder `publish:local` writes to, as an absolute path (a relative one
 * is resolved against the backend's working directory, like the catalog's
 * file locations); undefined when not configured.
 */
export function readLocalPublishDirectory(
  config: RootConfigService,
): string | undefined {
  const directory = config.getOptionalString(LOCAL_PUBLISH_DIRECTORY_KEY);
  return directory ? path.resolve(directory) : undefined;
}

/** The configured folder, or an error that says how to configure it. */
export function requireLocalPublishDirectory(
  directory: string | undefined,
): string {
  if (!directory) {
    throw new InputError(
      `Local publishing is off: it is meant for development portals, and ${LOCAL_PUBLISH_DIRECTORY_KEY} is not set. ` +
        'Publish to a Git host instead, or set that key to the folder new repositories are written to.',
    );
  }
  return directory;
}
