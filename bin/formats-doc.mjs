#!/usr/bin/env node
// Writes docs/formats.md from the import column tables (src/ingest/rows/columns.ts).
// `--check` exits 1 when the file differs instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { register } = await import('tsx/esm/api');
register();
const { renderFormatsDoc } = await import('../src/ingest/rows/formats-doc.ts');
const path = fileURLToPath(new URL('../docs/formats.md', import.meta.url));
const text = renderFormatsDoc();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    /* missing */
  }
  if (current !== text) {
    process.stderr.write('docs/formats.md is out of date: run npm run docs:formats\n');
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
}
