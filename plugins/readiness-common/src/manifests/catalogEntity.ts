import type { SourcedObject } from '../types';

/**
 * True for a Backstage catalog entity (`apiVersion: backstage.io/...`) read
 * among Kubernetes manifests, such as a service's catalog-info.yaml.
 *
 * @public
 */
export function isCatalogEntity(source: SourcedObject): boolean {
  const apiVersion = source.object.apiVersion;
  return (
    typeof apiVersion === 'string' && apiVersion.startsWith('backstage.io/')
  );
}
