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
 * 3. The same List written as YAML, as `kubectl get ... -o yaml` writes it
 *    (one document, sequences not indented under their key): time, MB/s
 *    and peak RSS of read + parseManifests in a fresh process, beside the
 *    same for the JSON file, and the whole CLI on the YAML file.
 *    `--yaml-parsers` adds the candidate YAML parsers, each alone in a fresh
 *    process, on the same text (the figures behind the choice of js-yaml);
 *    `--yaml-only` runs this section alone.
 *
 * 4. Custom checks: the 20,000-workload cluster (5,000 with `--quick`)
 *    with the ten custom checks of `bench/customChecks.js` (CEL, a mix of
 *    scopes) against the built-in checks alone, in alternating runs taken
 *    in three fresh processes, and the time to validate and compile them.
 *    `--custom-checks` runs this section alone.
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
  parseReadinessConfig,
} = require('@prodready/backstage-plugin-readiness-common');
const { readTextFile } = require('@prodready/readiness-manifest-files');
const { FORMATS } = require('../src/formats');
const { evaluateGate } = require('../src/gate');
const { cluster } = require('./cluster');
const { CUSTOM_CHECKS } = require('./customChecks');

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.resolve(__dirname, '../bin/readiness');
const QUICK = process.argv.includes('--quick');
const YAML_PARSERS = process.argv.includes('--yaml-parsers');
/** Only the YAML section (3.), with the JSON file it is compared with. */
const YAML_ONLY = process.argv.includes('--yaml-only');
/** Only the custom checks section (4.). */
const CUSTOM_ONLY = process.argv.includes('--custom-checks');
/** Set in the processes section 4 starts: measure, print the pairs as JSON. */
const CUSTOM_CHILD = process.argv.includes('--custom-checks-child');
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
  if (CUSTOM_CHILD) {
    process.stdout.write(JSON.stringify(measureCustomCheckPairs()));
    return;
  }
  console.log(
    `readiness engine benchmark: Node ${process.version}, ${
      os.cpus().length
    } CPU(s) (${os.cpus()[0]?.model ?? 'unknown'})\n`,
  );

  if (CUSTOM_ONLY) {
    customChecks();
    return;
  }

  if (YAML_ONLY) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-bench-'));
    try {
      const file = path.join(dir, 'cluster.json');
      const list = {
        apiVersion: 'v1',
        kind: 'List',
        metadata: { resourceVersion: '' },
        items: cluster(FILE_SIZE),
      };
      fs.writeFileSync(file, JSON.stringify(list));
      yamlInput(dir, list, file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }

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

    yamlInput(dir, list, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  customChecks();
}

/**
 * A full garbage collection on demand, so that each measured run starts
 * from a clean heap instead of paying for the garbage of the run before it
 * (which would charge one side of a comparison for the other's garbage).
 */
function collectGarbage() {
  require('node:v8').setFlagsFromString('--expose-gc');
  return require('node:vm').runInNewContext('gc');
}

let gc;

/**
 * Wall time of `run` after a full garbage collection, with its result.
 * `rewarm` runs between the two, untimed. A forced collection (unlike the
 * ones V8 starts itself, which keep them) frees the hidden classes of the
 * objects the previous evaluation made, and with them the optimized code
 * built for those classes: without `rewarm`, the measured run would begin
 * by re-optimizing the engine, which a backend scoring one entity after
 * another never does.
 */
function timeFromCleanHeap(run, rewarm) {
  gc ??= collectGarbage();
  gc();
  rewarm();
  return time(run);
}

/** Fresh processes the custom-check pairs are taken in (see below). */
const CUSTOM_PROCESSES = 3;

/**
 * The custom checks' variants, each with its configuration: all ten, then
 * each scope's alone.
 */
function customCheckVariants() {
  return [
    ['all 10 custom checks', CUSTOM_CHECKS],
    ...['workload', 'container', 'object'].map(scope => {
      const checks = CUSTOM_CHECKS.filter(check => check.scope === scope);
      return [`the ${checks.length} ${scope}-scope checks`, checks];
    }),
  ];
}

/**
 * Pairs of runs in this process: the same cluster evaluated with the
 * built-in checks alone and with custom checks besides, one after the
 * other (each first in every other pair), each from a clean heap and
 * with its code optimized (see {@link timeFromCleanHeap}). Returns, per
 * variant, each pair's two times and the number of custom results.
 */
function measureCustomCheckPairs() {
  const size = FILE_SIZE;
  const pairs = 7;
  const objects = cluster(size).map(object => ({
    object,
    file: 'cluster.json',
  }));
  const compile = time(() =>
    parseReadinessConfig({ customChecks: CUSTOM_CHECKS }),
  );
  const builtIn = parseReadinessConfig({});
  const variants = customCheckVariants().map(([name, checks]) => [
    name,
    parseReadinessConfig({ customChecks: checks }),
  ]);
  // Warm-up of every path, as for the table above.
  const warm = cluster(1000).map(object => ({ object }));
  for (let i = 0; i < 3; i++) {
    evaluateReadiness({ objects: warm, config: builtIn });
    for (const [, config] of variants) {
      evaluateReadiness({ objects: warm, config });
    }
  }
  const measured = variants.map(([name, config]) => {
    const runs = [];
    let report;
    for (let i = 0; i < pairs; i++) {
      const builtInRun = () =>
        timeFromCleanHeap(
          () => evaluateReadiness({ objects, config: builtIn }),
          () => evaluateReadiness({ objects: warm, config: builtIn }),
        ).ms;
      const customRun = () =>
        timeFromCleanHeap(
          () => evaluateReadiness({ objects, config }),
          () => evaluateReadiness({ objects: warm, config }),
        );
      // Each side goes first in every other pair, so that whatever the
      // first run of a pair leaves behind weighs on both sides alike.
      let before;
      let withCustom;
      if (i % 2 === 0) {
        before = builtInRun();
        withCustom = customRun();
      } else {
        withCustom = customRun();
        before = builtInRun();
      }
      runs.push([before, withCustom.ms]);
      report = withCustom.result;
    }
    const ids = new Set(config.customChecks.map(check => check.id));
    let results = 0;
    for (const subject of [...report.workloads, ...report.objects]) {
      for (const result of subject.results)
        if (ids.has(result.check)) results++;
    }
    return { name, runs, results };
  });
  return { objects: objects.length, compileMs: compile.ms, measured };
}

/**
 * The cost of custom checks: pairs of runs (built-in checks alone, then
 * with custom checks) taken in {@link CUSTOM_PROCESSES} fresh processes and
 * pooled. How V8 compiles the engine differs from one process to the next
 * (what it inlines, which call sites stay fast), and moves a process's
 * runs together by several percent: one process alone would show that
 * rather than the checks' cost. Shown: the best time of each side and
 * their ratio, the median of all pairs' ratios (the figure the goal is
 * about; a change of load on the machine moves it less), and each
 * process's median. All ten checks, then each scope's alone.
 */
function customChecks() {
  const children = [];
  for (let i = 0; i < CUSTOM_PROCESSES; i++) {
    const child = spawnSync(
      process.execPath,
      [__filename, '--custom-checks-child', ...(QUICK ? ['--quick'] : [])],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0) {
      throw new Error(`custom checks child failed: ${child.stderr}`);
    }
    children.push(JSON.parse(child.stdout));
  }
  console.log(
    `\nCustom checks: ${fmt(FILE_SIZE)} workloads (${fmt(
      children[0].objects,
    )} objects), the CEL checks of bench/customChecks.js; ${CUSTOM_PROCESSES} fresh processes x ${
      children[0].measured[0].runs.length
    } pairs of runs (built-in checks only and with custom checks, each side first in every other pair), each from a clean heap after an untimed 1,000-workload run that re-optimizes the engine`,
  );
  console.log(
    '  custom checks                   built-in only (best)   with them (best)   added (best)   added (median of all pairs)   per process (median of pairs)   custom results',
  );
  const percent = ratio =>
    `${ratio < 1 ? '−' : '+'}${fmt(Math.abs(ratio - 1) * 100, 1)} %`;
  children[0].measured.forEach(({ name, results }, index) => {
    const runs = children.flatMap(child => child.measured[index].runs);
    const base = Math.min(...runs.map(([before]) => before));
    const custom = Math.min(...runs.map(([, after]) => after));
    const perProcess = children.map(child =>
      percent(
        median(child.measured[index].runs.map(([b, a]) => a / b)),
      ).replace(' %', ''),
    );
    console.log(
      `  ${name.padEnd(30)}  ${`${fmt(base)} ms`.padStart(20)}   ${`${fmt(
        custom,
      )} ms`.padStart(16)}   ${percent(custom / base).padStart(12)}   ${percent(
        median(runs.map(([b, a]) => a / b)),
      ).padStart(27)}   ${`${perProcess.join(' / ')} %`.padStart(29)}   ${fmt(
        results,
      ).padStart(14)}`,
    );
  });
  console.log(
    '  goal: the 10 custom checks add at most 25 % (median of all pairs)',
  );
  console.log(
    `  validate + compile the ${
      CUSTOM_CHECKS.length
    } checks (first use: loads zod and the CEL library)  ${children
      .map(child => `${fmt(child.compileMs, 1)} ms`)
      .join(' / ')}`,
  );
}

/**
 * Runs `script` in a fresh Node process with the sources' transform and
 * returns what it prints as JSON, with the process's peak RSS.
 */
function inChild(script, args) {
  const child = spawnSync(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(
        require.resolve('../bin/sourceTransform'),
      )}).register();
const args = ${JSON.stringify(args)};
const out = (() => { ${script} })();
out.maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out));`,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (child.status !== 0) {
    throw new Error(`child failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout);
}

