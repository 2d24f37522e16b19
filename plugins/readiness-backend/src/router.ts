import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CHECK_DEFINITIONS } from '@prodready/backstage-plugin-readiness-common';
import express from 'express';
import Router from 'express-promise-router';

export interface RouterOptions {
  httpAuth: HttpAuthService;
}

/** The plugin's HTTP API, mounted at /api/readiness. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth } = options;
  const router = Router();
  router.use(express.json());

  // Open to probes and load balancers; see the auth policy in plugin.ts.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/checks', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: CHECK_DEFINITIONS });
  });

  return router;
}
