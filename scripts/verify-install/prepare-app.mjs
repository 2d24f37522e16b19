#!/usr/bin/env node
// Makes a fresh create-app app installable on this machine, and nothing more:
// the resolutions the repository itself needs for the npm registry reachable
// here, and the pin verify-install.sh explains (signals-backend).
//
// Usage: node prepare-app.mjs <app-dir> <signals-backend-version>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [appDir, signalsVersion] = process.argv.slice(2);
if (!appDir || !signalsVersion) {
  console.error('usage: prepare-app.mjs <app-dir> <signals-backend-version>');
  process.exit(2);
}

const repoRoot = join(import.meta.dirname, '..', '..');
const readJson = path => JSON.parse(readFileSync(path, 'utf8'));
const repoResolutions = readJson(join(repoRoot, 'package.json')).resolutions;

const manifestPath = join(appDir, 'package.json');
const manifest = readJson(manifestPath);
manifest.resolutions = {
  ...manifest.resolutions,
  // Some platform-specific optional packages of the newest releases are
  // missing from the registry here; the repository pins the same ones.
  ...repoResolutions,
  '@backstage/plugin-signals-backend': signalsVersion,
};
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`resolutions of the app: ${JSON.stringify(manifest.resolutions)}`);
