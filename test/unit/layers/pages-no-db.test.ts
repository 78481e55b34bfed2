import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOfFile, ROOT, sourceFiles, within } from './imports.ts';

// ARCHITECTURE: "Pages render what their area's read functions return; they
// do not query the database themselves." A page (or API route) may hand
// `deps.db` to an area's function; a page may not import the database layer,
// and no handler builds a query.

const PAGES = 'src/http/pages';
const QUERY =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom|executeQuery)\(|\bsql\s*(<[^>]*>)?\s*`/;

describe('pages do not query the database', () => {
  const files = sourceFiles(PAGES);

  it('no file under src/http/pages imports src/db or kysely', () => {
    expect(files.length).toBeGreaterThan(15);
    const bad = files
      .flatMap(importsOfFile)
      .filter((i) => within(i.target, 'src/db') || i.target === 'kysely' || i.target.startsWith('kysely/'));
    expect(bad.map((i) => `${i.file} → ${i.specifier}`)).toEqual([]);
  });

  it('no handler under src/http builds a query (pages and API routes alike), but the readiness probe', () => {
    // /readyz asks the database itself whether it answers: that is its job.
    const handlers = sourceFiles('src/http').filter((f) => f !== 'src/http/api/health.ts');
    expect(handlers).toEqual(expect.arrayContaining(files));
    const bad = handlers.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((line, n) => (QUERY.test(line) ? [`${f}:${n + 1}: ${line.trim()}`] : [])),
    );
    expect(bad).toEqual([]);
  });

  it('the query pattern sees the forms a page would use', () => {
    for (const s of ["deps.db.selectFrom('x')", "await db.updateTable('t')", 'sql`select 1`', 'sql<number>`any(ids)`'])
      expect(QUERY.test(s), s).toBe(true);
    for (const s of ['listAlerts(deps.db, scope)', 'const sqlText = 1', 'selectFromList(x)'])
      expect(QUERY.test(s), s).toBe(false);
  });
});
