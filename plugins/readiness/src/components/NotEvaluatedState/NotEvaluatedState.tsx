import { EmptyState } from '@backstage/core-components';
import type { EntityScorecard } from '@prodready/backstage-plugin-readiness-common';
import { RefreshScorecardButton } from '../RefreshScorecardButton';

/**
 * No scorecard yet: says when one will come, and offers to evaluate now to
 * those allowed to.
 */
export function NotEvaluatedState(props: {
  entityRef: string;
  onEvaluated: (scorecard: EntityScorecard) => void;
}) {
  const { entityRef, onEvaluated } = props;
  return (
    <EmptyState
      missing="data"
      title="Not evaluated yet"
      description="The readiness backend scores entities on a schedule and has no scorecard for this one yet. It appears after the next run; if you may, evaluate it now."
      action={
        <RefreshScorecardButton
          entityRef={entityRef}
          onRefreshed={onEvaluated}
          label="Evaluate now"
          variant="contained"
        />
      }
    />
  );
}
