import path from 'path';
import {
  agreementTable,
  findCorpusDir,
  judgeCorpus,
  loadExceptions,
  recordKey,
} from './corpus';

const corpus = findCorpusDir(__dirname);
const exceptionsFile = path.resolve(
  __dirname,
  '../../conformance-exceptions.json',
);

if (!corpus) {
  // eslint-disable-next-line no-console
  console.warn(
    'Conformance corpus not found at ../shared/conformance; skipping the conformance test.',
  );
}

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
