import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../../src/ingest/feeds/parse-feed.ts';
import { listCorpusFiles, readCorpusFile } from './corpus-helpers.ts';

// Every document of the feedparser corpus goes through parseFeed: none may
// throw, hang or come back without a verdict. Files are batched by folder so
// the 2,106 parses cost a few dozen test cases, not thousands.

const PER_FILE_LIMIT_MS = 2_000;

// The only documents that must fail: each is ill-formed XML (mostly on
// purpose, for feedparser's loose parser: a missing final '>', a bare '&',
// an undefined entity, no root element). Anything else failing is a bug.
const NOT_WELL_FORMED = [
  'encoding/bozo_invalid-bytes-with-bom.xml',
  'entities/160.xml',
  'entities/732.xml',
  'entities/8216.xml',
  'entities/8217.xml',
  'entities/8220.xml',
  'entities/8221.xml',
  'entities/9830.xml',
  'entities/attr_amp.xml',
  'entities/doesnotexist.xml',
  'entities/hex_entity_x_lowercase.xml',
  'entities/hex_entity_x_uppercase.xml',
  'entities/query_variable_entry.xml',
  'entities/query_variable_feed.xml',
  'illformed/aaa_illformed.xml',
  'illformed/rdf_channel_empty_textinput.xml',
  'illformed/rss_empty_document.xml',
  'illformed/rss_incomplete_cdata.xml',
  'illformed/rss_item_link_corrupted_ampersands.xml',
];

const files = listCorpusFiles();
const groups = new Map<string, string[]>();
for (const rel of files) {
  const key = rel
    .split('/')
    .slice(0, rel.startsWith('wellformed/') ? 2 : 1)
    .join('/');
  groups.set(key, [...(groups.get(key) ?? []), rel]);
}
const results = new Map<string, ParsedFeed>();

describe('feedparser corpus', () => {
  it('holds the 2,106 documents SOURCE.md describes', () => {
    expect(files).toHaveLength(2106);
  });

  it.each([...groups.entries()].map(([group, rels]) => ({ group, rels })))(
    'parses every document under $group within the limit',
    async ({ rels }) => {
      for (const rel of rels) {
        const started = performance.now();
        const result = await parseFeed(readCorpusFile(rel), { timeoutMs: PER_FILE_LIMIT_MS });
        const elapsed = performance.now() - started;
        results.set(rel, result);
        expect(elapsed, rel).toBeLessThan(PER_FILE_LIMIT_MS);
        if (result.ok) {
          expect(['rss', 'atom', 'rdf'], rel).toContain(result.kind);
          expect(Array.isArray(result.items), rel).toBe(true);
        } else {
          expect(result.error.trim(), rel).not.toBe('');
          expect(result.error, rel).not.toMatch(/longer than/);
        }
      }
    },
    30_000,
  );

  it('fails exactly the documents that are not well-formed XML', () => {
    expect(results.size).toBe(files.length);
    const failed = [...results]
      .filter(([, r]) => !r.ok)
      .map(([rel]) => rel)
      .sort();
    expect(failed).toEqual([...NOT_WELL_FORMED].sort());
    for (const rel of failed) {
      const r = results.get(rel);
      expect(r && !r.ok && r.error, rel).toMatch(/^XML is not well-formed: /);
    }
  });

  it('gives every item of every parsed document the full FeedItem shape', () => {
    for (const [rel, r] of results) {
      if (!r.ok) continue;
      for (const item of r.items) {
        expect(typeof item.title, rel).toBe('string');
        expect(typeof item.text, rel).toBe('string');
        for (const key of ['guid', 'link', 'published', 'html', 'titleHtml'] as const) {
          expect(item[key] === null || typeof item[key] === 'string', `${rel} ${key}`).toBe(true);
        }
        if (item.published !== null)
          expect(item.published, rel).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        if (item.link !== null) expect(item.link, rel).not.toMatch(/^\s*(javascript|vbscript|data):/i);
      }
    }
  });
});
