import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CampaignDefinition,
  CampaignDetail,
  CampaignSummary,
  CheckDefinition,
  CheckFailureCount,
  EntityCampaignStatus,
  EntityScorecard,
  OrganisationTrendPoint,
  OverviewPage,
  OverviewQuery,
  OwnerAdoption,
  PlatformOverview,
  PlatformScorecard,
  PublishTargetAvailability,
  ScoreHistoryPoint,
  SourceHealth,
} from '@prodready/backstage-plugin-readiness-common';
import { ReadinessApi, ReadinessEntityRef } from './ReadinessApi';

const NOT_FOUND = 404;

/** `/entities/<kind>/<namespace>/<name>`, each segment encoded. */
function entityPath(entityRef: ReadinessEntityRef): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** `/platform/clusters/<cluster>`, the name encoded. */
function clusterPath(cluster: string): string {
  return `/platform/clusters/${encodeURIComponent(cluster)}`;
}

/** `/campaigns/<id>`, the id encoded. */
function campaignPath(id: string): string {
  return `/campaigns/${encodeURIComponent(id)}`;
}

/** `?a=1&b=x` from the defined values only; '' when there are none. */
function queryString(
  params: Record<string, string | number | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Talks to the readiness backend at /api/readiness.
 *
 * @public
 */
export class ReadinessClient implements ReadinessApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  #checks?: Promise<CheckDefinition[]>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /**
   * The catalogue changes only with a backend release: it is fetched once
   * per page load and shared by the card, the tab and the catalogue page.
   */
  getChecks(): Promise<CheckDefinition[]> {
    if (!this.#checks) {
      this.#checks = this.#request<{ items: CheckDefinition[] }>(
        '/checks',
      ).then(body => body.items);
      // A failure is not kept: the next caller asks again.
      this.#checks.catch(() => {
        this.#checks = undefined;
      });
    }
    return this.#checks;
  }

  async getScorecard(
    entityRef: ReadinessEntityRef,
  ): Promise<EntityScorecard | undefined> {
    try {
      return await this.#request<EntityScorecard>(entityPath(entityRef));
    } catch (error) {
      // No scorecard is an answer, not a failure: the UI offers to evaluate.
      if (error instanceof ResponseError && error.statusCode === NOT_FOUND) {
        return undefined;
      }
      throw error;
    }
  }

  async getScoreHistory(
    entityRef: ReadinessEntityRef,
    options?: { days?: number },
  ): Promise<ScoreHistoryPoint[]> {
    const body = await this.#request<{ items: ScoreHistoryPoint[] }>(
      `${entityPath(entityRef)}/history${queryString({ days: options?.days })}`,
    );
    return body.items;
  }

  async refreshScorecard(
    entityRef: ReadinessEntityRef,
  ): Promise<EntityScorecard> {
    return this.#request<EntityScorecard>(`${entityPath(entityRef)}/refresh`, {
      method: 'POST',
    });
  }

  async getOverview(query: OverviewQuery = {}): Promise<OverviewPage> {
    const { drift, ...rest } = query;
    // Only `drift=true` filters; leaving it out shows every entity.
    return this.#request<OverviewPage>(
      `/overview${queryString({ ...rest, drift: drift ? 'true' : undefined })}`,
    );
  }

  async getOwnerAdoption(): Promise<OwnerAdoption[]> {
    const body = await this.#request<{ items: OwnerAdoption[] }>(
      '/overview/groups',
    );
    return body.items;
  }

  async getOrganisationTrend(options?: {
    days?: number;
  }): Promise<OrganisationTrendPoint[]> {
    const body = await this.#request<{ items: OrganisationTrendPoint[] }>(
      `/overview/history${queryString({ days: options?.days })}`,
    );
    return body.items;
  }

  async getCheckFailures(): Promise<CheckFailureCount[]> {
    const body = await this.#request<{ items: CheckFailureCount[] }>(
      '/overview/checks',
    );
    return body.items;
  }

  async getSourceHealth(): Promise<SourceHealth[]> {
    const body = await this.#request<{ items: SourceHealth[] }>('/sources');
    return body.items;
  }

  async getPlatformOverview(): Promise<PlatformOverview> {
    return this.#request<PlatformOverview>('/platform/clusters');
  }

  async getPlatformScorecard(
    cluster: string,
  ): Promise<PlatformScorecard | undefined> {
    try {
      return await this.#request<PlatformScorecard>(clusterPath(cluster));
    } catch (error) {
      // Not configured or not evaluated yet: the tab says so.
      if (error instanceof ResponseError && error.statusCode === NOT_FOUND) {
        return undefined;
      }
      throw error;
    }
  }

  async getPlatformHistory(
    cluster: string,
    options?: { days?: number },
  ): Promise<ScoreHistoryPoint[]> {
    const body = await this.#request<{ items: ScoreHistoryPoint[] }>(
      `${clusterPath(cluster)}/history${queryString({ days: options?.days })}`,
    );
    return body.items;
  }

  async getPublishTargetAvailability(options: {
    repoUrl: string;
    publishTo: string;
  }): Promise<PublishTargetAvailability> {
    return this.#request<PublishTargetAvailability>(
      `/publish-targets/availability${queryString(options)}`,
    );
  }

  async getCampaigns(): Promise<CampaignSummary[]> {
    const body = await this.#request<{ items: CampaignSummary[] }>(
      '/campaigns',
    );
    return body.items;
  }

  async getCampaign(id: string): Promise<CampaignDetail | undefined> {
    try {
      return await this.#request<CampaignDetail>(campaignPath(id));
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === NOT_FOUND) {
        return undefined;
      }
      throw error;
    }
  }

  async saveCampaign(campaign: CampaignDefinition): Promise<CampaignSummary> {
    return this.#request<CampaignSummary>(campaignPath(campaign.id), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(campaign),
    });
  }

  async deleteCampaign(id: string): Promise<void> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('readiness');
    const response = await this.#fetchApi.fetch(
      `${baseUrl}${campaignPath(id)}`,
      { method: 'DELETE' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  async getEntityCampaigns(
    entityRef: ReadinessEntityRef,
  ): Promise<EntityCampaignStatus[]> {
    const body = await this.#request<{ items: EntityCampaignStatus[] }>(
      `${entityPath(entityRef)}/campaigns`,
    );
    return body.items;
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('readiness');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
