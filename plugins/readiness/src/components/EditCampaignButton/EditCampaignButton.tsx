import Button from '@material-ui/core/Button';
import EditIcon from '@material-ui/icons/Edit';
import type {
  CampaignSummary,
  CheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import { useState } from 'react';
import { useMayChangeCampaign } from '../../hooks';
import { CampaignFormDialog } from '../CampaignFormDialog';

/**
 * Changes a campaign made through the API (its dates, checks, scope...),
 * for those allowed to manage campaigns. Campaigns from configuration are
 * changed there, so they get no button.
 */
export function EditCampaignButton(props: {
  campaign: CampaignSummary;
  definitions: CheckDefinition[];
  onSaved: () => void;
}) {
  const { campaign, definitions, onSaved } = props;
  const mayChange = useMayChangeCampaign(campaign);
  const [open, setOpen] = useState(false);
  if (!mayChange) return null;
  return (
    <>
      <Button
        size="small"
        startIcon={<EditIcon />}
        onClick={() => setOpen(true)}
      >
        Edit
      </Button>
      {open && (
        <CampaignFormDialog
          campaign={campaign}
          definitions={definitions}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            onSaved();
          }}
        />
      )}
    </>
  );
}
