#!/usr/bin/env node
// Builds the compiled CLI into dist/ (run by `npm install` through the
// `prepare` script, and by `npm run build`). The source stays the truth:
// bin/qianshao.mjs runs dist/ only while it is newer than every source file,
// else it runs the TypeScript through tsx.
//
// One ES module bundle per command (code splitting), so `qianshao --help`
// loads a few kilobytes and each command only what it uses. Dependencies stay
// in node_modules, except the ones made of hundreds of small ES modules whose
// loading dominates a short command: Kysely alone took ~450 ms to import
// (bench/cli-start.ts), bundled it is one file parsed at once.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;
// chinese-days: its calendar is a JSON file, which Node imports only with an
// import attribute that esbuild drops for externals; bundled, it is inlined.
const BUNDLED = new Set(['kysely', 'chinese-days']);
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/entry/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
});
writeFileSync(`${outdir}/BUILT`, `${new Date().toISOString()}\n`);