/** read + parseManifests of one file in a fresh process. */
const PARSE_SCRIPT = `
const fs = require('node:fs');
const { parseManifests } = require('@prodready/backstage-plugin-readiness-common');
const start = performance.now();
const cpu = process.cpuUsage();
const text = fs.readFileSync(args.file, 'utf8');
const parsed = parseManifests(text, { file: args.file, limits: { maxLength: 128 * 1024 * 1024 } });
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);
const withLine = parsed.objects.filter(o => o.line !== undefined).length;
return { ms, cpuMs: (used.user + used.system) / 1000, objects: parsed.objects.length, withLine, format: parsed.format };
`;

/** One candidate parser alone on the YAML text, in a fresh process. */
const CANDIDATE_SCRIPT = `
const fs = require('node:fs');
const text = fs.readFileSync(args.file, 'utf8');
const start = performance.now();
const cpu = process.cpuUsage();
switch (args.parser) {
  case 'js-yaml load': require('js-yaml').loadAll(text, () => {}); break;
  case 'js-yaml load, listener': {
    let lines = 0;
    require('js-yaml').loadAll(text, () => {}, { listener(event, state) { if (event === 'open') lines += state.line; } });
    break;
  }
  case 'yaml parseAllDocuments + toJS': {
    for (const doc of require('yaml').parseAllDocuments(text, { merge: true })) doc.toJS({ maxAliasCount: 100 });
    break;
  }
  case 'yaml Lexer + Parser + Composer': {
    const YAML = require('yaml');
    for (const doc of new YAML.Composer({ merge: true }).compose(new YAML.Parser().parse(text))) void doc;
    break;
  }
  case 'yaml Lexer + Parser (CST only)': {
    const YAML = require('yaml');
    for (const token of new YAML.Parser().parse(text)) void token;
    break;
  }
  case 'yaml Lexer alone': {
    const YAML = require('yaml');
    for (const token of new YAML.Lexer().lex(text)) void token;
    break;
  }
  case '@stoplight/yaml-ast-parser': require('@stoplight/yaml-ast-parser').loadAll(text, () => {}); break;
  default: throw new Error('unknown parser ' + args.parser);
}
const used = process.cpuUsage(cpu);
return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
`;

