import { filtersFromParams, paramsWithFilters } from './overviewFilters';

describe('filtersFromParams', () => {
  it('reads each filter from the parameter the API uses for it', () => {
    expect(
      filtersFromParams(
        new URLSearchParams(
          'owner=group:default/cx&system=system:default/freight&level=gold&q=notif&drift=true',
        ),
      ),
    ).toEqual({
      owner: 'group:default/cx',
      system: 'system:default/freight',
      level: 'gold',
      search: 'notif',
      drift: true,
    });
  });

  it('ignores a level that does not exist, an empty value and drift other than true', () => {
    expect(
      filtersFromParams(new URLSearchParams('level=platinum&owner=&drift=1')),
    ).toEqual({});
  });
});

describe('paramsWithFilters', () => {
  it('sets the filters in use, removes the others and keeps parameters it does not own', () => {
    const next = paramsWithFilters(
      new URLSearchParams('level=gold&owner=group:default/cx&tab=x'),
      { owner: 'group:default/payments-team', drift: true },
    );
    expect(next.toString()).toBe(
      'owner=group%3Adefault%2Fpayments-team&tab=x&drift=true',
    );
  });

  it('round-trips through the URL', () => {
    const filters = {
      owner: 'group:ops/sre',
      level: 'none' as const,
      search: 'a&b',
      drift: true,
    };
    expect(
      filtersFromParams(
        new URLSearchParams(
          paramsWithFilters(new URLSearchParams(), filters).toString(),
        ),
      ),
    ).toEqual(filters);
  });
});
