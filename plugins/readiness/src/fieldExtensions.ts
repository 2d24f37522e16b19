import {
  RepoUrlPickerFieldExtension,
  RepoUrlPickerFieldSchema,
} from '@backstage/plugin-scaffolder';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  UniqueEntityNamePicker,
  UniqueEntityNamePickerFieldSchema,
  validateUniqueEntityName,
} from './components/UniqueEntityNamePicker';
import { stockRepoUrlPicker } from './components/UniqueRepoUrlPicker/stockRepoUrlPicker';
import { validateUniqueRepoUrl } from './components/UniqueRepoUrlPicker/validation';
import { readinessPlugin } from './plugin';

/**
 * `ui:field: UniqueEntityNamePicker` for a legacy app's scaffolder: a name
 * field that refuses, in the form, a name the catalog already has. Add it
 * inside `<ScaffolderFieldExtensions>` of the `/create` route.
 *
 * @public
 */
export const UniqueEntityNamePickerFieldExtension = readinessPlugin.provide(
  createScaffolderFieldExtension({
    name: 'UniqueEntityNamePicker',
    component: UniqueEntityNamePicker,
    validation: validateUniqueEntityName,
    schema: UniqueEntityNamePickerFieldSchema.schema,
  }),
);

/**
 * `ui:field: UniqueRepoUrlPicker` for a legacy app's scaffolder: the stock
 * RepoUrlPicker, refusing in the form a repository that already exists where
 * the template publishes it. Add it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const UniqueRepoUrlPickerFieldExtension: typeof RepoUrlPickerFieldExtension =
  readinessPlugin.provide(
    createScaffolderFieldExtension({
      name: 'UniqueRepoUrlPicker',
      component: stockRepoUrlPicker(),
      validation: validateUniqueRepoUrl,
      schema: RepoUrlPickerFieldSchema.schema,
    }),
  );
