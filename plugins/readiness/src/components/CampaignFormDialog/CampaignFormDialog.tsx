import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import type {
  CampaignDefinition,
  CampaignSummary,
  CheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import { useMemo, useState } from 'react';
import { readinessApiRef } from '../../api';
import {
  CampaignForm,
  campaignDefinitionOf,
  campaignFormOf,
  campaignFormProblems,
  campaignIdFrom,
  emptyCampaignForm,
  TargetFilter,
  TARGET_FILTERS,
} from '../../model/campaignForm';
import { serverMessageOf } from '../../model/errors';

const NO_IDS: ReadonlySet<string> = new Set();

const FILTER_LABELS: Record<TargetFilter, { label: string; example: string }> =
  {
    owners: { label: 'Owners', example: 'group:default/payments-team' },
    systems: { label: 'Systems', example: 'system:default/freight' },
    kinds: { label: 'Kinds', example: 'Component' },
    lifecycles: { label: 'Lifecycles', example: 'production' },
    tags: { label: 'Tags', example: 'java' },
  };

/** A list of free values: typed, then Enter adds one. */
function ValuesField(props: {
  filter: TargetFilter;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { filter, values, onChange } = props;
  const { label, example } = FILTER_LABELS[filter];
  return (
    <Autocomplete<string, true, false, true>
      id={`campaign-form-${filter}`}
      multiple
      freeSolo
      // A value typed but not entered is kept when the field loses focus.
      autoSelect
      options={[]}
      value={values}
      onChange={(_event, value) => onChange(value)}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          // Always above the field: chips would otherwise cover it.
          InputLabelProps={{ shrink: true }}
          placeholder={values.length === 0 ? `Any, e.g. ${example}` : ''}
          margin="dense"
        />
      )}
    />
  );
}

/** One of the campaign's two days, as the browser's date picker. */
function DayField(props: {
  field: 'startDate' | 'dueDate';
  label: string;
  hint: string;
  form: CampaignForm;
  problem: string | undefined;
  onChange: (day: string) => void;
}) {
  const { field, label, hint, form, problem, onChange } = props;
  return (
    <TextField
      id={`campaign-form-${field}`}
      label={label}
      type="date"
      required
      fullWidth
      margin="dense"
      InputLabelProps={{ shrink: true }}
      value={form[field]}
      error={!!problem}
      helperText={problem ?? hint}
      onChange={event => onChange(event.target.value)}
    />
  );
}

/**
 * Starts a campaign through the API, or changes one made that way: title
 * and id, the checks to pass, the part of the catalog it covers, and its
 * dates. Problems a user can fix here are shown at their field; the
 * backend's refusal (an owner that is no entity ref, say) is shown above
 * the buttons.
 */
