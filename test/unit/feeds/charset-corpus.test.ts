import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/ingest/feeds/decode.ts';
import { harnessOptions, listCorpusFiles, readCorpusFile, readCorpusHeader } from './corpus-helpers.ts';

// feedparser's `encoding == '...'` expectations (encoding/ and
// illformed/chardet/) checked against the decoder decodeFeedBytes picks,
// with the Content-Type its mock server would send.

// feedparser reports the label; we report the decoder used for it.
const SAME_DECODER: Record<string, string> = {
  // ASCII is a subset of UTF-8; decoding as UTF-8 keeps a mislabelled
  // non-ASCII byte readable instead of losing it.
  'us-ascii': 'utf-8',
  // WHATWG Encoding: Latin-1 labels mean windows-1252 in practice.
  'iso-8859-1': 'windows-1252',
  gb2312: 'gb18030',
  'euc-kr': 'cp949',
};

const EXCLUDED = {
  // text/* without a charset: feedparser applies RFC 3023's us-ascii
  // default and ignores the XML declaration (iso-8859-1). RFC 7303 dropped
  // that rule, and on Chinese servers it would turn every GBK feed served as
  // text/xml into mojibake, so we follow the declaration.
  rfc3023TextDefault: [
    'encoding/http_text_atom_xml_encoding.xml',
    'encoding/http_text_rss_xml_encoding.xml',
    'encoding/http_text_xml_epe_encoding.xml',
  ],
  // Unlabelled single-byte charsets: statistical detectors mistake short
  // GBK headlines for Latin-1, so only multi-byte East Asian guesses are
  // trusted and everything else falls back to GB18030.
  singleByteGuess: ['illformed/chardet/koi8r.xml', 'illformed/chardet/tis620.xml', 'illformed/chardet/windows1255.xml'],
};
const excluded = new Set(Object.values(EXCLUDED).flat());

const cases = listCorpusFiles()
  .filter((rel) => rel.startsWith('encoding/') || rel.startsWith('illformed/chardet/'))
  .flatMap((rel) => {
    const header = readCorpusHeader(readCorpusFile(rel));
    const m = /\bencoding == '([^']+)'/.exec(header.expect ?? '');
    return m ? [{ rel, label: (m[1] ?? '').toLowerCase(), contentType: harnessOptions(rel, header).contentType }] : [];
  });

const charsetOf = (rel: string, contentType: string | undefined) =>
  decodeFeedBytes(readCorpusFile(rel), contentType).charset;

describe('charset detection on the corpus', () => {
  it('covers 70 encoding expectations, 6 of them excluded for documented reasons', () => {
    expect(cases).toHaveLength(70);
    expect(cases.filter((c) => excluded.has(c.rel))).toHaveLength(excluded.size);
  });

  it.each(cases.filter((c) => !excluded.has(c.rel)))('$rel decodes as $label', ({ rel, label, contentType }) => {
    expect(charsetOf(rel, contentType)).toBe(SAME_DECODER[label] ?? label);
  });

  it.each(EXCLUDED.rfc3023TextDefault)('%s follows its XML declaration instead', (rel) => {
    const contentType = cases.find((c) => c.rel === rel)?.contentType;
    expect(contentType).toMatch(/^text\//);
    expect(charsetOf(rel, contentType)).toBe('windows-1252');
  });

  it.each(EXCLUDED.singleByteGuess)('%s falls back to GB18030', (rel) => {
    expect(charsetOf(rel, undefined)).toBe('gb18030');
  });
});
