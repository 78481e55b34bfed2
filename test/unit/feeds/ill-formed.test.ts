import { describe, expect, it } from 'vitest';
import { MAX_FEED_BYTES, parseFeed } from '../../../src/ingest/feeds/parse-feed.ts';

// Broken, hostile and oversized input must come back as { ok: false, error }
// with a message a person can act on: never a throw, never a hang.

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('ill-formed documents', () => {
  it('rejects the contract example with a clear message', async () => {
    const result = await parseFeed(bytes('<rss><channel><item><title>unclosed'));
    expect(result).toEqual({ ok: false, error: 'XML is not well-formed: Unclosed root tag (line 1, column 36)' });
  });

  it.each([
    ['a mismatched close tag', '<rss><channel></item></channel></rss>', /not well-formed: Unexpected close tag/],
    ['a bare ampersand', '<rss><channel><title>A & B</title></channel></rss>', /not well-formed/],
    [
      'an undefined entity',
      '<rss><channel><title>&nosuch;</title></channel></rss>',
      /not well-formed: Invalid character entity/,
    ],
    ['an unterminated CDATA section', '<rss><channel><title><![CDATA[x</title></channel></rss>', /not well-formed/],
    ['text before the root', 'hello <rss/>', /not well-formed: Non-whitespace before first tag/],
    ['an HTML page', '<!DOCTYPE html><html><body><p>hi<br></body></html>', /not well-formed/],
    ['a well-formed non-feed', '<html><body>x</body></html>', /^not a feed: the root element is <html>/],
    ['an empty document', '', /^feed is empty$/],
    ['only whitespace', ' \n\t ', /^feed is empty$/],
    ['only a comment', '<!-- nothing -->', /no root element/],
  ])('rejects %s', async (_name, doc, message) => {
    const result = await parseFeed(bytes(doc));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('rejects binary garbage', async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const result = await parseFeed(garbage);
    expect(result.ok).toBe(false);
  });
});

describe('hostile and oversized documents', () => {
  it('refuses nested entity definitions (billion laughs)', async () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><title>&c;&c;&c;</title></channel></rss>';
    expect((await parseFeed(bytes(lol))).ok).toBe(false);
  });

  it('caps the growth of flat entity expansion', async () => {
    const doc = `<!DOCTYPE r [<!ENTITY big "${'x'.repeat(10_000)}">]><rss><channel><title>${'&big;'.repeat(200)}</title></channel></rss>`;
    expect(await parseFeed(bytes(doc))).toEqual({
      ok: false,
      error: 'XML is not well-formed: entity expansion exceeds the size limit',
    });
  });

  it('expands simple internal entities', async () => {
    const doc =
      '<!DOCTYPE rss [<!ENTITY site "劳动报">]><rss version="2.0"><channel><title>&site;</title></channel></rss>';
    expect(await parseFeed(bytes(doc))).toMatchObject({ ok: true, title: '劳动报' });
  });

  it('refuses absurd nesting instead of exhausting the stack', async () => {
    const n = 20_000;
    const doc = `<rss><channel><item><description>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</description></item></channel></rss>`;
    expect(await parseFeed(bytes(doc))).toEqual({ ok: false, error: 'XML nesting is deeper than 256 levels' });
  });

  it('refuses documents over the size limit without parsing them', async () => {
    const result = await parseFeed(new Uint8Array(MAX_FEED_BYTES + 1));
    expect(result).toEqual({
      ok: false,
      error: `feed is too large: ${MAX_FEED_BYTES + 1} bytes (limit ${MAX_FEED_BYTES})`,
    });
  });

  it('gives up on a document that outlasts the time limit', async () => {
    const item = '<item><title>骑手聚集讨薪</title><description>&lt;p&gt;欠薪&lt;/p&gt;</description></item>';
    const doc = bytes(`<rss version="2.0"><channel>${item.repeat(40_000)}</channel></rss>`);
    const started = performance.now();
    const result = await parseFeed(doc, { timeoutMs: 50 });
    expect(result).toEqual({ ok: false, error: 'feed parsing took longer than 50 ms' });
    // Bounded by one XML chunk or one batch of items past the deadline.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
