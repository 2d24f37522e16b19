/**
 * The readiness plugin for the new frontend system: the entity tab and
 * card, the /readiness page with its sub-pages, and the API.
 *
 * @packageDocumentation
 */
import { Content } from '@backstage/core-components';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import ReadinessIcon from '@material-ui/icons/AssignmentTurnedIn';
import { readinessApiRef, ReadinessClient } from './api';
import { loadEntityReadinessContent } from './components/EntityReadinessContent/load';
import { CAMPAIGNS_PATH } from './hooks/useCampaignLink';
import { isReadinessAvailable } from './model/entity';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** @alpha */
export const readinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The /readiness page; its title and icon make the sidebar entry. The tabs
 * are the sub-pages below.
 *
 * @alpha
 */
export const readinessPage = PageBlueprint.make({
  params: {
    path: '/readiness',
    title: 'Readiness',
    icon: <ReadinessIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
  },
});

/** @alpha */
export const readinessOverviewSubPage = SubPageBlueprint.make({
  name: 'overview',
  params: {
    path: 'overview',
    title: 'Overview',
    loader: () =>
      import('./components/ReadinessOverview').then(m => (
        <Content>
          <m.ReadinessOverview />
        </Content>
      )),
  },
});

/**
 * The campaigns and their progress; `?campaign=<id>` shows one campaign
 * with its teams and burndown, so the entity banner can link to it.
 *
 * @alpha
 */
export const readinessCampaignsSubPage = SubPageBlueprint.make({
  name: 'campaigns',
  params: {
    path: CAMPAIGNS_PATH,
    title: 'Campaigns',
    loader: () =>
      import('./components/ReadinessCampaigns').then(m => (
        <Content>
          <m.ReadinessCampaigns />
        </Content>
      )),
  },
});

/**
 * The clusters side by side: which platform capabilities each one has.
 *
 * @alpha
 */
export const readinessPlatformSubPage = SubPageBlueprint.make({
  name: 'platform',
  params: {
    path: 'platform',
    title: 'Platform',
    loader: () =>
      import('./components/PlatformReadiness').then(m => (
        <Content>
          <m.PlatformReadiness />
        </Content>
      )),
  },
});

/** @alpha */
export const readinessChecksSubPage = SubPageBlueprint.make({
  name: 'checks',
  params: {
    path: 'checks',
    title: 'Checks',
    loader: () =>
      import('./components/ChecksCatalog').then(m => (
        <Content>
          <m.ChecksCatalog />
        </Content>
      )),
  },
});

/**
 * The health of the workload sources, for administrators (it says so to
 * others).
 *
 * @alpha
 */
export const readinessSourcesSubPage = SubPageBlueprint.make({
  name: 'sources',
  params: {
    path: 'sources',
    title: 'Sources',
    loader: () =>
      import('./components/SourceHealthTable').then(m => (
        <Content>
          <m.SourceHealthTable />
        </Content>
      )),
  },
});

/**
 * The Readiness tab, on entities the backend scores, and on a cluster's
 * `Resource` of type `kubernetes-cluster` (its platform readiness). Its route ref lets the
 * card and the overview link to it at the path configured for it.
 *
 * @alpha
 */
export const entityReadinessContent = EntityContentBlueprint.make({
  params: {
    path: 'readiness',
    routeRef: convertLegacyRouteRef(entityContentRouteRef),
    title: 'Readiness',
    filter: isReadinessAvailable,
    loader: () =>
      loadEntityReadinessContent().then(m => <m.EntityReadinessContent />),
  },
});

/**
 * The readiness card, beside the entity's About card: a glance with the
 * way to the tab. Its filter is the tab's, so it shows where the tab does.
 *
 * @alpha
 */
export const entityReadinessCard = EntityCardBlueprint.make({
  params: {
    type: 'info',
    filter: isReadinessAvailable,
    loader: () =>
      import('./components/EntityReadinessCard').then(m => (
        <m.EntityReadinessCard />
      )),
  },
});

/**
 * `ui:field: UniqueEntityNamePicker` for Software Templates: a name field
 * that refuses, in the form, a name the catalog already has. The
 * production-ready-service template uses it.
 *
 * @alpha
 */
export const uniqueEntityNamePickerFormField = FormFieldBlueprint.make({
  name: 'unique-entity-name-picker',
  params: {
    field: () =>
      import('./components/UniqueEntityNamePicker/field').then(
        m => m.uniqueEntityNamePickerField,
      ),
  },
});

/**
 * `ui:field: UniqueRepoUrlPicker` for Software Templates: the scaffolder's
 * RepoUrlPicker, refusing in the form a repository that already exists
 * where the template publishes it (the `publishTo` field on the same page:
 * `github`, or a target a backend module checks). The
 * production-ready-service template uses it.
 *
 * @alpha
 */
export const uniqueRepoUrlPickerFormField = FormFieldBlueprint.make({
  name: 'unique-repo-url-picker',
  params: {
    field: () =>
      import('./components/UniqueRepoUrlPicker/field').then(
        m => m.uniqueRepoUrlPickerField,
      ),
  },
});

/**
 * The readiness plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'readiness',
  title: 'Readiness',
  icon: <ReadinessIcon />,
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  }),
  extensions: [
    readinessApi,
    readinessPage,
    readinessOverviewSubPage,
    readinessCampaignsSubPage,
    readinessPlatformSubPage,
    readinessChecksSubPage,
    readinessSourcesSubPage,
    entityReadinessContent,
    entityReadinessCard,
    uniqueEntityNamePickerFormField,
    uniqueRepoUrlPickerFormField,
  ],
});
