#!/usr/bin/env node
// Fails unless each packed tarball is installable as it stands: no
// `workspace:` ranges left, and every entry point its package.json names
// (main, types, module, exports, bin) is inside the tarball.
//
// Usage: node check-tarballs.mjs <tarball-folder> <expected-count>
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [folder, expectedCount] = process.argv.slice(2);
const files = readdirSync(folder).filter(f => f.endsWith('.tgz'));
const problems = [];
if (files.length !== Number(expectedCount)) {
  problems.push(`${files.length} tarballs, expected ${expectedCount}`);
}

function entryPoints(manifest) {
  const paths = [manifest.main, manifest.types, manifest.module];
  // Paths in exports start with ./ (a condition such as `backstage` names a
  // feature type, not a file).
  const walk = value => {
    if (typeof value === 'string' && value.startsWith('./')) paths.push(value);
    else if (value && typeof value === 'object')
      Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  paths.push(
    ...(typeof manifest.bin === 'string'
      ? [manifest.bin]
      : Object.values(manifest.bin ?? {})),
  );
  return paths
    .filter(path => typeof path === 'string')
    .map(path => path.replace(/^\.\//, ''));
}

for (const file of files) {
  const path = join(folder, file);
  const listing = new Set(
    execFileSync('tar', ['-tzf', path], { encoding: 'utf8' })
      .split('\n')
      .map(entry => entry.replace(/^package\//, '')),
  );
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', path, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  for (const field of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) {
        problems.push(`${file}: ${field}.${name} is still ${range}`);
      }
    }
  }
  for (const entry of entryPoints(manifest)) {
    if (!listing.has(entry))
      problems.push(`${file}: ${entry} is named but not packed`);
  }
  if (!listing.has('LICENSE')) problems.push(`${file}: no LICENSE`);
  console.log(`   ${file}: ${listing.size - 1} files`);
}

if (problems.length > 0) {
  console.error(
    `the tarballs are not installable:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
