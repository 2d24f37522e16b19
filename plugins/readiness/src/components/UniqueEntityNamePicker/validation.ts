import {
  KubernetesValidatorFunctions,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import type { UniqueEntityNamePickerOptions } from './schema';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * Refuses, while the form is filled in, a name the template cannot use: not
 * a valid entity name, already an entity of that kind in the catalog, or
 * already another entity's Kubernetes id (the template names its namespace
 * and workload after the service).
 */
export const validateUniqueEntityName: CustomFieldValidator<
  string,
  UniqueEntityNamePickerOptions
> = async (name, validation, context) => {
  if (!name) return; // "required" is the schema's business.
  if (!KubernetesValidatorFunctions.isValidObjectName(name)) {
    validation.addError(
      `"${name}" is not a valid name: use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`,
    );
    return;
  }
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) {
    throw new Error(
      'Cannot check the name against the catalog: the catalog API is not available in this app',
    );
  }
  const { kind = 'Component', namespace = 'default' } =
    context.uiSchema?.['ui:options'] ?? {};

  const existing = await catalogApi.getEntityByRef({ kind, namespace, name });
  if (existing) {
    const owner = existing.spec?.owner;
    validation.addError(
      `${stringifyEntityRef(existing)} already exists in the catalog${
        owner ? ` (owner: ${owner})` : ''
      }. Choose another name.`,
    );
    return;
  }

  const { items } = await catalogApi.getEntities({
    filter: { [`metadata.annotations.${KUBERNETES_ID}`]: name },
    fields: ['kind', 'metadata.name', 'metadata.namespace'],
  });
  if (items.length > 0) {
    validation.addError(
      `${stringifyEntityRef(
        items[0],
      )} already uses "${name}" as its Kubernetes id (${KUBERNETES_ID}), and the new service would take the same namespace and workload names. Choose another name.`,
    );
  }
};