export function CampaignFormDialog(props: {
  onClose: () => void;
  onSaved: (campaign: CampaignSummary) => void;
  definitions: CheckDefinition[];
  /** The campaign to change; a new one when absent. Its id stays. */
  campaign?: CampaignDefinition;
  /** Ids already taken: PUT would replace such a campaign. */
  existingIds?: ReadonlySet<string>;
}) {
  const { onClose, onSaved, definitions, campaign } = props;
  const existingIds = props.existingIds ?? NO_IDS;
  const readinessApi = useApi(readinessApiRef);
  const [form, setForm] = useState<CampaignForm>(() =>
    campaign ? campaignFormOf(campaign) : emptyCampaignForm(new Date()),
  );
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  // Cluster checks score clusters, which are in no campaign's scope.
  const checkOptions = useMemo(
    () => definitions.filter(definition => definition.scope !== 'cluster'),
    [definitions],
  );
  const byId = useMemo(
    () => new Map(checkOptions.map(definition => [definition.id, definition])),
    [checkOptions],
  );
  const problems = campaignFormProblems(form, existingIds);
  // Problems show once the user tries to start the campaign, except a
  // taken id, which is worth knowing while typing.
  const shown = (field: keyof typeof problems) =>
    tried || (field === 'id' && existingIds.has(form.id.trim()))
      ? problems[field]
      : undefined;
  const update = (change: Partial<CampaignForm>) =>
    setForm(current => ({ ...current, ...change }));

  const submit = async () => {
    setTried(true);
    setRefusal(undefined);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      onSaved(await readinessApi.saveCampaign(campaignDefinitionOf(form)));
    } catch (error) {
      setRefusal(serverMessageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="campaign-form-title"
    >
      <DialogTitle id="campaign-form-title">
        {campaign ? `Edit “${campaign.title}”` : 'New campaign'}
      </DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={7}>
            <TextField
              id="campaign-form-title-field"
              label="Title"
              required
              fullWidth
              margin="dense"
              value={form.title}
              error={!!shown('title')}
              helperText={shown('title') ?? 'What the teams are asked to do'}
              onChange={event =>
                update({
                  title: event.target.value,
                  ...(form.idEdited
                    ? {}
                    : { id: campaignIdFrom(event.target.value) }),
                })
              }
            />
          </Grid>
          <Grid item xs={12} sm={5}>
            <TextField
              id="campaign-form-id"
              label="Id"
              required
              fullWidth
              margin="dense"
              value={form.id}
              disabled={!!campaign}
              error={!!shown('id')}
              helperText={shown('id') ?? "In the campaign's link"}
              onChange={event =>
                update({ id: event.target.value, idEdited: true })
              }
            />
          </Grid>
          <Grid item xs={12}>
            <Autocomplete<string, true, false, false>
              id="campaign-form-checks"
              multiple
              options={checkOptions.map(definition => definition.id)}
              value={form.checks}
              getOptionLabel={id => {
                const definition = byId.get(id);
                return definition ? `${definition.title} (${id})` : id;
              }}
              onChange={(_event, checks) => update({ checks })}
              renderInput={params => (
                <TextField
                  {...params}
                  label="Checks every entity in scope must pass"
                  required
                  margin="dense"
                  error={!!shown('checks')}
                  helperText={shown('checks') ?? ' '}
                />
              )}
            />
          </Grid>
          <Grid item xs={12}>
            <Typography variant="body2" color="textSecondary">
              The entities it covers: each filter given must match, and any of
              its values will do. Type a value and press Enter; leave them all
              empty to cover every scored entity.
            </Typography>
          </Grid>
          {TARGET_FILTERS.map(filter => (
            <Grid item xs={12} sm={filter === 'tags' ? 12 : 6} key={filter}>
              <ValuesField
                filter={filter}
                values={form.target[filter]}
                onChange={values =>
                  update({ target: { ...form.target, [filter]: values } })
                }
              />
            </Grid>
          ))}
          <Grid item xs={6} sm={3}>
            <DayField
              field="startDate"
              label="First day"
              hint="UTC"
              form={form}
              problem={shown('startDate')}
              onChange={startDate => update({ startDate })}
            />
          </Grid>
          <Grid item xs={6} sm={3}>
            <DayField
              field="dueDate"
              label="Due date"
              hint="Overdue after this day"
              form={form}
              problem={shown('dueDate')}
              onChange={dueDate => update({ dueDate })}
            />
          </Grid>
          <Grid item xs={12} sm={6}>
            <TextField
              id="campaign-form-owner"
              label="Run by"
              fullWidth
              margin="dense"
              placeholder="group:default/platform-team"
              helperText="Who gets the campaign's notices; optional"
              value={form.owner}
              onChange={event => update({ owner: event.target.value })}
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              id="campaign-form-description"
              label="About"
              fullWidth
              multiline
              minRows={3}
              margin="dense"
              helperText="Why, and where to get help (Markdown); optional"
              value={form.description}
              onChange={event => update({ description: event.target.value })}
            />
          </Grid>
        </Grid>
        {refusal && (
          <Alert severity="error" role="alert">
            {refusal}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving}
          onClick={submit}
        >
          {campaign ? 'Save' : 'Start campaign'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
