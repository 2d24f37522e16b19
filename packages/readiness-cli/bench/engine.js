#!/usr/bin/env node
/* eslint-disable no-console */
'use strict';

/**
 * Benchmark of the readiness engine and the CLI on synthetic clusters.
 *
 *   yarn bench:engine            (from the repository root)
 *   yarn bench:engine --quick    (1,000 and 5,000 workloads only)
 *
 * 1. Evaluation alone: clusters of 1,000 / 5,000 / 10,000 / 20,000
 *    Deployments (varied specs, many namespaces) with their Services, PDBs,
 *    HPAs and NetworkPolicies; workloads per second and µs per workload,
 *    after a warm-up, best of several runs.
 * 2. The 20,000-workload cluster written as one `kubectl get -o json` List
 *    file: time to read and JSON.parse it, against the wall time of the whole
 *    CLI (`bin/readiness check <file> --format json > /dev/null`) in a child
 *    process (medians of 5 rounds that take turns), and where the CLI's time
 *    goes. The CLI runs with its compile cache warm, as every run after the
 *    first does; the start-up of a first run after a source change is shown
 *    too.
 *
 * Prints figures only; it asserts nothing.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const sourceTransform = require('../bin/sourceTransform');

sourceTransform.register();
const {
  evaluateReadiness,
  parseManifests,
} = require('@prodready/backstage-plugin-readiness-common');
const { readTextFile } = require('@prodready/backstage-plugin-readiness-node');
const { FORMATS } = require('../src/formats');
const { evaluateGate } = require('../src/gate');
const { cluster } = require('./cluster');

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.resolve(__dirname, '../bin/readiness');
const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? [1000, 5000] : [1000, 5000, 10000, 20000];
const FILE_SIZE = QUICK ? 5000 : 20000;
/** Runs of the CLI and of read + parse whose median is shown. */
const ROUNDS = 5;
/** The 20,000-workload file is over the CLI's default 32 MiB limit. */
const SIZE_FLAG = ['--max-file-size', '128'];

