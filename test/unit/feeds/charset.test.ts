import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/ingest/feeds/decode.ts';
import { parseFeed } from '../../../src/ingest/feeds/parse-feed.ts';

// Chinese feeds in the charsets Shanghai sources actually use. Fixtures in
// test/fixtures/feeds/ were encoded with Python's codecs (independent of
// iconv-lite); see the README there. `*-declared.xml` names its charset only
// in the XML declaration, `*-undeclared.xml` names none, so the charset can
// come only from the Content-Type header the test passes.

const FIXTURES = new URL('../../fixtures/feeds/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

const CASES = [
  { name: 'gb2312', header: 'GB2312', decoder: 'gb18030', channel: '骑手聚集讨薪', item: '骑手聚集讨薪' },
  // 镕 is outside GB2312: only a GBK-capable decoder gets it right.
  { name: 'gbk', header: 'GBK', decoder: 'gb18030', channel: '骑手聚集讨薪', item: '骑手聚集讨薪：镕记配送站欠薪三月' },
  // 𠮷 (U+20BB7) is a four-byte GB18030 sequence, outside GBK.
  {
    name: 'gb18030',
    header: 'GB18030',
    decoder: 'gb18030',
    channel: '骑手聚集讨薪',
    item: '骑手聚集讨薪：𠮷野家配送站欠薪',
  },
  { name: 'big5', header: 'Big5', decoder: 'big5', channel: '騎手聚集討薪', item: '騎手聚集討薪：外送員停工抗議' },
];

/** Replaces the encoding named in the XML declaration (ASCII, so byte-safe). */
function redeclare(bytes: Buffer, label: string): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/encoding="[^"]*"/, `encoding="${label}"`), 'latin1');
}

async function titles(bytes: Uint8Array, contentType?: string) {
  const result = await parseFeed(bytes, contentType === undefined ? {} : { contentType });
  if (!result.ok) throw new Error(result.error);
  return { channel: result.title, item: result.items[0]?.title };
}

describe.each(CASES)('$name feed', ({ name, header, decoder, channel, item }) => {
  it('decodes with the charset given only by the XML declaration', async () => {
    const bytes = fixture(`${name}-declared.xml`);
    expect(decodeFeedBytes(bytes).charset).toBe(decoder);
    expect(await titles(bytes)).toEqual({ channel, item });
    // The declaration is what decides: a wrong one gives a wrong title.
    expect((await titles(redeclare(bytes, 'windows-1252'))).item).not.toBe(item);
  });

  it('decodes with the charset given only by the Content-Type header', async () => {
    const bytes = fixture(`${name}-undeclared.xml`);
    const contentType = `application/rss+xml; charset=${header}`;
    expect(decodeFeedBytes(bytes, contentType).charset).toBe(decoder);
    expect(await titles(bytes, contentType)).toEqual({ channel, item });
  });

  it('lets the Content-Type header outrank a wrong XML declaration', async () => {
    const bytes = redeclare(fixture(`${name}-declared.xml`), 'windows-1252');
    expect(await titles(bytes, `text/xml; charset="${header}"`)).toEqual({ channel, item });
  });

  it('rewrites the declaration to UTF-8 once decoded', () => {
    const { text } = decodeFeedBytes(fixture(`${name}-declared.xml`));
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('guesses the charset of an unlabelled document', async () => {
    expect(await titles(fixture(`${name}-undeclared.xml`))).toEqual({ channel, item });
  });
});

describe('UTF-8 with BOM', () => {
  const item = '骑手聚集讨薪：平台算法压单';

  it('decodes with the BOM and the declaration agreeing', async () => {
    const bytes = fixture('utf8-bom.xml');
    expect(decodeFeedBytes(bytes)).toMatchObject({ charset: 'utf-8' });
    expect(decodeFeedBytes(bytes).text.charCodeAt(0)).not.toBe(0xfeff);
    expect(await titles(bytes)).toEqual({ channel: '骑手聚集讨薪', item });
  });

  it('lets the BOM outrank a contradicting Content-Type header', async () => {
    expect(await titles(fixture('utf8-bom-undeclared.xml'), 'text/xml; charset=GBK')).toEqual({
      channel: '骑手聚集讨薪',
      item,
    });
  });
});

describe('UTF-16 and UTF-32', () => {
  const xml =
    '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>骑手聚集讨薪</title></channel></rss>';

  it.each([
    ['utf-16le', true],
    ['utf-16le', false],
    ['utf-16be', true],
    ['utf-16be', false],
    ['utf-32le', true],
    ['utf-32be', false],
  ] as const)('decodes %s (BOM: %s)', async (charset, withBom) => {
    const bytes = iconv.encode(xml, charset, { addBOM: withBom });
    expect(decodeFeedBytes(bytes).charset).toBe(charset);
    expect((await titles(bytes)).channel).toBe('骑手聚集讨薪');
  });
});

describe('Content-Type parsing and fallbacks', () => {
  it.each([
    ['text/xml; charset=gbk', 'gb18030'],
    ['application/rss+xml;charset= "GB2312"', 'gb18030'],
    ["application/atom+xml; charset='big5'", 'big5'],
    ['text/xml', 'utf-8'],
    ['text/xml; charset=no-such-charset', 'utf-8'],
  ])('%s decodes an ASCII document as %s', (contentType, charset) => {
    expect(decodeFeedBytes(Buffer.from('<rss/>'), contentType).charset).toBe(charset);
  });

  it('falls back to GB18030 when a server calls GBK bytes UTF-8', async () => {
    const bytes = fixture('gbk-undeclared.xml');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=utf-8').charset).toBe('gb18030');
    expect((await titles(bytes, 'text/xml; charset=utf-8')).item).toBe('骑手聚集讨薪：镕记配送站欠薪三月');
  });
});
