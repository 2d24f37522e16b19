/**
 * Loads the conformance corpus (fixtures and expectations of established
 * Kubernetes checkers, see ../shared/conformance/README.md) and judges our
 * verdicts against theirs by the rules in its mapping.json.
 *
 * Test support only: it reads files, so it is not exported from the package.
 */
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { ReadinessConfig, DEFAULT_READINESS_CONFIG } from '../config';
import { evaluateReadiness } from '../engine/evaluate';
import { compileLabelSelector, selectorMatches } from '../model/selectors';
import { objectName, objectNamespace, toWorkload } from '../model/workloads';
import {
  CheckResult,
  KubeObject,
  ReadinessReport,
  SourcedObject,
} from '../types';
import { asArray, asRecord } from '../util/guards';

/** One assertion of a peer's test suite about one fixture. */
export interface Expectation {
  file: string;
  check: string | null;
  expected: string | null;
  objectKind: string | null;
  objectName: string | null;
}

/** How one peer check maps to ours. */
export interface MappingRow {
  peer: string;
  peerCheck: string;
  ours: string[];
  compare: 'both' | 'fail' | 'pass';
  note: string;
}

/** A disagreement we accept, with the reason from checks.md. */
export interface ConformanceException {
  peer: string;
  file: string;
  peerCheck: string;
  objectKind: string | null;
  objectName: string | null;
  reason: string;
}

/** The judgement of one record. */
export interface Judgement {
  peer: string;
  record: Expectation;
  ours: string[];
  outcome: 'agree' | 'disagree' | 'not-comparable';
  /** Our verdict, when comparable. */
  verdict?: 'pass' | 'fail' | 'error';
}

const PEERS = ['polaris', 'kube-linter'];
const SPEC_WORKLOAD_PEERS_CONFIG: Record<string, Partial<ReadinessConfig>> = {
  // mapping.json: "run with minReplicas 3" (kube-linter's default threshold).
  'kube-linter/minimum-three-replicas': { minReplicas: 3 },
};

/**
 * The corpus folder: `../shared/conformance` next to the repository root
 * (the directory holding backstage.json), or undefined when absent.
 */