function time(run) {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

function best(runs, run) {
  let fastest = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const measured = time(run);
    if (measured.ms < fastest) fastest = measured.ms;
    result = measured.result;
  }
  return { ms: fastest, result };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

function main() {
  console.log(
    `readiness engine benchmark: Node ${process.version}, ${
      os.cpus().length
    } CPU(s) (${os.cpus()[0]?.model ?? 'unknown'})\n`,
  );

  // Warm-up: let the JIT optimise the checks before anything is measured.
  const warm = cluster(1000).map(object => ({ object }));
  for (let i = 0; i < 5; i++) evaluateReadiness({ objects: warm });

  console.log('Evaluation alone (evaluateReadiness, best of 3 after warm-up)');
  console.log('  workloads   objects   time (ms)   workloads/s   µs/workload');
  for (const size of SIZES) {
    const objects = cluster(size).map(object => ({
      object,
      file: 'cluster.json',
    }));
    const { ms, result } = best(3, () => evaluateReadiness({ objects }));
    if (result.workloads.length !== size) {
      throw new Error(
        `expected ${size} workloads, got ${result.workloads.length}`,
      );
    }
    console.log(
      `  ${fmt(size).padStart(9)}   ${fmt(objects.length).padStart(7)}   ${fmt(
        ms,
        1,
      ).padStart(9)}   ${fmt((size / ms) * 1000).padStart(11)}   ${fmt(
        (ms * 1000) / size,
        1,
      ).padStart(11)}`,
    );
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-bench-'));
  try {
    const file = path.join(dir, 'cluster.json');
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: cluster(FILE_SIZE),
    };
    // Compact JSON (kubectl indents by four spaces, which only adds
    // whitespace for the parser to skip).
    fs.writeFileSync(file, JSON.stringify(list));
    const bytes = fs.statSync(file).size;
    console.log(
      `\n${fmt(FILE_SIZE)} workloads as one kubectl-style JSON List: ${fmt(
        list.items.length,
      )} objects, ${fmt(bytes / 1024 / 1024, 1)} MB`,
    );

    const readParse = () =>
      time(() => JSON.parse(fs.readFileSync(file, 'utf8'))).ms;

    const runCli = () => {
      const out = fs.openSync('/dev/null', 'w');
      const start = performance.now();
      const child = spawnSync(
        process.execPath,
        [BIN, 'check', file, '--format', 'json', ...SIZE_FLAG],
        {
          cwd: ROOT,
          stdio: ['ignore', out, 'pipe'],
        },
      );
      const ms = performance.now() - start;
      fs.closeSync(out);
      if (child.status !== 0 && child.status !== 1) {
        throw new Error(
          `the CLI failed (exit ${child.status}): ${child.stderr}`,
        );
      }
      return ms;
    };

    // The same read + parse in a fresh Node process, for a like-for-like
    // comparison with the CLI (which also pays for start-up and a cold heap).
    const freshReadParse = () => {
      const start = performance.now();
      spawnSync(
        process.execPath,
        [
          '-e',
          `JSON.parse(require('fs').readFileSync(${JSON.stringify(
            file,
          )}, 'utf8'))`,
        ],
        { stdio: 'ignore' },
      );
      return performance.now() - start;
    };

    // Rounds of the three measurements, so that a change of load on the
    // machine weighs on the CLI and on what it is compared with alike.
    const rounds = { readParse: [], cli: [], fresh: [] };
    for (let i = 0; i < ROUNDS; i++) {
      rounds.readParse.push(readParse());
      rounds.cli.push(runCli());
      rounds.fresh.push(freshReadParse());
    }
    const baseline = median(rounds.readParse);
    const cliMs = median(rounds.cli);
    const freshBaseline = median(rounds.fresh);

    const tiny = path.join(dir, 'tiny.yaml');
    fs.writeFileSync(
      tiny,
      'apiVersion: v1\nkind: Service\nmetadata: { name: x }\n',
    );
    const startUp = ({ emptyCache }) => {
      if (emptyCache) {
        fs.rmSync(sourceTransform.CACHE_DIR, { recursive: true, force: true });
      }
      const start = performance.now();
      spawnSync(process.execPath, [BIN, 'check', tiny, '--format', 'json'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
      return performance.now() - start;
    };
    const startup = [];
    const coldStartup = [];
    for (let i = 0; i < 3; i++) {
      startup.push(startUp({ emptyCache: false }));
      coldStartup.push(startUp({ emptyCache: true }));
    }
    startUp({ emptyCache: false }); // leave the cache warm

    console.log(
      `  read + JSON.parse (in process, median of ${ROUNDS})   ${fmt(
        baseline,
      ).padStart(6)} ms`,
    );
    console.log(
      `  full CLI, --format json > /dev/null (median)  ${fmt(cliMs).padStart(
        6,
      )} ms`,
    );
    console.log(
      `  ratio CLI / (read + parse)                    ${fmt(
        cliMs / baseline,
        2,
      ).padStart(6)}`,
    );
    console.log(
      `  read + JSON.parse in a fresh node process     ${fmt(
        freshBaseline,
      ).padStart(6)} ms`,
    );
    console.log(
      `  ratio CLI / fresh-process read + parse        ${fmt(
        cliMs / freshBaseline,
        2,
      ).padStart(6)}`,
    );
    console.log(
      `  CLI start-up on a one-object file (median)    ${fmt(
        median(startup),
      ).padStart(6)} ms`,
    );
    console.log(
      `  the same, first run after a source change     ${fmt(
        median(coldStartup),
      ).padStart(6)} ms`,
    );

    // Where the CLI's time goes, measured in this process.
    const text = time(() => readTextFile(file, 128 * 1024 * 1024));
    const parsed = time(() =>
      parseManifests(text.result, {
        file,
        limits: { maxLength: 128 * 1024 * 1024 },
      }),
    );
    const evaluated = time(() =>
      evaluateReadiness({
        objects: parsed.result.objects,
        configMapScope: 'all',
      }),
    );
    const report = evaluated.result;
    const formatted = time(() =>
      FORMATS.json({
        report,
        gate: evaluateGate(report.summary, 'silver'),
        color: false,
        lineOf: () => undefined,
        docsUrl: '',
        toolVersion: '0',
      }),
    );
    const written = time(() => {
      const fd = fs.openSync('/dev/null', 'w');
      for (const piece of typeof formatted.result === 'string'
        ? [formatted.result]
        : formatted.result) {
        fs.writeSync(fd, piece);
      }
      fs.closeSync(fd);
    });
    console.log('  CLI stages, in process:');
    console.log(`    read file                ${fmt(text.ms).padStart(6)} ms`);
    console.log(
      `    parseManifests (JSON)    ${fmt(parsed.ms).padStart(6)} ms`,
    );
    console.log(
      `    evaluateReadiness        ${fmt(evaluated.ms).padStart(6)} ms`,
    );
    console.log(
      `    JSON report and write    ${fmt(formatted.ms + written.ms).padStart(
        6,
      )} ms`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
