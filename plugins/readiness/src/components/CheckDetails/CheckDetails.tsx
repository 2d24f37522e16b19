import { CodeSnippet, Link, MarkdownContent } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { isCustomCheck, type CheckDocsLink } from '../../model/checkDocs';
import type { CheckRow } from '../../model/checkRows';
import { CheckOccurrences } from '../CheckOccurrences';

/**
 * How to fix a check. A custom check's remediation is Markdown written by
 * the platform team; a built-in one's is plain prose with a YAML snippet.
 */
function Remediation(props: { definition: CheckDefinition }) {
  const { definition } = props;
  if (!definition.remediation) return null;
  if (isCustomCheck(definition)) {
    return (
      <Typography variant="body2" component="div" paragraph>
        <MarkdownContent content={definition.remediation} />
      </Typography>
    );
  }
  return (
    <Typography variant="body2" paragraph>
      {definition.remediation}
    </Typography>
  );
}

/**
 * How to highlight a fix: workload fixes are YAML fragments (`key:` first),
 * platform fixes often a helm, kubectl or velero command.
 */
export function snippetLanguage(snippet: string): 'yaml' | 'bash' {
  const firstLine = snippet
    .split('\n')
    .map(line => line.trim())
    .find(line => line !== '' && !line.startsWith('#'));
  return firstLine === undefined || /^([\w.-]+:(\s|$)|- )/.test(firstLine)
    ? 'yaml'
    : 'bash';
}

/** The words of a docs link: the check reference only has built-in checks. */
function linkText(definition: CheckDefinition, needsFix: boolean): string {
  if (isCustomCheck(definition)) {
    return needsFix
      ? "Read more in the check's documentation"
      : 'About this check in its documentation';
  }
  return needsFix
    ? 'Read more in the check reference'
    : 'About this check in the check reference';
}

/**
 * Everything needed to act on one check: why it matters, where it fails
 * (workload, container, field path), and the fix to copy.
 */
export function CheckDetails(props: {
  row: CheckRow;
  docsLink: CheckDocsLink;
}) {
  const { row, docsLink } = props;
  const { definition } = row;
  const link = definition && docsLink(definition);
  // A passing or skipped check needs no fix; an exempt one will once the
  // exemption ends, so it keeps the remediation.
  const needsFix =
    row.status === 'fail' || row.status === 'error' || row.status === 'exempt';
  // A custom check may come with nothing to say about the fix.
  const showFix =
    needsFix &&
    definition !== undefined &&
    Boolean(definition.remediation || definition.remediationSnippet || link);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={showFix ? 6 : 12}>
        {definition?.rationale && (
          <>
            <Typography variant="overline" component="h4">
              Why it matters
            </Typography>
            <Typography variant="body2" paragraph>
              {definition.rationale}
            </Typography>
          </>
        )}
        <Typography variant="overline" component="h4">
          Where it was checked
        </Typography>
        <CheckOccurrences occurrences={row.occurrences} />
        {definition && link && !showFix && (
          <Typography variant="body2">
            <Link to={link}>{linkText(definition, false)}</Link>
          </Typography>
        )}
      </Grid>
      {showFix && definition && (
        <Grid item xs={12} md={6}>
          <Typography variant="overline" component="h4">
            How to fix it
          </Typography>
          <Remediation definition={definition} />
          {definition.remediationSnippet && (
            <CodeSnippet
              text={definition.remediationSnippet}
              language={snippetLanguage(definition.remediationSnippet)}
              showCopyCodeButton
            />
          )}
          {link && (
            <Typography variant="body2">
              <Link to={link}>{linkText(definition, true)}</Link>
            </Typography>
          )}
        </Grid>
      )}
    </Grid>
  );
}