/**
 * Plain data as YAML in kubectl's layout: two-space indentation, sequences
 * not indented under their key, strings unquoted unless YAML would read
 * them as something else.
 */
function toYaml(value, indent = '') {
  const scalar = v => {
    if (typeof v !== 'string') return JSON.stringify(v);
    const plain =
      /^[\w/][\w./:@-]*$/.test(v) &&
      !/^(y|yes|n|no|true|false|on|off|null)$/i.test(v) &&
      !/^[-+]?[\d_]*\.?[\d_]*(e[-+]?\d+)?$/i.test(v) &&
      !/^0[xob]/i.test(v);
    return plain ? v : JSON.stringify(v);
  };
  const isEmpty = v =>
    typeof v === 'object' &&
    v !== null &&
    (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
  const lines = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !isEmpty(item)) {
        const body = toYaml(item, `${indent}  `);
        lines.push(`${indent}- ${body.slice(indent.length + 2)}`);
      } else {
        lines.push(
          `${indent}- ${isEmpty(item) ? JSON.stringify(item) : scalar(item)}\n`,
        );
      }
    }
    return lines.join('');
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null && !isEmpty(v)) {
      const childIndent = Array.isArray(v) ? indent : `${indent}  `;
      lines.push(`${indent}${scalar(key)}:\n${toYaml(v, childIndent)}`);
    } else {
      lines.push(
        `${indent}${scalar(key)}: ${
          isEmpty(v) ? JSON.stringify(v) : scalar(v)
        }\n`,
      );
    }
  }
  return lines.join('');
}

