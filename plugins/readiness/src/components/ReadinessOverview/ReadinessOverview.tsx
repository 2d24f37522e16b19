import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { AdoptionByTeamTable } from '../AdoptionByTeamTable';
import { EntityScoresTable } from '../EntityScoresTable';
import { OrganisationTrendCard } from '../OrganisationTrendCard';
import { TopFailingChecks } from '../TopFailingChecks';

/** Systems to filter by; without the catalog the filter simply lists none. */
function useSystemRefs(): string[] {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    try {
      const { items } = await catalogApi.getEntities({
        filter: { kind: 'System' },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      });
      return items.map(entity => stringifyEntityRef(entity)).sort();
    } catch {
      return [];
    }
  }, [catalogApi]);
  return value ?? [];
}

/**
 * The platform team's view at /readiness: adoption per team, the trend,
 * the checks worth a campaign, and every entity's score.
 */
export function ReadinessOverview() {
  const readinessApi = useApi(readinessApiRef);
  const systems = useSystemRefs();
  const { value, loading, error } = useAsync(async () => {
    const [adoption, failures, definitions] = await Promise.all([
      readinessApi.getOwnerAdoption(),
      readinessApi.getCheckFailures(),
      // Only titles and links: the failures name their checks without it.
      readinessApi.getChecks().catch(() => []),
    ]);
    return { adoption, failures, definitions };
  }, [readinessApi]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const adoption = value?.adoption ?? [];
  const totalEntities = adoption.reduce((sum, row) => sum + row.entities, 0);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AdoptionByTeamTable adoption={adoption} />
      </Grid>
      <Grid item xs={12} lg={4}>
        <OrganisationTrendCard />
      </Grid>
      <Grid item xs={12} lg={8}>
        <TopFailingChecks
          failures={value?.failures ?? []}
          definitions={value?.definitions ?? []}
          totalEntities={totalEntities}
        />
      </Grid>
      <Grid item xs={12}>
        <EntityScoresTable
          owners={adoption
            .map(row => row.owner)
            .filter(o => o !== 'unowned')
            .sort()}
          systems={systems}
        />
      </Grid>
    </Grid>
  );
}
