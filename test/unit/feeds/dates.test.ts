import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../src/ingest/feeds/dates.ts';
import { parseFeed } from '../../../src/ingest/feeds/parse-feed.ts';
import { listCorpusFiles, readCorpusFile, readCorpusHeader } from './corpus-helpers.ts';

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 03 Nov 2026 14:05:00 GMT', '2026-11-03T14:05:00.000Z'],
    ['Tue, 03 Nov 2026 14:05:00 +0800', '2026-11-03T06:05:00.000Z'],
    ['3 Nov 26 14:05 EST', '2026-11-03T19:05:00.000Z'],
    ['Tuesday, 03-Nov-2026 14:05:00 PDT', '2026-11-03T21:05:00.000Z'],
    ['2026-11-03T14:05:00Z', '2026-11-03T14:05:00.000Z'],
    ['2026-11-03T14:05:00.25+08:00', '2026-11-03T06:05:00.250Z'],
    ['20261103T140500Z', '2026-11-03T14:05:00.000Z'],
    ['Tue Nov  3 14:05:00 2026', '2026-11-03T06:05:00.000Z'],
    // Zone-less and date-only values are Beijing time, as everywhere in Qianshao.
    ['2026-11-03 14:05:00', '2026-11-03T06:05:00.000Z'],
    ['2026-11-03', '2026-11-02T16:00:00.000Z'],
    ['2026/11/3 9:05', '2026-11-03T01:05:00.000Z'],
    ['2026年11月3日 14:05', '2026-11-03T06:05:00.000Z'],
    ['2026年11月3日', '2026-11-02T16:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(iso);
  });

  it.each([
    '',
    '   ',
    'yesterday',
    '2026-13-01',
    '2026-02-30T00:00:00Z',
    '31 Foo 2026 10:00 GMT',
    'Tue, 03 Nov 2026 14:05:00 XYZ',
  ])('gives null for %j', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});

// feedparser's `entries[0]['<field>_parsed'] == (y, m, d, H, M, S, ...)`
// expectations: each of these entries carries one date, which must become
// our `published`.
const DATE_EXPECT =
  /^(?:not bozo and )?entries\[0\]\['(?:published|updated|date|issued|created|modified)_parsed'\] == \((\d+), (\d+), (\d+), (\d+), (\d+), (\d+), [\d, ]+\)$/;

// feedparser keeps the last of repeated date elements; we keep the first
// (the earliest claim of publication), so these two differ on purpose.
const REPEATED_DATES = [
  'wellformed/atom/entry_created_multiple_values.xml',
  'wellformed/atom/entry_updated_multiple_values.xml',
];

const dateCases = listCorpusFiles().flatMap((rel) => {
  const m = DATE_EXPECT.exec(readCorpusHeader(readCorpusFile(rel)).expect ?? '');
  if (!m) return [];
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return [{ rel, iso: new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString() }];
});

describe('corpus date expectations', () => {
  it('finds 14, two of which repeat the date element', () => {
    expect(dateCases).toHaveLength(14);
    expect(dateCases.filter((c) => REPEATED_DATES.includes(c.rel))).toHaveLength(2);
  });

  it.each(dateCases.filter((c) => !REPEATED_DATES.includes(c.rel)))('$rel gives $iso', async ({ rel, iso }) => {
    const result = await parseFeed(readCorpusFile(rel));
    expect(result.ok && result.items[0]?.published).toBe(iso);
  });

  it.each(REPEATED_DATES)('%s keeps the first of its dates', async (rel) => {
    const result = await parseFeed(readCorpusFile(rel));
    expect(result.ok && result.items[0]?.published).toBe('2010-12-01T10:14:55.000Z');
  });
});
