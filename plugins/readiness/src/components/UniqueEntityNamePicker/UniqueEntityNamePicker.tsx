import TextField from '@material-ui/core/TextField';
import type { UniqueEntityNamePickerProps } from './schema';

/**
 * A text field for the name of the entity a template creates. The name is
 * checked against the catalog when the user moves on (see
 * validateUniqueEntityName), so a taken name is refused in the form, not
 * after the run has started.
 */
export function UniqueEntityNamePicker(props: UniqueEntityNamePickerProps) {
  const {
    onChange,
    required,
    schema: { title = 'Name', description = 'Unique name of the component' },
    rawErrors,
    formData,
    uiSchema,
    idSchema,
    placeholder,
  } = props;
  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      placeholder={placeholder}
      helperText={description}
      required={required}
      value={formData ?? ''}
      onChange={event => onChange(event.target.value)}
      margin="normal"
      error={(rawErrors?.length ?? 0) > 0}
      inputProps={{ autoFocus: uiSchema['ui:autofocus'] }}
      FormHelperTextProps={{ margin: 'dense', style: { marginLeft: 0 } }}
    />
  );
}
