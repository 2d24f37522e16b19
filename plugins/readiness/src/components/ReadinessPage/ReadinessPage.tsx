import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { CAMPAIGNS_PATH } from '../../hooks';
import { ChecksCatalog } from '../ChecksCatalog';
import { PlatformReadiness } from '../PlatformReadiness';
import { ReadinessCampaigns } from '../ReadinessCampaigns';
import { ReadinessOverview } from '../ReadinessOverview';
import { SourceHealthTable } from '../SourceHealthTable';

/**
 * The /readiness page of the legacy frontend system, with its own header
 * and tabs (TabbedLayout wraps each tab in Content). The new frontend
 * system builds the same tabs from sub-pages.
 */
export function ReadinessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Production readiness"
        subtitle="Where every service and cluster stands against the go-live checks, and what to fix first"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Overview">
          <ReadinessOverview />
        </TabbedLayout.Route>
        <TabbedLayout.Route path={`/${CAMPAIGNS_PATH}`} title="Campaigns">
          <ReadinessCampaigns />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/platform" title="Platform">
          <PlatformReadiness />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/checks" title="Checks">
          <ChecksCatalog />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/sources" title="Sources">
          <SourceHealthTable />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
