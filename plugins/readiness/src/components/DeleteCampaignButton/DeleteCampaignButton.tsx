import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import Alert from '@material-ui/lab/Alert';
import type { CampaignSummary } from '@prodready/backstage-plugin-readiness-common';
import { useState } from 'react';
import { useMayChangeCampaign } from '../../hooks';
import { readinessApiRef } from '../../api';
import { serverMessageOf } from '../../model/errors';

/**
 * Deletes a campaign made through the API, after asking, for those allowed
 * to manage campaigns. Campaigns from configuration are changed there, so
 * they get no button.
 */
export function DeleteCampaignButton(props: {
  campaign: Pick<CampaignSummary, 'id' | 'title' | 'origin'>;
  onDeleted: () => void;
}) {
  const { campaign, onDeleted } = props;
  const readinessApi = useApi(readinessApiRef);
  const mayChange = useMayChangeCampaign(campaign);
  const [asking, setAsking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (!mayChange) return null;

  const remove = async () => {
    setDeleting(true);
    setFailure(undefined);
    try {
      await readinessApi.deleteCampaign(campaign.id);
      onDeleted();
    } catch (error) {
      setFailure(serverMessageOf(error));
      setDeleting(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        startIcon={<DeleteIcon />}
        onClick={() => setAsking(true)}
      >
        Delete
      </Button>
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        aria-labelledby="delete-campaign-title"
      >
        <DialogTitle id="delete-campaign-title">
          Delete “{campaign.title}”?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Its burndown goes with it. Scorecards and exemptions stay as they
            are.
          </DialogContentText>
          {failure && (
            <Alert severity="error" role="alert">
              {failure}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)}>Keep it</Button>
          <Button color="secondary" disabled={deleting} onClick={remove}>
            Delete campaign
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
