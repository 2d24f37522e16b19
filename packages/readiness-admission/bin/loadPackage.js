/* eslint-disable @backstage/no-undeclared-imports */
'use strict';

/**
 * Loads this package, or only its evaluation worker, for the server and its
 * worker threads. In the monorepo the sources are TypeScript, compiled on
 * the fly with Backstage's Node transform (a devDependency, present in a
 * checkout); an installed package has no src/ and runs its build in dist/.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const fromSource = fs.existsSync(path.join(root, 'src'));

function registerTransform() {
  require(require.resolve('@backstage/cli/config/nodeTransform.cjs', {
    paths: [root],
  }));
}

/** The whole package: the server, its cache and its Kubernetes client. */
function loadPackage() {
  if (fromSource) {
    registerTransform();
    return require('../src');
  }
  return require('..');
}

/**
 * The evaluation worker alone: the engine and the configuration, without
 * the Kubernetes client, which takes seconds to load.
 */
function loadWorker() {
  if (fromSource) {
    registerTransform();
    return require('../src/evaluation/workerMain');
  }
  return require('../dist/evaluation/workerMain.cjs.js');
}

module.exports = { loadPackage, loadWorker };
