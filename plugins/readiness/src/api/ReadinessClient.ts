import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { ReadinessApi } from './ReadinessApi';

/**
 * Talks to the readiness backend at /api/readiness.
 *
 * @public
 */
export class ReadinessClient implements ReadinessApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getChecks(): Promise<CheckDefinition[]> {
    const body = await this.#request<{ items: CheckDefinition[] }>('/checks');
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
