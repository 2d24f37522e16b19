import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

// In a real backend, a plugin calling another on a user's behalf sends a
// user token naming the calling plugin as actor, and the permission backend
// requires that actor for conditional decisions. The mock auth service drops
// it, so this one keeps it, as the real service does.
export const authKeepingActor = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const base = mockServices.auth({ pluginId: plugin.getId() });
    const auth: AuthService = Object.create(base);
    auth.getPluginRequestToken = async options => {
      const principal = options.onBehalfOf.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type !== 'user' || !principal.userEntityRef) {
        return base.getPluginRequestToken(options);
      }
      const token = mockCredentials.user.token(principal.userEntityRef, {
        actor: { subject: `plugin:${plugin.getId()}` },
      });
      return { token };
    };
    return auth;
  },
});
