import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { UniqueEntityNamePickerFieldSchema } from './schema';
import { UniqueEntityNamePicker } from './UniqueEntityNamePicker';
import { validateUniqueEntityName } from './validation';

/** The field, as templates name it in `ui:field`. */
export const uniqueEntityNamePickerField = createFormField({
  name: 'UniqueEntityNamePicker',
  component: UniqueEntityNamePicker,
  validation: validateUniqueEntityName,
  schema: UniqueEntityNamePickerFieldSchema,
});
