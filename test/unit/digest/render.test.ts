import { describe, expect, it } from 'vitest';
import { assembleDigest, HEADLINE_KEYS, renderDigestHtml, renderDigestMarkdown, type DigestInput } from '../../../src/domain/digest/index.ts';

function input(over: Partial<DigestInput> = {}): DigestInput {
  return {
    week: '2026-W47', firstDay: '2026-11-16', lastDay: '2026-11-22', asOf: '2026-11-22T16:00:00.000Z', district: '示范区', areaKind: 'street',
    weeks: Array.from({ length: 12 }, (_, i) => `2026-W${36 + i}`),
    series: Object.fromEntries(HEADLINE_KEYS.map((k, j) => [k, Array.from({ length: 12 }, (_, i) => (i * j) % 7)])) as DigestInput['series'],
    topFirms: [], sectors: [], areas: [], ackMinutes: [], unacknowledged: 0, deadlines: { due: 0, met: 0 }, majorOpinion: [],
    feeds: [], feedsCheckedAt: '2026-11-23T00:00:00.000Z', notable: [], ...over,
  };
}

describe('digest rendering', () => {
  it('escapes hostile text and has no scripts', () => {
    const c = assembleDigest(input({
      topFirms: [{ firmId: 1, name: '<script>alert(1)</script>站', uscc: null, sector: 'courier', street: null, score: 50, previousScore: 40, level: 'orange', reasons: ['"x" & <y>'] }],
      notable: [{ title: '<img src=x onerror=1>', link: 'javascript:"x"', feed: 'f', severity: 3, major: false, at: '2026-11-17T00:00:00Z', firms: [] }],
    }));
    const html = renderDigestHtml(c, { url: 'https://qs.example/digests/2026-W47' });
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;站');
    expect(html).toContain('@page{size:A4');
  });
  it('keeps the Markdown within 4096 bytes, link last, however many long names', () => {
    const long = '很长的企业名称'.repeat(200);
    const c = assembleDigest(input({
      topFirms: Array.from({ length: 10 }, (_, i) => ({ firmId: i, name: long, uscc: null, sector: 'courier', street: null, score: 90 - i, previousScore: null, level: 'red' as const, reasons: [long] })),
      feeds: Array.from({ length: 50 }, (_, i) => ({ name: `源${i}${long}`, lastSuccessAt: null, consecutiveFailures: 9, lastError: null })),
    }));
    const md = renderDigestMarkdown(c, 'https://qs.example/digests/2026-W47');
    expect(new TextEncoder().encode(md).length).toBeLessThanOrEqual(4096);
    expect(md.endsWith('[查看完整周报](https://qs.example/digests/2026-W47)')).toBe(true);
    expect(md.startsWith('## 示范区新就业形态劳动风险形势研判周报（2026-W47）')).toBe(true);
  });
});
