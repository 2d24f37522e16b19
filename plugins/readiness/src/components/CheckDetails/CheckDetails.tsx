import { CodeSnippet, Link } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { CheckRow } from '../../model/checkRows';
import { CheckOccurrences } from '../CheckOccurrences';

/**
 * Everything needed to act on one check: why it matters, where it fails
 * (workload, container, field path), and the fix to copy.
 */
export function CheckDetails(props: {
  row: CheckRow;
  docsUrl: (docsAnchor: string) => string;
}) {
  const { row, docsUrl } = props;
  const { definition } = row;
  // A passing or skipped check needs no fix; an exempt one will once the
  // exemption ends, so it keeps the remediation.
  const showFix =
    row.status === 'fail' || row.status === 'error' || row.status === 'exempt';

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={showFix ? 6 : 12}>
        {definition && (
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
        {definition && !showFix && (
          <Typography variant="body2">
            <Link to={docsUrl(definition.docsAnchor)}>
              About this check in the check reference
            </Link>
          </Typography>
        )}
      </Grid>
      {showFix && definition && (
        <Grid item xs={12} md={6}>
          <Typography variant="overline" component="h4">
            How to fix it
          </Typography>
          <Typography variant="body2" paragraph>
            {definition.remediation}
          </Typography>
          {definition.remediationSnippet && (
            <CodeSnippet
              text={definition.remediationSnippet}
              language="yaml"
              showCopyCodeButton
            />
          )}
          <Typography variant="body2">
            <Link to={docsUrl(definition.docsAnchor)}>
              Read more in the check reference
            </Link>
          </Typography>
        </Grid>
      )}
    </Grid>
  );
}
