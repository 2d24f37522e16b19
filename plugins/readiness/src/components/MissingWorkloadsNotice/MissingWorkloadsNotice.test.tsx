import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { MissingWorkloadsNotice } from './MissingWorkloadsNotice';

describe('MissingWorkloadsNotice', () => {
  it('explains that only operations checks ran and which annotation to add', async () => {
    await renderInTestApp(<MissingWorkloadsNotice />);

    expect(
      screen.getByText('No Kubernetes workloads are linked to this entity'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Only the operations checks/)).toBeInTheDocument();
    for (const annotation of [
      'backstage.io/kubernetes-id',
      'backstage.io/kubernetes-label-selector',
      'prodready.dev/manifests',
    ]) {
      expect(screen.getByText(annotation)).toBeInTheDocument();
    }
  });
});
