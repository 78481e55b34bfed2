import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importsOfFile, ROOT, sourceFiles, within } from './imports.ts';

const at = (p: string) => join(ROOT, p);

// docs/architecture.md, "Layout and names": entry points import the rest and
// nothing imports them; one name per stage; data-access files by suffix.
describe('layout and names', () => {
  it('nothing under src/ imports src/entry (the entry points sit on top)', () => {
    const files = sourceFiles('src').filter((f) => !within(f, 'src/entry'));
    expect(files.length).toBeGreaterThan(100);
    const up = files.flatMap(importsOfFile).filter((i) => within(i.target, 'src/entry'));
    expect(up.map((i) => `${i.file} → ${i.specifier}`)).toEqual([]);
  });

  it('src/entry holds only the two entry points', () => {
    expect(readdirSync(at('src/entry')).sort()).toEqual(['cli.ts', 'worker.ts']);
  });

  it('each stage has one name: src/<stage>/ beside src/domain/<stage>/, no src/risk', () => {
    expect(existsSync(at('src/risk'))).toBe(false);
    for (const stage of ['scoring', 'alerts', 'credit', 'digest']) {
      expect(existsSync(at(`src/${stage}`)), stage).toBe(true);
      expect(existsSync(at(`src/domain/${stage}`)), stage).toBe(true);
    }
  });

  it('a -read file only reads; writes live in -repo files or in files named for what they do', () => {
    const reads = sourceFiles('src').filter((f) => /-read\.tsx?$/.test(f));
    expect(reads.length).toBeGreaterThan(5);
    const writing = reads.filter((f) => /\b(insertInto|updateTable|deleteFrom)\(/.test(readFileSync(at(f), 'utf8')));
    expect(writing).toEqual([]);
  });

  it('table types are grouped by area, one file each, not by migration', () => {
    const files = readdirSync(at('src/db/tables'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files).toEqual([
      'alerts',
      'audit',
      'columns',
      'credit',
      'delivery',
      'digest',
      'firms',
      'ingest',
      'jobs',
      'scoring',
      'users',
    ]);
  });
});