function yamlInput(dir, list, jsonFile) {
  const file = path.join(dir, 'cluster.yaml');
  fs.writeFileSync(file, toYaml(list));
  const bytes = fs.statSync(file).size;
  const mb = bytes / 1024 / 1024;
  console.log(
    `\nThe same List as kubectl-style YAML (one document): ${fmt(mb, 1)} MB`,
  );

  const measure = (target, runs) => {
    const results = [];
    for (let i = 0; i < runs; i++) {
      results.push(inChild(PARSE_SCRIPT, { file: target }));
    }
    const ms = median(results.map(r => r.ms));
    const cpuMs = median(results.map(r => r.cpuMs));
    const rss = median(results.map(r => r.maxRssMb));
    const targetMb = fs.statSync(target).size / 1024 / 1024;
    return { ms, cpuMs, rss, mb: targetMb, last: results[results.length - 1] };
  };
  const runCli = target => {
    const out = fs.openSync('/dev/null', 'w');
    const start = performance.now();
    const child = spawnSync(
      process.execPath,
      [BIN, 'check', target, '--format', 'json', ...SIZE_FLAG],
      { cwd: ROOT, stdio: ['ignore', out, 'pipe'] },
    );
    const ms = performance.now() - start;
    fs.closeSync(out);
    if (child.status !== 0 && child.status !== 1) {
      throw new Error(`the CLI failed (exit ${child.status}): ${child.stderr}`);
    }
    return ms;
  };

  const runs = 3;
  const yaml = measure(file, runs);
  const json = measure(jsonFile, runs);
  console.log(
    `  read + parseManifests in a fresh process (median of ${runs}), lines kept:`,
  );
  console.log(
    '    input   size (MB)   objects   with a line   time (ms)    MB/s   CPU (ms)   MB/s of CPU   peak RSS (MB)   RSS / size',
  );
  for (const [name, m] of [
    ['YAML', yaml],
    ['JSON', json],
  ]) {
    console.log(
      `    ${name.padEnd(5)} ${fmt(m.mb, 1).padStart(11)}   ${fmt(
        m.last.objects,
      ).padStart(7)}   ${fmt(m.last.withLine).padStart(11)}   ${fmt(
        m.ms,
      ).padStart(9)}   ${fmt((m.mb / m.ms) * 1000, 1).padStart(5)}   ${fmt(
        m.cpuMs,
      ).padStart(8)}   ${fmt((m.mb / m.cpuMs) * 1000, 1).padStart(11)}   ${fmt(
        m.rss,
      ).padStart(13)}   ${fmt(m.rss / m.mb, 1).padStart(10)}`,
    );
  }
  const cli = [];
  for (let i = 0; i < runs; i++) cli.push(runCli(file));
  console.log(
    `  full CLI on the YAML file, --format json > /dev/null (median)  ${fmt(
      median(cli),
    )} ms`,
  );

  if (YAML_PARSERS) {
    console.log(
      '  candidate YAML parsers alone on the same text (fresh process each, median of 3):',
    );
    console.log(
      '    parser                            time (ms)    MB/s   CPU (ms)   peak RSS (MB)',
    );
    for (const parser of [
      'js-yaml load',
      'js-yaml load, listener',
      'yaml parseAllDocuments + toJS',
      'yaml Lexer + Parser + Composer',
      'yaml Lexer + Parser (CST only)',
      'yaml Lexer alone',
      '@stoplight/yaml-ast-parser',
    ]) {
      const results = [];
      for (let i = 0; i < 3; i++) {
        results.push(inChild(CANDIDATE_SCRIPT, { file, parser }));
      }
      const ms = median(results.map(r => r.ms));
      console.log(
        `    ${parser.padEnd(32)}  ${fmt(ms).padStart(9)}   ${fmt(
          (mb / ms) * 1000,
          1,
        ).padStart(5)}   ${fmt(median(results.map(r => r.cpuMs))).padStart(
          8,
        )}   ${fmt(median(results.map(r => r.maxRssMb))).padStart(13)}`,
      );
    }
  }
}

main();
