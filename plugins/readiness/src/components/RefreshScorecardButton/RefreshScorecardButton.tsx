import { ResponseError } from '@backstage/errors';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import type { EntityScorecard } from '@prodready/backstage-plugin-readiness-common';
import { useState } from 'react';
import { readinessApiRef } from '../../api';
import { useRefreshPermission } from '../../hooks';

/**
 * Evaluates the entity now instead of waiting for the schedule. Shown only
 * to users allowed `readiness.entity.refresh` on this entity.
 */
export function RefreshScorecardButton(props: {
  entityRef: string;
  onRefreshed: (scorecard: EntityScorecard) => void;
  label?: string;
  variant?: 'text' | 'outlined' | 'contained';
}) {
  const {
    entityRef,
    onRefreshed,
    label = 'Refresh',
    variant = 'outlined',
  } = props;
  const readinessApi = useApi(readinessApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = useRefreshPermission(entityRef);
  const [busy, setBusy] = useState(false);

  if (!allowed) {
    return null;
  }

  const refresh = async () => {
    setBusy(true);
    try {
      onRefreshed(await readinessApi.refreshScorecard(entityRef));
    } catch (error) {
      // 429: evaluated moments ago; the backend says when to try again.
      if (error instanceof ResponseError && error.statusCode === 429) {
        alertApi.post({
          message: error.body.error.message,
          severity: 'info',
          display: 'transient',
        });
        return;
      }
      alertApi.post({
        message: `Could not evaluate ${entityRef}: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant={variant}
      color="primary"
      onClick={refresh}
      disabled={busy}
      startIcon={
        busy ? <CircularProgress size={16} color="inherit" /> : <RefreshIcon />
      }
    >
      {busy ? 'Evaluating…' : label}
    </Button>
  );
}
