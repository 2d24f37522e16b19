import type { KnipConfig } from 'knip';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Dependency check for the monorepo: unused, unlisted and unresolved
 * dependencies only (exports are covered by the API reports). Run twice by
 * `yarn lint:deps`: once over everything (tests included), and once with
 * `--production --strict`, which follows only the entries marked `!` and
 * so reports runtime dependencies that only tests use.
 */

/** Entries of a Backstage package; `!` marks what ships. */
const backstagePackage = {
  entry: [
    'src/index.{ts,tsx}!',
    'src/alpha.{ts,tsx}!',
    'config.d.ts!',
    'migrations/*.js!',
    'bin/*!',
    'src/setupTests.ts',
    'src/**/*.test.{ts,tsx}',
    'dev/**/*.{ts,tsx}',
    'bench/**/*.{js,ts}',
  ],
  project: [
    'src/**/*.{ts,tsx}!',
    'migrations/*.js!',
    'bin/*!',
    'dev/**',
    'bench/**',
  ],
};

/**
 * The app loads its plugins by feature discovery (`app.packages: all`):
 * every frontend plugin or module among its dependencies is installed
 * without an import, so those dependencies are used.
 */
function discoveredFrontendFeatures(): string[] {
  const app = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'packages/app/package.json'), 'utf8'),
  );
  return Object.keys(app.dependencies ?? {}).filter(name => {
    try {
      const manifest = JSON.parse(
        fs.readFileSync(
          require.resolve(`${name}/package.json`, {
            paths: [path.join(__dirname, 'packages/app')],
          }),
          'utf8',
        ),
      );
      return ['frontend-plugin', 'frontend-plugin-module'].includes(
        manifest.backstage?.role,
      );
    } catch {
      return false;
    }
  });
}

const config: KnipConfig = {
  workspaces: {
    '.': {
      entry: ['e2e/**/*.mjs', 'scripts/**/*.{js,mjs}'],
      ignoreDependencies: [
        // Loaded by @backstage/cli at start-up, never imported.
        '@backstage/cli-defaults',
        // Builds better-sqlite3 when no prebuilt binary fits.
        'node-gyp',
      ],
    },
    'packages/*': backstagePackage,
    'plugins/*': backstagePackage,
    'packages/app': {
      ...backstagePackage,
      ignoreDependencies: discoveredFrontendFeatures(),
    },
    'packages/backend': {
      ...backstagePackage,
      ignoreDependencies: [
        // The frontend bundle that @backstage/plugin-app-backend serves.
        'app',
        // Loaded by knex by client name (database.client: pg).
        'pg',
        // Builds better-sqlite3 in the Docker image.
        'node-gyp',
      ],
    },
    'plugins/readiness-common': {
      ...backstagePackage,
      // Imported for types only, which --production does not count; but
      // those types are in the package's published API (Entity,
      // ResourcePermission), so consumers need them installed.
      ignoreDependencies: [
        '@backstage/catalog-model',
        '@backstage/plugin-permission-common',
      ],
    },
    'plugins/readiness-backend': {
      ...backstagePackage,
      // EvaluatePool resolves @backstage/cli's transform only when the
      // worker runs from TypeScript sources (yarn start, tests), where the
      // CLI is installed; a built backend loads the compiled worker.
      ignoreDependencies: ['@backstage/cli'],
    },
    'packages/readiness-cli': {
      ...backstagePackage,
      // bin/sourceTransform.js runs src/ inside this repository only, with
      // the @swc/core that @backstage/cli (a devDependency) brings; the
      // published bin runs dist/ and never loads it.
      ignoreDependencies: ['@swc/core'],
    },
    'packages/readiness-admission': {
      ...backstagePackage,
      // bin/loadPackage.js resolves @backstage/cli's transform only when the
      // server or its workers run from TypeScript sources (tests, the
      // benchmark), where the CLI is installed; the published package runs
      // dist/ and never loads it.
      ignoreDependencies: ['@backstage/cli'],
    },
  },
};

export default config;
