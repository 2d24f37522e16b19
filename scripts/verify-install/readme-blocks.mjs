#!/usr/bin/env node
// Reads the install instructions out of the READMEs so verify-install.sh runs
// them as written. A block is marked by `<!-- verify-install:<id> -->` on the
// line before its opening fence (blank lines between them are allowed).
//
//   readme-blocks.mjs extract <readme> <id>
//       prints the block's text
//   readme-blocks.mjs apply <readme> <id> <app-dir>
//       adds a TypeScript block to the file its first line names
//       (`// packages/backend/src/index.ts`), before `backend.start();`
//   readme-blocks.mjs covers <readme> <id> <other-readme> <other-id>
//       fails unless the second block installs nothing the first does not:
//       the same `yarn --cwd <dir> add` packages, the same `import('...')`s
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function fail(message) {
  console.error(`readme-blocks: ${message}`);
  process.exit(1);
}

function extractBlock(readmePath, id) {
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const marker = `<!-- verify-install:${id} -->`;
  const at = lines.flatMap((line, i) => (line.trim() === marker ? [i] : []));
  const where = relative(process.cwd(), readmePath);
  if (at.length === 0) fail(`${where} has no ${marker}`);
  if (at.length > 1) fail(`${where} has ${marker} ${at.length} times`);
  // Prettier puts a blank line between the comment and the fence.
  let start = at[0] + 1;
  while (start < lines.length && lines[start].trim() === '') start++;
  const opening = /^(`{3,})(\w*)\s*$/.exec(lines[start] ?? '');
  if (!opening) {
    fail(`${where}:${at[0] + 1}: ${marker} must be followed by a fenced block`);
  }
  const body = [];
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i].trim() === opening[1]) {
      return { language: opening[2], text: `${body.join('\n')}\n` };
    }
    body.push(lines[i]);
  }
  return fail(`${where}:${start + 1}: the block after ${marker} never closes`);
}

// `yarn --cwd packages/backend add a b` -> ['packages/backend a', ...]
function yarnAdds(text) {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.replace(/#.*/, '').trim())
    .flatMap(line => {
      const m = /^yarn --cwd (\S+) add ((?:\S+\s*)+)$/.exec(line);
      return m
        ? m[2]
            .trim()
            .split(/\s+/)
            .map(pkg => `${m[1]} ${pkg}`)
        : [];
    });
}

function imports(text) {
  return [...text.matchAll(/import\(\s*'([^']+)'\s*,?\s*\)/g)].map(m => m[1]);
}

function apply(readmePath, id, appDir) {
  const { language, text } = extractBlock(readmePath, id);
  if (language !== 'ts') fail(`block ${id} is ${language}, not ts`);
  const [first, ...rest] = text.split('\n');
  const target = /^\/\/\s*(\S+)$/.exec(first.trim())?.[1];
  if (!target) fail(`block ${id} must start with // <file it goes in>`);
  const file = join(appDir, target);
  const source = readFileSync(file, 'utf8');
  const anchor = source.lastIndexOf('backend.start();');
  if (anchor < 0) fail(`${target} has no backend.start(); to add lines before`);
  writeFileSync(
    file,
    `${source.slice(0, anchor)}${rest.join('\n').trimEnd()}\n\n${source.slice(
      anchor,
    )}`,
  );
  console.log(`added to ${target}:\n${rest.join('\n').trimEnd()}`);
}

function covers(readmeA, idA, readmeB, idB) {
  const a = extractBlock(readmeA, idA);
  const b = extractBlock(readmeB, idB);
  const items = b.language === 'sh' ? yarnAdds : imports;
  const wanted = items(b.text);
  if (wanted.length === 0) fail(`block ${idB} installs nothing recognisable`);
  const have = new Set(items(a.text));
  const missing = wanted.filter(item => !have.has(item));
  if (missing.length > 0) {
    fail(
      `${readmeB} (${idB}) has what ${readmeA} (${idA}) lacks: ${missing.join(
        ', ',
      )}`,
    );
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'extract' && args.length === 2) {
  process.stdout.write(extractBlock(args[0], args[1]).text);
} else if (command === 'apply' && args.length === 3) {
  apply(args[0], args[1], args[2]);
} else if (command === 'covers' && args.length === 4) {
  covers(args[0], args[1], args[2], args[3]);
} else {
  fail(
    'usage: extract <readme> <id> | apply <readme> <id> <app-dir> | covers <readme> <id> <readme> <id>',
  );
}
