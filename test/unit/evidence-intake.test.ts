import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 21 item 5: every intake path ends in one "evidence arrived" call.
// A new intake path that rescored on its own would show up here.

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const files = [...sources('src'), ...sources('jobs')].map((path) => ({
  path: path.slice(root.length + 1),
  text: readFileSync(path, 'utf8'),
}));
const uses = (re: RegExp) =>
  files
    .filter((f) => re.test(f.text))
    .map((f) => f.path)
    .sort();

describe('new evidence has one way in', () => {
  it('rescoreTouched has one definition and one caller, evidenceArrived', () => {
    expect(uses(/rescoreTouched/)).toEqual(['src/ingest/evidence-arrived.ts', 'src/scoring/rescore.ts']);
    expect(files.flatMap((f) => f.text.match(/rescoreTouched\(/g) ?? [])).toHaveLength(2);
  });

  it('every intake path calls evidenceArrived', () => {
    expect(uses(/evidenceArrived\(/)).toEqual([
      'jobs/feeds-poll.ts',
      'src/cli/import-commands.ts',
      'src/cli/opinion-commands.ts',
      'src/http/api/imports.ts',
      'src/http/api/records.ts',
      'src/http/pages/unresolved-page.tsx',
      'src/ingest/evidence-arrived.ts',
      'src/runtime/recover.ts',
    ]);
  });
});
