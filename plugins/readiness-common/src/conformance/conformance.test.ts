import path from 'path';
import { CHECK_DEFINITIONS } from '../checks/definitions';
import {
  agreementTable,
  findCorpusDir,
  judgeCorpus,
  loadExceptions,
  missingCorpusProblem,
  recordKey,
} from './corpus';

const corpus = findCorpusDir(__dirname);
const exceptionsFile = path.resolve(
  __dirname,
  '../../conformance-exceptions.json',
);

// The corpus sits outside the repository. On a developer's machine without
// it the comparison is skipped with a warning; in CI a missing corpus is a
// failure, so the comparison can never silently stop running.
const problem = missingCorpusProblem(corpus, process.env);

if (!corpus && !problem) {
  // eslint-disable-next-line no-console
  console.warn(
    'Conformance corpus not found at ../shared/conformance; skipping the conformance test (it fails instead when CI is set).',
  );
}

describe('the list of accepted disagreements', () => {
  const anchors = new Set(CHECK_DEFINITIONS.map(check => check.docsAnchor));

  it('cites the check reference in the repository, never a path on one machine', () => {
    const cited = loadExceptions(exceptionsFile).map(exception => {
      const links = [
        ...exception.reason.matchAll(/docs\/checks\.md#([a-z0-9-]+)/g),
      ].map(match => match[1]);
      return {
        file: exception.file,
        cites: links.length > 0 && links.every(anchor => anchors.has(anchor)),
        absolutePath: /(^|\s)\/[a-z]/i.test(exception.reason),
      };
    });
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter(entry => !entry.cites || entry.absolutePath)).toEqual(
      [],
    );
  });
});

describe('the conformance corpus', () => {
  it('is present whenever CI is set', () => {
    expect(problem).toBeUndefined();
  });

  it('is required in CI and optional elsewhere', () => {
    expect(missingCorpusProblem(undefined, { CI: 'true' })).toMatch(
      /corpus not found.*CI is set/,
    );
    expect(missingCorpusProblem(undefined, { CI: '1' })).toBeDefined();
    expect(missingCorpusProblem(undefined, {})).toBeUndefined();
    expect(missingCorpusProblem(undefined, { CI: 'false' })).toBeUndefined();
    expect(missingCorpusProblem('/corpus', { CI: 'true' })).toBeUndefined();
  });
});

(corpus ? describe : describe.skip)(
  'conformance with established checkers',
  () => {
    const judgements = corpus ? judgeCorpus(corpus) : [];
    const exceptions = loadExceptions(exceptionsFile);
    const listed = new Map(
      exceptions.map(exception => [
        recordKey(exception.peer, exception),
        exception,
      ]),
    );
    const keyOf = (judgement: (typeof judgements)[number]) =>
      recordKey(judgement.peer, {
        ...judgement.record,
        peerCheck: judgement.record.check ?? '',
      });

    it('prints the agreement table', () => {
      // eslint-disable-next-line no-console
      console.log(agreementTable(judgements));
      expect(judgements.length).toBeGreaterThan(0);
    });

    it('has no disagreement that is not listed with a reason', () => {
      const unlisted = judgements
        .filter(judgement => judgement.outcome === 'disagree')
        .filter(judgement => !listed.has(keyOf(judgement)))
        .map(
          judgement =>
            `${keyOf(judgement)}: peer ${judgement.record.expected}, ours ${
              judgement.verdict
            }`,
        );
      expect(unlisted).toEqual([]);
    });

    it('lists only exceptions that still disagree, each with a reason', () => {
      const disagreeing = new Set(
        judgements
          .filter(judgement => judgement.outcome === 'disagree')
          .map(keyOf),
      );
      const stale = exceptions
        .filter(
          exception => !disagreeing.has(recordKey(exception.peer, exception)),
        )
        .map(exception => recordKey(exception.peer, exception));
      expect(stale).toEqual([]);
      for (const exception of exceptions) {
        expect(exception.reason.trim().length).toBeGreaterThan(20);
      }
    });
  },
);
