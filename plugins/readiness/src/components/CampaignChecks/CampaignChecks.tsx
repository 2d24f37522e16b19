import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { useCheckDocsLink } from '../../hooks';

/**
 * A campaign's checks as chips of their ids, titled and linked to their
 * documentation when the catalogue knows them (a check removed since the
 * campaign was defined is still shown, unlinked).
 */
export function CampaignChecks(props: {
  checks: string[];
  definitions: CheckDefinition[];
}) {
  const docsLink = useCheckDocsLink();
  const byId = new Map(props.definitions.map(check => [check.id, check]));
  return (
    <Box display="flex" flexWrap="wrap" gridGap={4}>
      {props.checks.map(id => {
        const definition = byId.get(id);
        const link = definition ? docsLink(definition) : undefined;
        // The link holds the chip, so it is announced as a link to the docs.
        const chip = link ? (
          <Link to={link}>
            <Chip size="small" label={id} clickable />
          </Link>
        ) : (
          <Chip size="small" label={id} />
        );
        return definition ? (
          <Tooltip key={id} title={definition.title}>
            {chip}
          </Tooltip>
        ) : (
          <span key={id}>{chip}</span>
        );
      })}
    </Box>
  );
}
