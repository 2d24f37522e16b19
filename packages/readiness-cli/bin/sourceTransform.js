/* eslint-disable @backstage/no-undeclared-imports */
'use strict';

/**
 * Lets Node require the TypeScript sources of this monorepo, for
 * `bin/readiness` when it runs from a checkout rather than a build.
 *
 * It compiles each `.ts` file with SWC and the options of Backstage's
 * `@backstage/cli/config/nodeTransform.cjs`, but keeps what it compiles in
 * `node_modules/.cache/readiness-cli/` (one file per source file, used
 * while the source is unchanged), and with it V8's code cache. Backstage's transform compiles
 * every file again on each run and also starts a worker thread for ES
 * module hooks, which the CLI does not need: together about 200 ms of
 * start-up on every run, where a run with a warm cache pays a few.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const CACHE_DIR = path.resolve(
  __dirname,
  '../node_modules/.cache/readiness-cli',
);
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * Compiled as Backstage's nodeTransform does. Source maps only when Node
 * would use them (`--enable-source-maps`): the CLI prints no stack traces,
 * and inline maps make the files to load about twice as large.
 */
const SWC_OPTIONS = {
  ...(process.sourceMapsEnabled ? { sourceMaps: 'inline' } : {}),
  module: { type: 'commonjs', ignoreDynamic: true },
  jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
};

let swc;

/** `@swc/core`, found through `@backstage/cli`, whose transform uses it. */
function loadSwc() {
  if (!swc) {
    const packageDir = (name, from) =>
      path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
    const cli = packageDir('@backstage/cli', __dirname);
    const cliNode = packageDir('@backstage/cli-node', cli);
    swc = require(require.resolve('@swc/core', { paths: [cliNode] }));
  }
  return swc;
}

const sha256 = (...parts) =>
  crypto.createHash('sha256').update(parts.join('\0')).digest('hex');

/** Writes through a temporary file, so a concurrent run never reads half a file. */
function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch {
    // A read-only checkout: run without the cache.
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * The compiled code of a file. One cache file per source file, so the cache
 * does not grow with edits; its first line is the hash of what it was
 * compiled from.
 */
function compile(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const stamp = `// ${sha256(JSON.stringify(SWC_OPTIONS), source)}\n`;
  const cacheFile = path.join(CACHE_DIR, `${sha256(filename)}.js`);
  let cached;
  try {
    cached = fs.readFileSync(cacheFile, 'utf8');
  } catch {
    cached = undefined;
  }
  if (cached?.startsWith(stamp)) {
    return cached.slice(stamp.length);
  }
  const { code } = loadSwc().transformSync(source, {
    ...SWC_OPTIONS,
    filename,
  });
  writeAtomically(cacheFile, stamp + code);
  return code;
}

function register() {
  // V8's compiled code, also cached, keyed by content (Node 22.1 and later).
  Module.enableCompileCache?.(path.join(CACHE_DIR, 'v8'));
  // `require.extensions` is how pirates, used by Backstage's transform,
  // hooks in too; it runs in this thread and only for CommonJS. Like
  // Backstage's transform, leave files under node_modules alone.
  for (const extension of ['.ts', '.cts']) {
    const previous = require.extensions[extension];
    require.extensions[extension] = (module, filename) => {
      if (previous && filename.includes(NODE_MODULES)) {
        previous(module, filename);
      } else {
        module._compile(compile(filename), filename);
      }
    };
  }
}

module.exports = { register, CACHE_DIR };
