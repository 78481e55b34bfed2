import { describe, expect, it } from 'vitest';
import {
  assembleDigest,
  HEADLINE_KEYS,
  renderDigestHtml,
  renderDigestMarkdown,
  type DigestInput,
} from '../../../src/domain/digest/index.ts';

const zero = () => ({ candidate: 0, proposed: 0, listed: 0, removed: 0 });

function input(over: Partial<DigestInput> = {}): DigestInput {
  return {
    week: '2026-W47',
    firstDay: '2026-11-16',
    lastDay: '2026-11-22',
    asOf: '2026-11-22T16:00:00.000Z',
    district: '示范区',
    areaKind: 'street',
    weeks: Array.from({ length: 12 }, (_, i) => `2026-W${36 + i}`),
    series: Object.fromEntries(
      HEADLINE_KEYS.map((k, j) => [k, Array.from({ length: 12 }, (_, i) => (i * j) % 7)]),
    ) as DigestInput['series'],
    topFirms: [],
    sectors: [],
    areas: [],
    ackMinutes: [],
    unacknowledged: 0,
    deadlines: { due: 0, met: 0 },
    majorOpinion: [],
    credit: { week: zero(), previous: zero(), listedAtEnd: 0, inProcedureAtEnd: 0, entries: [], entriesTotal: 0 },
    feeds: [],
    feedsCheckedAt: '2026-11-23T00:00:00.000Z',
    notable: [],
    ...over,
  };
}

describe('digest rendering', () => {
  it('escapes hostile text and has no scripts', () => {
    const c = assembleDigest(
      input({
        topFirms: [
          {
            firmId: 1,
            name: '<script>alert(1)</script>站',
            uscc: null,
            sector: 'courier',
            street: null,
            score: 50,
            previousScore: 40,
            level: 'orange',
            reasons: ['"x" & <y>'],
          },
        ],
        notable: [
          {
            title: '<img src=x onerror=1>',
            link: 'javascript:"x"',
            feed: 'f',
            severity: 3,
            major: false,
            at: '2026-11-17T00:00:00Z',
            firms: [],
          },
        ],
      }),
    );
    const html = renderDigestHtml(c, { url: 'https://qs.example/digests/2026-W47' });
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;站');
    expect(html).toContain('@page{size:A4');
  });
  it('lists at most 30 overdue major-opinion alerts and counts the rest', () => {
    const majorOpinion = Array.from({ length: 45 }, (_, i) => ({
      alertId: i + 1,
      title: `舆情${i + 1}`,
      firm: '快兔',
      raisedAt: '2026-11-17T02:00:00.000Z',
      handleDueAt: null,
      closedAt: null,
    }));
    const c = assembleDigest(input({ majorOpinion }));
    expect(c.response.sameDay.overdue).toBe(45);
    const html = renderDigestHtml(c);
    expect(html.match(/<tr data-alert="/g)).toHaveLength(30);
    expect(html).toContain('data-alert="30"');
    expect(html).not.toContain('data-alert="31"');
    expect(html).toContain('另有 15 件未列出');
  });
  it('keeps the Markdown within 4096 bytes, link last, however many long names', () => {
    const long = '很长的企业名称'.repeat(200);
    const c = assembleDigest(
      input({
        topFirms: Array.from({ length: 10 }, (_, i) => ({
          firmId: i,
          name: long,
          uscc: null,
          sector: 'courier',
          street: null,
          score: 90 - i,
          previousScore: null,
          level: 'red' as const,
          reasons: [long],
        })),
        feeds: Array.from({ length: 50 }, (_, i) => ({
          name: `源${i}${long}`,
          lastSuccessAt: null,
          consecutiveFailures: 9,
          lastError: null,
        })),
      }),
    );
    const md = renderDigestMarkdown(c, 'https://qs.example/digests/2026-W47');
    expect(new TextEncoder().encode(md).length).toBeLessThanOrEqual(4096);
    expect(md.endsWith('[查看完整周报](https://qs.example/digests/2026-W47)')).toBe(true);
    expect(md.startsWith('## 示范区新就业形态劳动风险形势研判周报（2026-W47）')).toBe(true);
  });
  it('shows the credit list: counts with the week before, the state at the end, the moves (escaped), and one Markdown line', () => {
    const c = assembleDigest(
      input({
        credit: {
          week: { candidate: 3, proposed: 1, listed: 1, removed: 2 },
          previous: { candidate: 1, proposed: 1, listed: 0, removed: 0 },
          listedAtEnd: 4,
          inProcedureAtEnd: 5,
          entriesTotal: 7,
          entries: [
            {
              caseId: 7,
              firm: '<b>甲</b>',
              uscc: null,
              kind: 'listed',
              at: '2026-11-17T02:00:00.000Z',
              decisionNo: '沪人社失信〔2026〕1号',
              removalKind: null,
            },
            {
              caseId: 8,
              firm: '乙',
              uscc: '91310000MA1FL0000X',
              kind: 'removed',
              at: '2026-11-18T02:00:00.000Z',
              decisionNo: null,
              removalKind: 'expiry',
            },
          ],
        },
      }),
    );
    expect(c.credit.counts).toEqual([
      { kind: 'candidate', value: 3, previous: 1, change: 2 },
      { kind: 'proposed', value: 1, previous: 1, change: 0 },
      { kind: 'listed', value: 1, previous: 0, change: 1 },
      { kind: 'removed', value: 2, previous: 0, change: 2 },
    ]);
    const html = renderDigestHtml(c);
    expect(html).toContain('<b data-fig="credit-candidate">3</b><small class="muted">上周 1（+2）</small>');
    expect(html).toContain('<b data-fig="credit-listed-at-end">4</b>');
    expect(html).toContain('<b data-fig="credit-in-procedure">5</b>');
    expect(html).toContain(
      '<tr data-case="7" data-kind="listed"><td>2026-11-17 10:00</td><td>&lt;b&gt;甲&lt;/b&gt;</td><td>列入名单</td><td>文书号 沪人社失信〔2026〕1号</td></tr>',
    );
    expect(html).toContain('<td>期满移出</td>');
    expect(html).toContain('另有 5 项未列出');
    expect(html).not.toContain('尚在建设');
    expect(renderDigestMarkdown(c, null)).toContain(
      '- 失信名单：新增候选 3 · 提请列入 1 · 列入名单 1 · 移出名单 2（周末在册 4）',
    );
  });
});
