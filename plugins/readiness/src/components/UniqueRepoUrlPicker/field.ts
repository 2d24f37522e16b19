import { RepoUrlPickerFieldSchema } from '@backstage/plugin-scaffolder';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { stockRepoUrlPicker } from './stockRepoUrlPicker';
import { validateUniqueRepoUrl } from './validation';

/** The field, as templates name it in `ui:field`. */
export const uniqueRepoUrlPickerField = createFormField({
  name: 'UniqueRepoUrlPicker',
  component: stockRepoUrlPicker(),
  validation: validateUniqueRepoUrl,
  schema: RepoUrlPickerFieldSchema,
});
