import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { CampaignStatusChip } from './CampaignStatusChip';

describe('CampaignStatusChip', () => {
  const statuses = [
    ['scheduled', 'Scheduled'],
    ['running', 'Running'],
    ['overdue', 'Overdue'],
    ['completed', 'Completed'],
  ] as const;

  it.each(statuses)(
    'labels %s campaigns as %s, with an icon',
    async (status, label) => {
      await renderInTestApp(<CampaignStatusChip status={status} />);
      const chip = screen.getByText(label).closest('.MuiChip-root');
      expect(chip?.querySelector('svg')).not.toBeNull();
    },
  );

  it('gives each status a colour of its own', async () => {
    await renderInTestApp(
      <>
        {statuses.map(([status]) => (
          <CampaignStatusChip key={status} status={status} />
        ))}
      </>,
    );
    const classes = statuses.map(
      ([, label]) =>
        screen.getByText(label).closest('.MuiChip-root')!.className,
    );
    expect(new Set(classes).size).toBe(statuses.length);
  });
});
