import { customDefinitions, definitions } from '../__testUtils__/fixtures';
import { checkDocsLink, isCustomCheck } from './checkDocs';

const referenceUrl = (anchor: string) =>
  `https://docs.example/checks#${anchor}`;
const [encryptedVolumes, teamLabel] = customDefinitions;

describe('checkDocsLink', () => {
  it('links a built-in check to its section of the check reference', () => {
    expect(checkDocsLink(definitions[0], referenceUrl)).toBe(
      'https://docs.example/checks#readiness-probe',
    );
  });

  it('links a custom check to its own docsUrl, never the reference', () => {
    expect(checkDocsLink(encryptedVolumes, referenceUrl)).toBe(
      'https://wiki.acme.example/platform/encrypted-volumes',
    );
    expect(checkDocsLink(teamLabel, referenceUrl)).toBeUndefined();
  });

  it('offers no link for a docsUrl that is not a web address', () => {
    expect(
      checkDocsLink(
        { ...encryptedVolumes, docsUrl: 'ftp://files.acme.example/checks.txt' },
        referenceUrl,
      ),
    ).toBeUndefined();
  });
});

describe('isCustomCheck', () => {
  it('treats a definition without origin (an older backend) as built-in', () => {
    expect(isCustomCheck(definitions[0])).toBe(false);
    expect(isCustomCheck(teamLabel)).toBe(true);
  });
});
