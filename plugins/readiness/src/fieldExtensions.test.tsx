import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  UniqueEntityNamePickerFieldExtension,
  UniqueRepoUrlPickerFieldExtension,
} from './fieldExtensions';
import { validateUniqueEntityName } from './components/UniqueEntityNamePicker';
import { validateUniqueRepoUrl } from './components/UniqueRepoUrlPicker/validation';

// What the legacy scaffolder page does with the children of
// <ScaffolderFieldExtensions>: it collects each field's name, component and
// validation, and templates then find the field by its `ui:field` name.
function CollectedFields(props: { outlet: JSX.Element }) {
  const fields = useCustomFieldExtensions(props.outlet);
  return (
    <ul>
      {fields.map(field => (
        <li key={field.name}>
          {field.name}:
          {field.validation === validateUniqueEntityName ? 'name check' : ''}
          {field.validation === validateUniqueRepoUrl ? 'repository check' : ''}
          {typeof field.component === 'function' ? ' with component' : ''}
        </li>
      ))}
    </ul>
  );
}

describe('field extensions for a legacy app', () => {
  it('give the legacy scaffolder both fields under the names templates use', async () => {
    // ScaffolderFieldExtensions is a marker the page looks for in its
    // outlet, as in the README's App.tsx snippet.
    const outlet = (
      <ScaffolderFieldExtensions>
        <UniqueEntityNamePickerFieldExtension />
        <UniqueRepoUrlPickerFieldExtension />
      </ScaffolderFieldExtensions>
    );
    const { getByText } = await renderInTestApp(
      <CollectedFields outlet={outlet} />,
    );
    expect(
      getByText('UniqueEntityNamePicker:name check with component'),
    ).toBeInTheDocument();
    expect(
      getByText('UniqueRepoUrlPicker:repository check with component'),
    ).toBeInTheDocument();
  });
});
