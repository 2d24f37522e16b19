import { scorecard } from '../__testUtils__/fixtures';
import {
  platformOverview,
  stagingScorecard,
} from '../__testUtils__/platformFixtures';
import { ReadinessClient } from './ReadinessClient';

const BASE_URL = 'http://backstage/api/readiness';

function clientAnswering(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
  const client = new ReadinessClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ReadinessClient', () => {
  it('reads a scorecard by encoded kind, namespace and name', async () => {
    const { client, fetch } = clientAnswering(() => json(scorecard));

    await expect(
      client.getScorecard({
        kind: 'Component',
        namespace: 'team a',
        name: 'web/1',
      }),
    ).resolves.toEqual(scorecard);
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/entities/Component/team%20a/web%2F1`,
      undefined,
    );
  });

  it('answers undefined when the entity has no scorecard', async () => {
    const { client } = clientAnswering(() =>
      json({ error: { name: 'NotFoundError', message: 'none' } }, 404),
    );
    await expect(
      client.getScorecard('component:default/web'),
    ).resolves.toBeUndefined();
  });

  it('throws the response error for other failures', async () => {
    const { client } = clientAnswering(() =>
      json({ error: { name: 'Error', message: 'boom' } }, 500),
    );
    await expect(
      client.getScorecard('component:default/web'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 500 });
  });

  it('posts a refresh and returns the new scorecard', async () => {
    const { client, fetch } = clientAnswering(() => json(scorecard));
    await client.refreshScorecard('component:default/web');
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/entities/component/default/web/refresh`,
      { method: 'POST' },
    );
  });

  it('passes only the overview filters that are set', async () => {
    const { client, fetch } = clientAnswering(() =>
      json({ items: [], total: 0, limit: 20, offset: 40 }),
    );
    await client.getOverview({
      owner: 'group:default/team-a',
      level: 'gold',
      q: undefined,
      sort: 'score',
      order: 'desc',
      limit: 20,
      offset: 40,
    });
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/overview?owner=group%3Adefault%2Fteam-a&level=gold&sort=score&order=desc&limit=20&offset=40`,
      undefined,
    );
  });

  it('unwraps the items of list answers', async () => {
    const { client, fetch } = clientAnswering(() => json({ items: [1, 2] }));
    await expect(
      client.getScoreHistory('component:default/web', { days: 30 }),
    ).resolves.toEqual([1, 2]);
    expect(fetch).toHaveBeenLastCalledWith(
      `${BASE_URL}/entities/component/default/web/history?days=30`,
      undefined,
    );
    await expect(client.getOwnerAdoption()).resolves.toEqual([1, 2]);
    await expect(client.getOrganisationTrend()).resolves.toEqual([1, 2]);
    await expect(client.getCheckFailures()).resolves.toEqual([1, 2]);
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      `${BASE_URL}/entities/component/default/web/history?days=30`,
      `${BASE_URL}/overview/groups`,
      `${BASE_URL}/overview/history`,
      `${BASE_URL}/overview/checks`,
    ]);
  });

  it('sends the repository location encoded, so its own ? and & stay in it', async () => {
    const answer = { available: false, checked: true, reason: 'taken' };
    const { client, fetch } = clientAnswering(() => json(answer));
    await expect(
      client.getPublishTargetAvailability({
        repoUrl: 'github.com?owner=acme&repo=web',
        publishTo: 'github',
      }),
    ).resolves.toEqual(answer);
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/readiness/publish-targets/availability');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      repoUrl: 'github.com?owner=acme&repo=web',
      publishTo: 'github',
    });
  });
});

describe('ReadinessClient platform routes', () => {
  it('reads the platform overview as the backend sends it', async () => {
    const { client, fetch } = clientAnswering(() => json(platformOverview));
    await expect(client.getPlatformOverview()).resolves.toEqual(
      platformOverview,
    );
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/platform/clusters`,
      undefined,
    );
  });

  it('reads a cluster scorecard by its encoded name', async () => {
    const { client, fetch } = clientAnswering(() => json(stagingScorecard));
    await expect(client.getPlatformScorecard('eu/staging 2')).resolves.toEqual(
      stagingScorecard,
    );
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/platform/clusters/eu%2Fstaging%202`,
      undefined,
    );
  });

  it('answers undefined for a cluster without a scorecard, and throws other failures', async () => {
    let status = 404;
    const { client } = clientAnswering(() =>
      json({ error: { name: 'NotFoundError', message: 'none' } }, status),
    );
    await expect(client.getPlatformScorecard('dev')).resolves.toBeUndefined();
    status = 403;
    await expect(client.getPlatformScorecard('dev')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });

  it("unwraps a cluster's history and passes the number of days", async () => {
    const { client, fetch } = clientAnswering(() => json({ items: [1, 2] }));
    await expect(
      client.getPlatformHistory('prod-eu', { days: 30 }),
    ).resolves.toEqual([1, 2]);
    await client.getPlatformHistory('prod-eu');
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      `${BASE_URL}/platform/clusters/prod-eu/history?days=30`,
      `${BASE_URL}/platform/clusters/prod-eu/history`,
    ]);
  });
});

describe('ReadinessClient campaign routes', () => {
  const definition = {
    id: 'pdb q1',
    title: 'Every service has a PDB',
    checks: ['pdb'],
    target: { kinds: ['Component'] },
    startDate: '2026-11-01',
    dueDate: '2027-01-31',
  };

  it('lists campaigns and reads one by its encoded id, undefined when unknown', async () => {
    let status = 200;
    const { client, fetch } = clientAnswering(() =>
      status === 200
        ? json({ items: [definition] })
        : json({ error: { name: 'NotFoundError', message: 'none' } }, status),
    );
    await expect(client.getCampaigns()).resolves.toEqual([definition]);
    status = 404;
    await expect(client.getCampaign('pdb q1')).resolves.toBeUndefined();
    status = 500;
    await expect(client.getCampaign('pdb q1')).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      `${BASE_URL}/campaigns`,
      `${BASE_URL}/campaigns/pdb%20q1`,
      `${BASE_URL}/campaigns/pdb%20q1`,
    ]);
  });

  it('puts a campaign as JSON and deletes one, throwing refusals', async () => {
    let status = 200;
    const { client, fetch } = clientAnswering(() =>
      status === 200
        ? json(definition)
        : json({ error: { name: 'NotAllowedError', message: 'no' } }, status),
    );
    await client.saveCampaign(definition);
    expect(fetch).toHaveBeenLastCalledWith(`${BASE_URL}/campaigns/pdb%20q1`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(definition),
    });
    await client.deleteCampaign('pdb q1');
    expect(fetch).toHaveBeenLastCalledWith(`${BASE_URL}/campaigns/pdb%20q1`, {
      method: 'DELETE',
    });
    status = 403;
    await expect(client.deleteCampaign('pdb q1')).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it("unwraps an entity's campaigns", async () => {
    const { client, fetch } = clientAnswering(() => json({ items: [] }));
    await expect(
      client.getEntityCampaigns('component:default/web'),
    ).resolves.toEqual([]);
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/entities/component/default/web/campaigns`,
      undefined,
    );
  });
});

describe('ReadinessClient.getChecks', () => {
  it('fetches the check catalogue once and shares it', async () => {
    const { client, fetch } = clientAnswering(() => json({ items: [] }));
    await Promise.all([client.getChecks(), client.getChecks()]);
    await client.getChecks();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks again after a failure', async () => {
    let status = 503;
    const { client, fetch } = clientAnswering(() =>
      json(status === 200 ? { items: [] } : { error: {} }, status),
    );
    await expect(client.getChecks()).rejects.toMatchObject({
      statusCode: 503,
    });
    status = 200;
    await expect(client.getChecks()).resolves.toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
