import {
  describeBurndown,
  describeProgress,
  describeTarget,
  doneShare,
  entityNoun,
  formatCampaignDay,
} from './campaigns';

describe('campaign presentation', () => {
  it('shows campaign days as UTC days, with the year when asked', () => {
    expect(formatCampaignDay('2027-01-31')).toBe('31 Jan');
    expect(formatCampaignDay('2027-01-01', { withYear: true })).toBe(
      '1 Jan 2027',
    );
  });

  it('counts passing and exempt entities as done', () => {
    const tally = { inScope: 10, passing: 6, failing: 3, exempt: 1 };
    expect(doneShare(tally)).toBe(0.7);
    expect(describeProgress(tally)).toBe('7 of 10 done (70 %)');
  });

  it('says when nothing is in scope rather than dividing by zero', () => {
    const empty = { inScope: 0, passing: 0, failing: 0, exempt: 0 };
    expect(describeProgress(empty)).toBe('No entity in scope');
    expect(doneShare(empty)).toBe(1);
  });

  it('calls an entity by its component type, else by its kind', () => {
    expect(entityNoun({ kind: 'Component', spec: { type: 'service' } })).toBe(
      'service',
    );
    expect(entityNoun({ kind: 'Component', spec: { type: 'website' } })).toBe(
      'website',
    );
    expect(entityNoun({ kind: 'Resource', spec: { type: 'database' } })).toBe(
      'resource',
    );
  });

  it('lists only the target filters a campaign sets', () => {
    expect(
      describeTarget({
        kinds: ['Component'],
        owners: [],
        tags: ['java', 'go'],
      }),
    ).toEqual(['Kinds: Component', 'Tags: java, go']);
    expect(describeTarget({})).toEqual([]);
  });

  it('describes the burndown from its first to its latest day', () => {
    expect(describeBurndown([])).toMatch(/^No burndown yet/);
    expect(
      describeBurndown([
        { day: '2026-11-01', inScope: 10, passing: 2, failing: 7, exempt: 1 },
        { day: '2026-11-03', inScope: 10, passing: 6, failing: 3, exempt: 1 },
      ]),
    ).toBe('3 of 10 failing on 3 Nov; 7 of 10 on 1 Nov.');
  });
});
