#!/usr/bin/env node
// A read-only npm registry on loopback that serves the package tarballs of one
// folder, so a fresh app can `yarn add @prodready/...` (and npm can install
// the CLI) exactly as users will once the packages are published. Only the
// packages in that folder exist here; the app's .yarnrc.yml sends just the
// @prodready scope to it, everything else still comes from the real registry.
//
// Usage: node registry.mjs <tarball-folder> <port-file>
// Listens on a free loopback port and writes it to <port-file> once ready.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';

const [folder, portFile] = process.argv.slice(2);
if (!folder || !portFile) {
  console.error('usage: registry.mjs <tarball-folder> <port-file>');
  process.exit(2);
}

// name -> { manifest, file, bytes }; one version per package is all we pack.
const packages = new Map();
for (const file of readdirSync(folder).filter(f => f.endsWith('.tgz'))) {
  const path = join(folder, file);
  const bytes = readFileSync(path);
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', path, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  if (packages.has(manifest.name)) {
    throw new Error(`${file}: a second tarball of ${manifest.name}`);
  }
  packages.set(manifest.name, { manifest, file, bytes });
}

function packument(name, baseUrl) {
  const { manifest, file, bytes } = packages.get(name);
  const published = new Date().toISOString();
  return {
    name,
    'dist-tags': { latest: manifest.version },
    time: {
      created: published,
      modified: published,
      [manifest.version]: published,
    },
    versions: {
      [manifest.version]: {
        ...manifest,
        _id: `${name}@${manifest.version}`,
        dist: {
          tarball: `${baseUrl}/-/${encodeURIComponent(file)}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
          integrity: `sha512-${createHash('sha512')
            .update(bytes)
            .digest('base64')}`,
        },
      },
    },
  };
}

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(type === 'application/json' ? JSON.stringify(body) : body);
}

const server = createServer((req, res) => {
  const { port } = server.address();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Clients ask for /@scope%2fname (npm) or /@scope/name (some Yarn paths).
  const path = decodeURIComponent(new URL(req.url, baseUrl).pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, {
      error: `${req.method} is not served: this registry is read-only`,
    });
    return;
  }
  if (path.startsWith('/-/')) {
    const entry = [...packages.values()].find(p => p.file === basename(path));
    if (entry) send(res, 200, entry.bytes, 'application/octet-stream');
    else send(res, 404, { error: `no tarball ${basename(path)}` });
    return;
  }
  const name = path.slice(1);
  if (packages.has(name)) send(res, 200, packument(name, baseUrl));
  else send(res, 404, { error: `${name} is not among the packed packages` });
});

server.listen(0, '127.0.0.1', () => {
  writeFileSync(portFile, String(server.address().port));
  console.log(
    `registry on 127.0.0.1:${server.address().port}: ${[
      ...packages.keys(),
    ].join(', ')}`,
  );
});
