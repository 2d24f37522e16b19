import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  createFieldValidation,
  Stepper,
} from '@backstage/plugin-scaffolder-react/alpha';
import {
  renderInTestApp,
  TestApiProvider,
  TestApiRegistry,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import readinessPlugin from '../../alpha';
import { UniqueEntityNamePicker } from './UniqueEntityNamePicker';
import { validateUniqueEntityName } from './validation';

const existing: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'parcel-tracker', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/fulfilment-team' },
  },
  {
    // Another entity's name, but the Kubernetes id a new service would take.
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'legacy-labels',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': 'label-archive' },
    },
    spec: { type: 'service', owner: 'group:default/fulfilment-team' },
  },
];

const catalogApi = catalogApiMock({ entities: existing });

async function errorsFor(name: string, options = {}) {
  const validation = createFieldValidation();
  await validateUniqueEntityName(name, validation, {
    apiHolder: TestApiRegistry.from([catalogApiRef, catalogApi]),
    formData: { name },
    schema: {},
    uiSchema: { 'ui:options': options },
  });
  return validation.__errors ?? [];
}

describe('validateUniqueEntityName', () => {
  it('accepts a name nobody uses', async () => {
    expect(await errorsFor('customs-broker')).toEqual([]);
  });

  it('refuses the name of a component the catalog already has, naming its owner', async () => {
    expect(await errorsFor('parcel-tracker')).toEqual([
      'component:default/parcel-tracker already exists in the catalog (owner: group:default/fulfilment-team). Choose another name.',
    ]);
  });

  it('looks for the kind and namespace the template creates', async () => {
    expect(await errorsFor('parcel-tracker', { kind: 'System' })).toEqual([]);
    expect(
      await errorsFor('parcel-tracker', { namespace: 'logistics' }),
    ).toEqual([]);
  });

  it("refuses a name that is already another entity's Kubernetes id", async () => {
    const [error] = await errorsFor('label-archive');
    expect(error).toContain(
      'component:default/legacy-labels already uses "label-archive" as its Kubernetes id',
    );
  });

  it('refuses a name that is not a valid entity name, without asking the catalog', async () => {
    const [error] = await errorsFor('-not valid-');
    expect(error).toMatch(/"-not valid-" is not a valid name/);
  });
});

describe('UniqueEntityNamePicker in a template form', () => {
  // A whole scaffolder form renders slowly the first time.
  jest.setTimeout(30_000);
  // The stepper scrolls to the top on each step; jsdom has no scrolling.
  beforeAll(() => {
    window.scrollTo = () => {};
  });

  const manifest = {
    title: 'New service',
    steps: [
      {
        title: 'About the service',
        schema: {
          required: ['name'],
          properties: {
            name: {
              title: 'Name',
              type: 'string',
              description: 'Unique name of the service.',
              'ui:field': 'UniqueEntityNamePicker',
            },
          },
        },
      },
    ],
  };

  async function renderForm() {
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <Stepper
          manifest={manifest}
          extensions={[
            {
              name: 'UniqueEntityNamePicker',
              component: UniqueEntityNamePicker,
              validation: validateUniqueEntityName,
            },
          ]}
          onCreate={async () => {}}
        />
      </TestApiProvider>,
    );
  }

  it('keeps the user on the page with the reason when the name is taken', async () => {
    await renderForm();
    await userEvent.type(screen.getByLabelText(/Name/), 'parcel-tracker');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    // Under the field, and in the form's list of errors.
    expect(
      await screen.findAllByText(
        /component:default\/parcel-tracker already exists/,
      ),
    ).not.toHaveLength(0);
    expect(document.getElementById('root_name__error')?.textContent).toContain(
      'already exists in the catalog',
    );
    expect(screen.getByRole('button', { name: 'Review' })).toBeInTheDocument();
  });

  it('moves on with a free name', async () => {
    await renderForm();
    await userEvent.type(screen.getByLabelText(/Name/), 'customs-broker');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Create' }),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByText(/already exists/)).not.toBeInTheDocument();
  });
});

describe('the form field in the new frontend system', () => {
  it('is an extension of the readiness plugin, for templates to name in ui:field', async () => {
    const extension = readinessPlugin.getExtension(
      'scaffolder-form-field:readiness/unique-entity-name-picker',
    );
    expect(extension).toBeDefined();
    const { uniqueEntityNamePickerField } = await import('./field');
    expect(uniqueEntityNamePickerField.$$type).toBe(
      '@backstage/scaffolder/FormField',
    );
  });
});
