import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed, type FeedItem } from '../../../src/ingest/feeds/parse-feed.ts';
import {
  CORPUS_DIR,
  harnessOptions,
  listCorpusFiles,
  readCorpusFile,
  readCorpusHeader,
  unescapePython,
} from './corpus-helpers.ts';

// feedparser's `Expect:` lines that assert the first entry's title or link
// with a plain literal, translated to our output:
//   entries[0]['link']  -> item.link
//   entries[0]['title'] -> item.titleHtml when the feed marked the title up
//                          (feedparser's title is then the sanitized markup),
//                          else item.title (literal text, as in feedparser).
// Files under http paths get what upstream's mock server gives them (document
// URL, Content-Location, Content-Type; see harnessOptions).

const SIMPLE = /^(?:not bozo and )?entries\[0\]\['(title|link)'\] == u?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/;

interface Expectation {
  rel: string;
  field: 'title' | 'link';
  value: string;
}

function simpleExpectation(rel: string, expect: string | null): Expectation | null {
  const m = expect ? SIMPLE.exec(expect) : null;
  if (!m) return null;
  return { rel, field: m[1] as 'title' | 'link', value: unescapePython(m[2] ?? m[3] ?? '') };
}

function actual(item: FeedItem | undefined, field: 'title' | 'link'): string | null | undefined {
  if (!item) return undefined;
  return field === 'link' ? item.link : (item.titleHtml ?? item.title);
}

async function firstItem(rel: string) {
  const bytes = readCorpusFile(rel);
  const result = await parseFeed(bytes, harnessOptions(rel, readCorpusHeader(bytes)));
  return { result, item: result.ok ? result.items[0] : undefined };
}

// Expectations that cannot hold, by group, each asserted in its own way
// below rather than skipped.
const EXCLUDED = {
  // The document lacks the final '>' of </rss>, so that feedparser's loose
  // parser is exercised; our parser is strict and reports it ill-formed.
  notWellFormed: ['entities/hex_entity_x_lowercase.xml', 'entities/hex_entity_x_uppercase.xml'],
  // feedparser keeps a CSS-cleaned style attribute; our display policy
  // drops every style attribute.
  styleKept: ['wellformed/sanitize/entry_title_style.xml'],
};
const excluded = new Set(Object.values(EXCLUDED).flat());

const tsvRows = readFileSync(`${CORPUS_DIR}expectations.tsv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([rel = '', kind = '', wellformed = '', exp = '']) => ({ rel, kind, wellformed, expect: exp }));
const tsvSimple = tsvRows
  .filter((r) => r.wellformed === 'yes')
  .map((r) => simpleExpectation(r.rel, r.expect))
  .filter((e): e is Expectation => e !== null);

const corpusSimple = listCorpusFiles()
  .map((rel) => simpleExpectation(rel, readCorpusHeader(readCorpusFile(rel)).expect))
  .filter((e): e is Expectation => e !== null);

describe('expectations.tsv', () => {
  it('has 27 simple title/link expectations among its 38 well-formed rows', () => {
    expect(tsvRows.filter((r) => r.wellformed === 'yes')).toHaveLength(38);
    expect(tsvSimple).toHaveLength(27);
  });

  it.each(tsvSimple)('$rel: first $field is the expected literal', async ({ rel, field, value }) => {
    const { item } = await firstItem(rel);
    expect(actual(item, field)).toBe(value);
  });

  it.each(tsvRows)('$rel: detected kind is $kind', async ({ rel, kind }) => {
    const { result } = await firstItem(rel);
    if (result.ok) expect(result.kind).toBe(kind);
    else expect(rel).toMatch(/^illformed\//);
  });
});

describe('simple title/link expectations across the whole corpus', () => {
  it('finds 86 of them, 3 excluded by documented reasons', () => {
    expect(corpusSimple).toHaveLength(86);
    expect(
      corpusSimple
        .filter((e) => excluded.has(e.rel))
        .map((e) => e.rel)
        .sort(),
    ).toEqual([...excluded].sort());
  });

  it.each(corpusSimple.filter((e) => !excluded.has(e.rel)))(
    '$rel: first $field is the expected literal',
    async ({ rel, field, value }) => {
      const { item } = await firstItem(rel);
      expect(actual(item, field)).toBe(value);
    },
  );

  it.each(EXCLUDED.notWellFormed)('%s is reported as not well-formed', async (rel) => {
    const { result } = await firstItem(rel);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^XML is not well-formed/) });
  });

  it.each(EXCLUDED.styleKept)('%s keeps the link but loses the style attribute', async (rel) => {
    const { item } = await firstItem(rel);
    expect(item?.titleHtml).toBe('<a href="http://www.ragingplatypus.com/">never trust your upstream platypus</a>');
  });
});
