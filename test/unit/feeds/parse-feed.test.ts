import { describe, expect, it } from 'vitest';
import { parseFeed, type FeedItem, type ParsedFeed } from '../../../src/ingest/feeds/parse-feed.ts';
import { readCorpusFile } from './corpus-helpers.ts';

// What the normalizing layer adds on top of rss-parser, one behaviour each.

async function parse(
  xml: string,
  opts: Parameters<typeof parseFeed>[1] = {},
): Promise<Extract<ParsedFeed, { ok: true }>> {
  const result = await parseFeed(Buffer.from(xml, 'utf8'), opts);
  if (!result.ok) throw new Error(result.error);
  return result;
}
async function firstItem(xml: string, opts: Parameters<typeof parseFeed>[1] = {}): Promise<FeedItem> {
  const item = (await parse(xml, opts)).items[0];
  if (!item) throw new Error('no item');
  return item;
}
const rss = (item: string, channel = '') =>
  `<rss version="2.0"><channel>${channel}<item>${item}</item></channel></rss>`;
const atom = (entry: string, attrs = '') =>
  `<feed xmlns="http://www.w3.org/2005/Atom"${attrs}><entry>${entry}</entry></feed>`;

describe('kinds', () => {
  it.each([
    ['rss', rss('<title>t</title>')],
    ['atom', atom('<title>t</title>')],
    [
      'rdf',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/><item><title>t</title></item></rdf:RDF>',
    ],
  ])('detects %s from the root element', async (kind, xml) => {
    expect(await parse(xml)).toMatchObject({ kind, items: [{ title: 't' }] });
  });

  it('reads Atom 0.3, which rss-parser refuses, base64 titles included', async () => {
    // mode="base64" without a type: Atom 0.3's default type is text/plain.
    const plain = await parseFeed(readCorpusFile('wellformed/atom/entry_title_base64.xml'));
    expect(plain).toMatchObject({ ok: true, kind: 'atom', items: [{ title: 'Example <b>Atom</b>', titleHtml: null }] });
    const html = await parseFeed(readCorpusFile('wellformed/base/http_entry_title_base64_base_docuri.xml'), {
      baseUrl: 'https://feeds.example/atom.xml',
    });
    expect(html).toMatchObject({
      ok: true,
      items: [
        { title: 'click here', titleHtml: '<div><a href="https://feeds.example/relative/uri">click here</a></div>' },
      ],
    });
  });

  it('reads version-less RSS and items outside <channel>', async () => {
    expect(await parse('<rss><item><title>a</title></item></rss>')).toMatchObject({
      kind: 'rss',
      items: [{ title: 'a' }],
    });
  });

  it('gives an empty item list for a feed without items', async () => {
    expect(await parse('<rss version="2.0"></rss>')).toEqual({ ok: true, kind: 'rss', title: null, items: [] });
  });
});

describe('titles', () => {
  it('keeps plain text literally and offers no titleHtml', async () => {
    expect(await firstItem(atom('<title type="text">History of the &lt;blink&gt; tag</title>'))).toMatchObject({
      title: 'History of the <blink> tag',
      titleHtml: null,
    });
  });

  it('reduces HTML and XHTML titles to text, keeping sanitized markup apart', async () => {
    expect(
      await firstItem(atom('<title type="html">骑手&lt;b&gt;讨薪&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;</title>')),
    ).toMatchObject({ title: '骑手讨薪', titleHtml: '骑手<b>讨薪</b>' });
    expect(
      await firstItem(
        atom('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">外卖<em>骑手</em></div></title>'),
      ),
    ).toMatchObject({ title: '外卖骑手', titleHtml: '外卖<em>骑手</em>' });
  });

  it('treats escaped HTML in RSS titles as HTML', async () => {
    expect(await firstItem(rss('<title>欠薪 &amp;amp; 停工</title>'))).toMatchObject({ title: '欠薪 & 停工' });
  });
});

describe('links', () => {
  it('uses a permalink guid when there is no link', async () => {
    expect((await firstItem(rss('<guid>https://news.example.cn/a/1.html</guid>'))).link).toBe(
      'https://news.example.cn/a/1.html',
    );
    expect((await firstItem(rss('<guid isPermaLink="false">https://news.example.cn/a/1.html</guid>'))).link).toBeNull();
  });

  it('resolves relative links against xml:base, then the caller URL, then the feed link', async () => {
    expect((await firstItem(atom('<link href="2.html"/>', ' xml:base="https://a.example/news/"'))).link).toBe(
      'https://a.example/news/2.html',
    );
    expect((await firstItem(rss('<link>/x.html</link>'), { baseUrl: 'https://feeds.example/rss.xml' })).link).toBe(
      'https://feeds.example/x.html',
    );
    expect((await firstItem(rss('<link>/x.html</link>', '<link>https://site.example/</link>'))).link).toBe(
      'https://site.example/x.html',
    );
  });

  it('prefers the alternate Atom link over others', async () => {
    const entry = '<link rel="license" href="https://l.example/"/><link rel="alternate" href="https://a.example/"/>';
    expect((await firstItem(atom(entry))).link).toBe('https://a.example/');
  });

  it('drops javascript: links', async () => {
    expect((await firstItem(rss('<link>javascript:alert(1)</link>'))).link).toBeNull();
  });
});

describe('dates, bodies and ids', () => {
  it('normalizes dates to ISO UTC and drops unparseable ones', async () => {
    expect((await firstItem(rss('<pubDate>Tue, 03 Nov 2026 14:05:00 +0800</pubDate>'))).published).toBe(
      '2026-11-03T06:05:00.000Z',
    );
    expect((await firstItem(atom('<updated>2026-11-03T06:05:00Z</updated>'))).published).toBe(
      '2026-11-03T06:05:00.000Z',
    );
    expect((await firstItem(rss('<pubDate>last Tuesday</pubDate>'))).published).toBeNull();
  });

  it('prefers full content over the description and sanitizes it', async () => {
    const item =
      '<description>short</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">' +
      '<![CDATA[<p onclick="x()">全文：<a href="/a">骑手</a></p>]]></content:encoded>';
    expect(await firstItem(rss(item), { baseUrl: 'https://n.example/' })).toMatchObject({
      text: '全文：骑手',
      html: '<p>全文：<a href="https://n.example/a">骑手</a></p>',
    });
  });

  it('escapes plain-text bodies for display', async () => {
    expect(await firstItem(atom('<summary type="text">a &lt; b</summary>'))).toMatchObject({
      text: 'a < b',
      html: 'a &lt; b',
    });
  });

  it('takes guid, Atom id or rdf:about as the guid', async () => {
    expect((await firstItem(rss('<guid isPermaLink="false"> abc </guid>'))).guid).toBe('abc');
    expect((await firstItem(atom('<id>tag:x,2026:1</id>'))).guid).toBe('tag:x,2026:1');
  });
});
