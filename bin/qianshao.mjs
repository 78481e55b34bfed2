#!/usr/bin/env node
// The `qianshao` command. Runs the compiled CLI in dist/ (built by
// `npm install` / `npm run build`) when it is newer than every source file;
// otherwise (source edited since the build, or no build) the TypeScript
// through tsx, which is correct but pays ~3 s of transpiling per start.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  if (!existsSync(built)) return false;
  const builtAt = statSync(join(root, 'dist', 'BUILT')).mtimeMs;
  const sources = ['src', 'jobs', 'migrations'].map((d) => newestSource(join(root, d)));
  return Math.max(...sources, statSync(join(root, 'package.json')).mtimeMs) <= builtAt;
}

if (process.env.QIANSHAO_FROM_SOURCE !== '1' && buildIsFresh()) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/entry/cli.ts');
}
