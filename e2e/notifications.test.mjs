// Owner notifications in the browser: a service of the Fulfilment team drops
// a level, and the guest (listed as a member of that team in
// examples/org.yaml) finds the notification on the portal's notifications
// page, linking to the service's Readiness tab.
//
// The service is written by this test into the local folder the catalog
// reads (.local-repos/, ignored by Git; see templates/local-repos.yaml), so
// its manifests can change without touching the repository. The folder is
// removed afterwards.
import { test, before, after } from 'node:test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openBrowser,
  portalUrl,
  saveScreenshot,
  signInAsGuest,
} from './browser.mjs';

const backendUrl = process.env.BACKEND_URL ?? 'http://localhost:7007';
const name = `e2e-notify-${Date.now().toString(36)}`;
const repo = join(
  import.meta.dirname,
  '..',
  '.local-repos',
  'acme-freight',
  name,
);
// The catalog and the first evaluation of a fresh portal can take a while.
const WAIT_MS = 150_000;

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
  rmSync(repo, { recursive: true, force: true });
});

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: Written by the browser test of owner notifications.
  annotations:
    backstage.io/kubernetes-id: ${name}
    prodready.dev/manifests: ./deploy
spec:
  type: service
  lifecycle: experimental
  owner: fulfilment-team
`;

/** Three replicas with probes and a non-root user, or one running as root. */
function deployment(healthy) {
  const pod = healthy
    ? `
      securityContext: { runAsNonRoot: true }
      containers:
        - name: app
          image: registry.acme-freight.example/${name}:1.0.0
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }`
    : `
      containers:
        - name: app
          image: registry.acme-freight.example/${name}:1.0.0`;
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${name} }
spec:
  replicas: ${healthy ? 3 : 1}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name}, backstage.io/kubernetes-id: ${name} }
    spec:${pod}
`;
}

function writeDeployment(healthy) {
  writeFileSync(join(repo, 'deploy', 'deployment.yaml'), deployment(healthy));
}

/** A token of the guest, as the portal's sign-in gets it. */
async function guestToken() {
  const response = await fetch(
    `${backendUrl}/api/auth/guest/refresh?optional&env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!response.ok) throw new Error(`guest sign-in: ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}

async function call(token, method, path, body) {
  return fetch(`${backendUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** Calls `attempt` until it returns true, within WAIT_MS. */
async function until(what, attempt) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await attempt()) return;
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 2_000));
  }
}

/** Evaluates the service now, waiting out the refresh interval if asked to. */
async function evaluateNow(token) {
  await until(`${name} evaluated`, async () => {
    const response = await call(
      token,
      'POST',
      `/api/readiness/entities/component/default/${name}/refresh`,
    );
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? 5);
      await new Promise(resolve => setTimeout(resolve, seconds * 1000));
    }
    return response.ok;
  });
}

test('the owning team is notified in the portal when its service drops a level', async t => {
  mkdirSync(join(repo, 'deploy'), { recursive: true });
  writeFileSync(join(repo, 'catalog-info.yaml'), CATALOG_INFO);
  writeDeployment(true);

  const token = await guestToken();
  // The catalog reads the local folder through this location.
  await until(`${name} in the catalog`, async () => {
    await call(token, 'POST', '/api/catalog/refresh', {
      entityRef: 'location:default/local-repos',
    });
    const entity = await call(
      token,
      'GET',
      `/api/catalog/entities/by-name/component/default/${name}`,
    );
    return entity.ok;
  });
  // The first evaluation: nothing to compare with, no notification.
  await evaluateNow(token);

  writeDeployment(false);
  await evaluateNow(token);

  // The dev server may still be building the app when the backend is done.
  let page;
  await until('the portal to load', async () => {
    try {
      page = await signInAsGuest(browser);
      return true;
    } catch (error) {
      console.log(`Signing in again: ${error.message.split('\n')[0]}`);
      return false;
    }
  });
  t.after(() => saveScreenshot(page, 'notifications'));
  await page.goto(`${portalUrl}/notifications`);
  const notification = page
    .getByText(new RegExp(`^${name} (dropped from|fell below)`))
    .first();
  await notification.waitFor({ timeout: 60_000 });
  await saveScreenshot(page, 'notifications-page');
  await notification.click();
  await page.waitForURL(
    new RegExp(`/catalog/default/component/${name}/readiness$`),
  );
});
