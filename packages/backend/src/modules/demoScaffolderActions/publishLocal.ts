import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireLocalPublishDirectory } from './localPublishDirectory';
import { examples } from './publishLocal.examples';

/** A GitHub owner or repository name: no separators, no dot segments. */
const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Owner and repository from a repository location as the RepoUrlPicker
 * writes it (`github.com?owner=acme&repo=web`).
 */
export function parseLocalRepoUrl(repoUrl: string): {
  owner: string;
  repo: string;
} {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(
      `Invalid repoUrl '${repoUrl}': expected <host>?owner=<owner>&repo=<repo>`,
    );
  }
  const owner = url.searchParams.get('owner') ?? '';
  const repo = url.searchParams.get('repo') ?? '';
  for (const [key, value] of [
    ['owner', owner],
    ['repo', repo],
  ]) {
    if (!NAME.test(value) || value === '.' || value === '..') {
      throw new InputError(
        `Invalid repoUrl '${repoUrl}': ${key} must be a name of letters, digits, '.', '_' or '-'`,
      );
    }
  }
  return { owner, repo };
}

/**
 * Creates the `publish:local` action: writes the workspace to
 * `<directory>/<owner>/<repo>` on the scaffolder's host instead of pushing it
 * to a Git host. It is for development portals without network access, and
 * refuses to run unless `scaffolder.localPublish.directory` is configured.
 */
export function createPublishLocalAction(options: { directory?: string }) {
  return createTemplateAction({
    id: 'publish:local',
    description:
      'Writes the workspace to a folder on the scaffolder host instead of pushing it to a Git host. For development portals only: it runs only when scaffolder.localPublish.directory is configured.',
    examples,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              'Repository location as the RepoUrlPicker writes it, e.g. github.com?owner=acme&repo=web. The files go to <scaffolder.localPublish.directory>/<owner>/<repo>.',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish. Defaults to the whole workspace.',
            ),
      },
      output: {
        remoteUrl: z =>
          z.string().describe('file: URL of the folder the files went to'),
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              'file: URL of the repository contents, for catalog:register:local',
            ),
        path: z =>
          z.string().describe('The folder the files went to, on the host'),
      },
    },
    async handler(ctx) {
      const root = requireLocalPublishDirectory(options.directory);
      const { owner, repo } = parseLocalRepoUrl(ctx.input.repoUrl);
      const target = resolveSafeChildPath(root, path.join(owner, repo));
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );

      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      try {
        // Creating the folder claims it: a second run with the same name
        // fails here instead of mixing its files into the first one's.
        await fs.promises.mkdir(target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new ConflictError(
            `${owner}/${repo} already exists in the local folder (${target}); choose another repository name, or delete that folder first`,
          );
        }
        throw error;
      }
      for (const entry of await fs.promises.readdir(source)) {
        await fs.promises.cp(
          path.join(source, entry),
          path.join(target, entry),
          {
            recursive: true,
            errorOnExist: true,
            force: false,
            verbatimSymlinks: true,
          },
        );
      }

      const url = pathToFileURL(target).href;
      ctx.logger.info(`Wrote ${owner}/${repo} to ${target}`);
      ctx.output('remoteUrl', url);
      ctx.output('repoContentsUrl', url);
      ctx.output('path', target);
    },
  });
}
