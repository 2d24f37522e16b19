import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { CheckDocsLink } from '../../model/checkDocs';
import type { CheckRow } from '../../model/checkRows';
import { CheckDetails } from '../CheckDetails';
import { SeverityChip } from '../SeverityChip';
import { StatusChip } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    width: '100%',
  },
  text: { flex: '1 1 300px', minWidth: 0 },
  where: { marginLeft: 'auto' },
}));

/** How many places fail, e.g. `2 of 3 workloads failing`. */
function failingShare(row: CheckRow): string | undefined {
  if (row.status !== 'fail' || row.occurrences.length < 2) return undefined;
  const failing = row.occurrences.filter(o => o.result.status === 'fail');
  return `${failing.length} of ${row.occurrences.length} failing`;
}

/**
 * One check: its status, severity, title and message; the details open on
 * demand, so a report of many checks renders quickly.
 */
export function CheckAccordion(props: {
  row: CheckRow;
  docsLink: CheckDocsLink;
}) {
  const { row, docsLink } = props;
  const classes = useStyles();
  const share = failingShare(row);

  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`check-${row.id}-details`}
        id={`check-${row.id}-summary`}
      >
        <div className={classes.summary}>
          <StatusChip status={row.status} />
          <SeverityChip severity={row.severity} />
          <div className={classes.text}>
            <Typography variant="subtitle1" component="h4">
              {row.title}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {row.message}
            </Typography>
          </div>
          {share && (
            <Typography
              variant="caption"
              color="textSecondary"
              className={classes.where}
            >
              {share}
            </Typography>
          )}
        </div>
      </AccordionSummary>
      <AccordionDetails id={`check-${row.id}-details`}>
        <CheckDetails row={row} docsLink={docsLink} />
      </AccordionDetails>
    </Accordion>
  );
}
