import { Content, ContentHeader } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ChecksCatalog } from '../ChecksCatalog';

/** The readiness overview page at /readiness. */
export function ReadinessPage() {
  return (
    <Content>
      <ContentHeader title="Production readiness" />
      <Typography paragraph>
        Every service in the catalog is scored against the checks below: the
        invariants that keep a service safe to change in production.
      </Typography>
      <ChecksCatalog />
    </Content>
  );
}
