import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireLocalPublishDirectory } from './localPublishDirectory';
import { alreadyPublishedMessage, localRepository } from './localRepository';
import { examples } from './publishLocal.examples';

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
      const repository = localRepository(root, ctx.input.repoUrl);
      const { owner, repo, folder: target } = repository;
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
          throw new ConflictError(alreadyPublishedMessage(repository));
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
