import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import express from 'express';
import http from 'node:http';

/** Where the test backend mounts the plugin. */
const PLUGIN_PATH = '/api/readiness';

/**
 * A server for supertest in front of a test backend's readiness plugin,
 * served at the root as the spec describes it. Every request and response
 * goes through Backstage's OpenAPI test proxy, which fails the test when
 * either does not match src/schema/openapi.yaml.
 */
export async function specCheckedServer(
  backend: http.Server,
): Promise<http.Server> {
  const [handle] = backend.listeners('request') as http.RequestListener[];
  const app = express();
  app.use((req, res) => {
    // The proxy reads the spec from /openapi.json without credentials.
    if (req.url === '/openapi.json' && !req.headers.authorization) {
      req.headers.authorization = mockCredentials.user.header();
    }
    req.url = `${PLUGIN_PATH}${req.url}`;
    handle(req, res);
  });
  // The proxy forwards to `localhost` over IPv6 when the port answers
  // there, and this machine resolves localhost to 127.0.0.1 only.
  Object.assign(app, {
    listen: (port: number) => http.createServer(app).listen(port, '127.0.0.1'),
  });
  return wrapServer(app);
}