export function findCorpusDir(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'backstage.json'))) {
      const corpus = path.resolve(dir, '..', 'shared', 'conformance');
      return fs.existsSync(path.join(corpus, 'mapping.json'))
        ? corpus
        : undefined;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Why the run must fail for want of a corpus: in CI (the `CI` environment
 * variable set, and not to `false` or `0`) the comparison may not be skipped.
 * Undefined when the corpus is there or not required.
 */
export function missingCorpusProblem(
  corpus: string | undefined,
  env: Record<string, string | undefined>,
): string | undefined {
  if (corpus) return undefined;
  const ci = env.CI?.trim().toLowerCase();
  if (!ci || ci === 'false' || ci === '0') return undefined;
  return 'Conformance corpus not found at ../shared/conformance (next to the repository root), and CI is set: the comparison with peer checkers must run in CI.';
}

/**
 * Every object of a fixture: multi-document YAML (or JSON), `kind: List`
 * flattened, malformed documents ignored.
 */
export function loadFixture(file: string): SourcedObject[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const objects: SourcedObject[] = [];
  const visit = (value: unknown) => {
    const object = asRecord(value);
    if (!object) return;
    if (object.kind === 'List' && Array.isArray(object.items)) {
      object.items.forEach(visit);
      return;
    }
    objects.push({ object: object as KubeObject, file });
  };
  for (const document of parseAllDocuments(text)) {
    if (!('errors' in document) || document.errors.length > 0) continue;
    try {
      visit(document.toJS());
    } catch {
      // An unresolvable alias or similar: ignore the document.
    }
  }
  return objects;
}

/** mapping.json, peer expectations and the mapping rows by peer/check. */
export function loadCorpus(dir: string): {
  mapping: Map<string, MappingRow>;
  records: Array<{ peer: string; record: Expectation }>;
} {
  const mappingFile = JSON.parse(
    fs.readFileSync(path.join(dir, 'mapping.json'), 'utf8'),
  );
  const mapping = new Map<string, MappingRow>();
  for (const row of mappingFile.mapping as MappingRow[]) {
    mapping.set(`${row.peer}/${row.peerCheck}`, row);
  }
  const records: Array<{ peer: string; record: Expectation }> = [];
  for (const peer of PEERS) {
    const expectations = JSON.parse(
      fs.readFileSync(path.join(dir, peer, 'expectations.json'), 'utf8'),
    ) as Expectation[];
    for (const record of expectations) records.push({ peer, record });
  }
  return { mapping, records };
}

/** Identity of a record, as exceptions name it. */
export function recordKey(
  peer: string,
  record: Pick<Expectation, 'file' | 'objectKind' | 'objectName'> & {
    peerCheck: string;
  },
): string {
  return [
    peer,
    record.file,
    record.peerCheck,
    record.objectKind ?? '',
    record.objectName ?? '',
  ].join('|');
}

/** Results of our workload and object reports that the record is about. */
function resultsForRecord(
  record: Expectation,
  objects: readonly SourcedObject[],
  report: ReadinessReport,
): CheckResult[][] {
  const kind = record.objectKind;
  const name = record.objectName;
  const named = (object: KubeObject) =>
    name === null || objectName(object) === name;

  if (kind === 'PodDisruptionBudget' || kind === 'HorizontalPodAutoscaler') {
    // mapping.json: evaluated on the workload the PDB selects / the HPA
    // targets; not comparable without one.
    const targets = new Set<string>();
    for (const { object } of objects) {
      if (object.kind !== kind || !named(object)) continue;
      const namespace = objectNamespace(object, 'default');
      const spec = asRecord(object.spec);
      if (kind === 'HorizontalPodAutoscaler') {
        const target = asRecord(spec?.scaleTargetRef);
        targets.add(`${target?.kind}|${namespace}|${target?.name}`);
        continue;
      }
      const selector = compileLabelSelector(spec?.selector, 'nothing');
      for (const source of objects) {
        const workload = toWorkload(source);
        if (
          workload &&
          workload.namespace === namespace &&
          selectorMatches(selector, workload.podLabels)
        ) {
          targets.add(
            `${workload.kind}|${workload.namespace}|${workload.name}`,
          );
        }
      }
    }
    return report.workloads
      .filter(w => targets.has(`${w.kind}|${w.namespace}|${w.name}`))
      .map(w => w.results);
  }
  return [...report.workloads, ...report.objects]
    .filter(
      entry => entry.kind === kind && (name === null || entry.name === name),
    )
    .map(entry => entry.results);
}

/** Our verdict per mapping.json's "verdict" rule, or undefined if not comparable. */
function verdictOf(
  resultSets: CheckResult[][],
  ours: readonly string[],
): 'pass' | 'fail' | 'error' | undefined {
  let sawPass = false;
  let sawError = false;
  for (const results of resultSets) {
    for (const result of results) {
      if (!ours.includes(result.check)) continue;
      if (result.status === 'fail') return 'fail';
      if (result.status === 'pass') sawPass = true;
      if (result.status === 'error' || result.status === 'exempt') {
        sawError = true;
      }
    }
  }
  if (sawError) return 'error';
  return sawPass ? 'pass' : undefined;
}

/** Judges every in-scope record of the corpus. */
export function judgeCorpus(dir: string): Judgement[] {
  const { mapping, records } = loadCorpus(dir);
  const fixtures = new Map<string, SourcedObject[]>();
  const reports = new Map<string, ReadinessReport>();
  const judgements: Judgement[] = [];

  for (const { peer, record } of records) {
    const row = record.check
      ? mapping.get(`${peer}/${record.check}`)
      : undefined;
    // mapping.json "scope": no row, or an expectation other than pass/fail.
    if (!row || (record.expected !== 'pass' && record.expected !== 'fail')) {
      continue;
    }
    // mapping.json "compare": which of the peer's records must hold for us.
    if (row.compare !== 'both' && row.compare !== record.expected) continue;

    const file = path.join(dir, peer, record.file);
    let objects = fixtures.get(file);
    if (!objects) {
      objects = loadFixture(file);
      fixtures.set(file, objects);
    }
    const overrides = SPEC_WORKLOAD_PEERS_CONFIG[`${peer}/${row.peerCheck}`];
    const reportKey = `${file}|${overrides ? row.peerCheck : ''}`;
    let report = reports.get(reportKey);
    if (!report) {
      report = evaluateReadiness({
        objects,
        config: {
          ...DEFAULT_READINESS_CONFIG,
          ...overrides,
        } as ReadinessConfig,
        now: new Date('2025-06-01T00:00:00Z'),
      });
      reports.set(reportKey, report);
    }
    const verdict = verdictOf(
      resultsForRecord(record, objects, report),
      row.ours,
    );
    judgements.push({
      peer,
      record,
      ours: row.ours,
      outcome: outcomeOf(verdict, record.expected),
      verdict,
    });
  }
  return judgements;
}

/** A plain-text agreement table per peer and per peer check. */
export function agreementTable(judgements: readonly Judgement[]): string {
  const rows = new Map<
    string,
    { agree: number; disagree: number; notComparable: number }
  >();
  const bump = (key: string, outcome: Judgement['outcome']) => {
    const row = rows.get(key) ?? { agree: 0, disagree: 0, notComparable: 0 };
    if (outcome === 'agree') row.agree++;
    else if (outcome === 'disagree') row.disagree++;
    else row.notComparable++;
    rows.set(key, row);
  };
  for (const judgement of judgements) {
    bump(`${judgement.peer} (all)`, judgement.outcome);
    bump(
      `${judgement.peer} ${judgement.record.check} → ${judgement.ours.join(
        '+',
      )}`,
      judgement.outcome,
    );
  }
  const lines = ['check | agree | disagree | not comparable | agreement'];
  for (const [key, row] of [...rows.entries()].sort()) {
    const compared = row.agree + row.disagree;
    const percent =
      compared === 0 ? '-' : `${Math.round((100 * row.agree) / compared)}%`;
    lines.push(
      `${key} | ${row.agree} | ${row.disagree} | ${row.notComparable} | ${percent}`,
    );
  }
  return lines.join('\n');
}

/** Reads the project's list of accepted disagreements. */
export function loadExceptions(file: string): ConformanceException[] {
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  return asArray(parsed.exceptions ?? parsed) as ConformanceException[];
}

/** Whether our verdict on a record agrees with the peer's expectation. */
function outcomeOf(
  verdict: Judgement['verdict'],
  expected: string,
): 'agree' | 'disagree' | 'not-comparable' {
  if (verdict === undefined) return 'not-comparable';
  return verdict === expected ? 'agree' : 'disagree';
}
