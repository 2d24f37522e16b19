import { getComponentData } from '@backstage/core-plugin-api';
import { RepoUrlPickerFieldExtension } from '@backstage/plugin-scaffolder';
import type {
  FieldExtensionComponentProps,
  FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import { createElement } from 'react';

/**
 * The key under which `createScaffolderFieldExtension` attaches a field's
 * options to its extension component (FIELD_EXTENSION_KEY in
 * @backstage/plugin-scaffolder-react, not exported). The legacy app reads
 * every field through it, so it stays stable.
 */
const FIELD_EXTENSION_KEY = 'scaffolder.extensions.field.v1';

/** The RepoUrlPicker's props: a location string and its ui:options. */
export type RepoUrlPickerProps = FieldExtensionComponentProps<string, any>;

/**
 * The scaffolder's own RepoUrlPicker component. The package exports it only
 * as a field extension, so it is taken from the options that extension
 * carries: the form shows exactly the stock picker, hosts, owners,
 * autocomplete and user credentials included.
 */
export function stockRepoUrlPicker(): (
  props: RepoUrlPickerProps,
) => JSX.Element | null {
  const options = getComponentData<FieldExtensionOptions<string, any>>(
    createElement(RepoUrlPickerFieldExtension),
    FIELD_EXTENSION_KEY,
  );
  if (options?.name !== 'RepoUrlPicker' || !options.component) {
    throw new Error(
      'The RepoUrlPicker of @backstage/plugin-scaffolder could not be found: this version no longer attaches it to RepoUrlPickerFieldExtension',
    );
  }
  return options.component;
}
