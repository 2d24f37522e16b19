import {
  campaignDefinitionOf,
  campaignFormOf,
  campaignFormProblems,
  campaignIdFrom,
  emptyCampaignForm,
} from './campaignForm';

const NOW = new Date('2026-12-06T22:30:00Z');

function filled() {
  return {
    ...emptyCampaignForm(NOW),
    title: 'Every service has a PDB',
    id: 'every-service-has-a-pdb',
    checks: ['pdb'],
  };
}

describe('campaignForm', () => {
  it('starts a campaign today (UTC) and runs it for 30 days', () => {
    const form = emptyCampaignForm(NOW);
    expect([form.startDate, form.dueDate]).toEqual([
      '2026-12-06',
      '2027-01-05',
    ]);
  });

  it.each([
    ['Every service: a PDB!', 'every-service-a-pdb'],
    ['  Q1 -- runbooks  ', 'q1-runbooks'],
    ['Réseau sécurisé', 'reseau-securise'],
    ['!!!', ''],
    ['a'.repeat(70), 'a'.repeat(63)],
    [`${'a'.repeat(62)} b`, 'a'.repeat(62)],
  ])('makes the id of %j %j', (title, id) => {
    expect(campaignIdFrom(title)).toBe(id);
  });

  it('has nothing to say about a filled-in form', () => {
    expect(campaignFormProblems(filled(), new Set())).toEqual({});
  });

  it('asks for a title, an id, a check and dates in order', () => {
    const form = {
      ...emptyCampaignForm(NOW),
      startDate: '2026-12-10',
      dueDate: '2026-12-09',
    };
    expect(campaignFormProblems(form, new Set())).toEqual({
      title: 'Give the campaign a title.',
      id: 'Give the campaign an id.',
      checks: 'Choose at least one check.',
      dueDate: 'The due date comes before the first day.',
    });
    expect(
      campaignFormProblems({ ...form, startDate: '', dueDate: '' }, new Set()),
    ).toMatchObject({
      startDate: 'Choose the first day.',
      dueDate: 'Choose the due date.',
    });
  });

  it('refuses ids the API would refuse, and ids already taken', () => {
    for (const id of ['Upper', 'two--dashes', '-edge', 'a_b', 'a'.repeat(64)]) {
      expect(campaignFormProblems({ ...filled(), id }, new Set()).id).toMatch(
        /^Lower-case letters/,
      );
    }
    expect(
      campaignFormProblems(filled(), new Set(['every-service-has-a-pdb'])).id,
    ).toBe('A campaign with this id exists; choose another.');
  });

  it('sends trimmed values and leaves out empty filters and fields', () => {
    const form = {
      ...filled(),
      title: '  Every service has a PDB ',
      target: {
        owners: [' group:default/team-a '],
        systems: [],
        kinds: ['Component', '  '],
        lifecycles: [],
        tags: [],
      },
      owner: '  ',
      description: 'Ask #platform. ',
    };
    expect(campaignDefinitionOf(form)).toEqual({
      id: 'every-service-has-a-pdb',
      title: 'Every service has a PDB',
      checks: ['pdb'],
      target: { owners: ['group:default/team-a'], kinds: ['Component'] },
      startDate: '2026-12-06',
      dueDate: '2027-01-05',
      description: 'Ask #platform.',
    });
  });

  it('opens an existing campaign as it is, and sends it back unchanged', () => {
    const campaign = {
      id: 'pdb-everywhere',
      title: 'PDB campaign',
      description: 'Why.',
      checks: ['pdb'],
      target: { kinds: ['Component'], systems: ['system:default/freight'] },
      startDate: '2026-11-01',
      dueDate: '2027-01-31',
      owner: 'group:default/platform',
    };
    const form = campaignFormOf(campaign);
    expect(form.idEdited).toBe(true);
    expect(form.target.owners).toEqual([]);
    expect(campaignDefinitionOf(form)).toEqual(campaign);
    // The form's lists are its own: editing them leaves the campaign alone.
    form.checks.push('replicas');
    expect(campaign.checks).toEqual(['pdb']);
  });
});
