import { describe, expect, it } from 'vitest';
import {
  assembleDigest,
  HEADLINE_KEYS,
  renderDigestHtml,
  renderDigestMarkdown,
  type DigestInput,
} from '../../../src/domain/digest/index.ts';
import { asciiLeaks, cjkLeaks, pageText } from '../../helpers/language-check.ts';

// Issue 15 item 2: the digest in English — the document (page, e-mail, PDF)
// and the robot summary — from the same stored content as the Chinese one:
// English words and punctuation, codes through the one translation, stored
// Chinese sentences (score reasons, alert titles) replaced by their parts.

const counts = (n: number) => ({ candidate: n, proposed: n, listed: n, removed: n });
const FIRM = '上海某某网络科技有限公司长宁配送站';
const DATA = [
  FIRM,
  '示范区',
  '新华路街道',
  '舆情源甲',
  '外卖骑手聚集讨薪',
  'WB-2026-001',
  '长人社失信〔2026〕1号',
  '91310105MA1FL7XX3K',
];

function content() {
  const input: DigestInput = {
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
    topFirms: [
      {
        firmId: 1,
        name: FIRM,
        uscc: '91310105MA1FL7XX3K',
        sector: 'food_delivery',
        street: '新华路街道',
        score: 88.4,
        previousScore: null,
        level: 'red',
        reasons: ['逾期未支付工资：拖欠工资（责令支付，12人，¥36,000）', '集体信访：欠薪（15人）'],
        reasonKeys: ['overdue_pay_order', 'collective_petition'],
      },
    ],
    sectors: [
      { key: 'food_delivery', alerts: 3, redOrange: 1 },
      { key: 'courier', alerts: 0, redOrange: 0 },
    ],
    areas: [{ key: '新华路街道', alerts: 3, redOrange: 1 }],
    petitionChannels: [
      { channel: 'hotline_12345', petitions: 2 },
      { channel: null, petitions: 1 },
    ],
    ackMinutes: [12, 95],
    unacknowledged: 1,
    deadlines: { due: 3, met: 2 },
    majorOpinion: [
      {
        alertId: 9,
        firm: FIRM,
        title: '【红色预警·重大舆情】外卖骑手聚集讨薪',
        level: 'red',
        raisedAt: '2026-11-17T02:00:00.000Z',
        handleDueAt: null,
        closedAt: null,
      },
    ],
    credit: {
      week: counts(1),
      previous: counts(0),
      listedAtEnd: 2,
      inProcedureAtEnd: 3,
      entriesTotal: 2,
      entries: [
        {
          caseId: 1,
          firm: FIRM,
          uscc: null,
          kind: 'listed',
          at: '2026-11-18T01:00:00.000Z',
          decisionNo: '长人社失信〔2026〕1号',
          removalKind: null,
        },
        {
          caseId: 2,
          firm: FIRM,
          uscc: null,
          kind: 'removed',
          at: '2026-11-19T01:00:00.000Z',
          decisionNo: null,
          removalKind: 'early',
        },
      ],
    },
    feeds: [
      { name: '舆情源甲', lastSuccessAt: '2026-11-20T00:00:00.000Z', consecutiveFailures: 30, lastError: 'HTTP 503' },
    ],
    feedsCheckedAt: '2026-11-23T00:00:00.000Z',
    notable: [
      {
        title: '外卖骑手聚集讨薪',
        link: 'https://news.example/1',
        feed: '舆情源甲',
        severity: 5,
        major: true,
        at: '2026-11-17T00:00:00Z',
        firms: [FIRM],
      },
    ],
  };
  return assembleDigest(input);
}

describe('the digest in English', () => {
  it('the document holds no Chinese outside data values, nor full-width punctuation', () => {
    const html = renderDigestHtml(content(), { url: 'https://qs.example/digests/2026-W47', lang: 'en' });
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(cjkLeaks(pageText(html), DATA)).toEqual([]);
    expect(html).toContain('示范区: weekly labor-risk digest for new forms of employment (2026-W47)');
    expect(html).toContain('figures as of 2026-11-23 00:00 (Beijing time)');
    expect(html).toContain('<li>pay order overdue</li><li>collective petition</li>');
    expect(html).toContain(`#9 [Red alert · major public opinion] ${FIRM}`);
    expect(html).toContain('Food delivery');
    expect(html).toContain('12345 hotline 2 · not recorded 1');
  });
  it('the robot summary too', () => {
    const md = renderDigestMarkdown(content(), 'https://qs.example/digests/2026-W47', 4096, 'en');
    expect(cjkLeaks(md, DATA)).toEqual([]);
    expect(md).toContain(`1. ${FIRM} 88.4 (Red): pay order overdue`);
    expect(md.split('\n').at(-1)).toBe('[Read the full digest](https://qs.example/digests/2026-W47)');
  });
  it('the Chinese document is unchanged by the switch and holds no code', () => {
    const html = renderDigestHtml(content(), { url: 'https://qs.example/digests/2026-W47' });
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(asciiLeaks(pageText(html), [...DATA, 'HTTP 503'])).toEqual([]);
    expect(html).toContain('逾期未支付工资：拖欠工资（责令支付，12人，¥36,000）');
    expect(html).toContain('#9 【红色预警·重大舆情】外卖骑手聚集讨薪');
  });
});
