import { PlatformRule } from './context';
import { everyNamespace, namespacesOf } from './namespaces';

export const namespaceQuotas: PlatformRule = {
  reads: () => ['Namespace', 'ResourceQuota', 'LimitRange'],
  evaluate({ index }) {
    const quotas = index.byNamespace('ResourceQuota');
    const limitRanges = index.byNamespace('LimitRange');
    const namespaces = index.applicationNamespaces();
    return everyNamespace(
      namespaces,
      namespace => {
        const missing = [
          quotas.has(namespace) ? undefined : 'ResourceQuota',
          limitRanges.has(namespace) ? undefined : 'LimitRange',
        ].filter(Boolean);
        return missing.length === 0
          ? undefined
          : {
              message: `Namespace ${namespace} has no ${missing.join(
                ' and no ',
              )}.`,
            };
      },
      {
        passed: total =>
          `All ${total} application namespaces have a ResourceQuota and a LimitRange.`,
        failed: count =>
          `${namespacesOf(
            count,
            namespaces.length,
          )} lack a ResourceQuota or a LimitRange.`,
      },
    );
  },
};
