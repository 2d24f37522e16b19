/**
 * Campaigns shaped like the backend's answers: the demo's PDB campaign over
 * the freight services, running, with two teams and a week of burndown; and
 * an overdue one.
 */
import type {
  CampaignDetail,
  CampaignSummary,
  EntityCampaignStatus,
} from '@prodready/backstage-plugin-readiness-common';

export const pdbCampaign: CampaignSummary = {
  id: 'pdb-everywhere',
  title: 'PDB campaign',
  description:
    'Every service gets a **PodDisruptionBudget**, so node drains keep it up. See [the guide](https://wiki.acme.example/pdb).',
  checks: ['readiness-probe', 'pdb'],
  target: { kinds: ['Component'], systems: ['system:default/freight'] },
  startDate: '2026-11-01',
  dueDate: '2027-01-31',
  owner: 'group:default/platform',
  origin: 'config',
  status: 'running',
  progress: { inScope: 10, passing: 6, failing: 3, exempt: 1 },
};

export const overdueCampaign: CampaignSummary = {
  id: 'runbooks',
  title: 'Runbooks for all',
  checks: ['runbook'],
  target: {},
  startDate: '2026-09-01',
  dueDate: '2026-10-31',
  origin: 'api',
  status: 'overdue',
  progress: { inScope: 4, passing: 1, failing: 3, exempt: 0 },
};

export const pdbCampaignDetail: CampaignDetail = {
  ...pdbCampaign,
  owners: [
    {
      owner: 'group:default/cx',
      inScope: 4,
      passing: 1,
      failing: 2,
      exempt: 1,
    },
    {
      owner: 'group:default/fulfilment',
      inScope: 5,
      passing: 5,
      failing: 0,
      exempt: 0,
    },
    { owner: '', inScope: 1, passing: 0, failing: 1, exempt: 0 },
  ],
  burndown: [
    { day: '2026-11-01', inScope: 10, passing: 2, failing: 7, exempt: 1 },
    { day: '2026-11-02', inScope: 10, passing: 4, failing: 5, exempt: 1 },
    { day: '2026-11-03', inScope: 10, passing: 6, failing: 3, exempt: 1 },
  ],
};

export const entityCampaigns: EntityCampaignStatus[] = [
  { campaign: pdbCampaign, failingChecks: ['pdb'] },
  { campaign: overdueCampaign, failingChecks: ['runbook', 'liveness-probe'] },
];
