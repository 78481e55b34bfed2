import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatShanghaiMinute,
  levelMarker,
  renderMessage,
  truncateUtf8,
  utf8Bytes,
  type OutgoingEvent,
} from '../../../src/delivery/channels/index.ts';
import { CONSOLE, NOW, alertEvent, isWellFormed } from './fixtures.ts';

describe('renderMessage for alerts', () => {
  it.each([
    ['red', '【红色预警】'],
    ['orange', '【橙色预警】'],
    ['yellow', '【黄色预警】'],
    ['blue', '【蓝色预警】'],
  ] as const)('marks %s as %s', (level, marker) => {
    expect(levelMarker(level)).toBe(marker);
    expect(renderMessage(alertEvent({ level })).marker).toBe(marker);
  });

  it.each([
    ['alert.raised', '新预警'],
    ['alert.escalated', '预警升级'],
    ['alert.acknowledged', '预警已确认'],
    ['alert.resolved', '预警已办结'],
  ] as const)('names %s as %s', (type, action) => {
    expect(renderMessage(alertEvent({}, type)).action).toBe(action);
  });

  it('lists firm, rule, score and times in Asia/Shanghai', () => {
    const m = renderMessage(alertEvent(), { consoleUrl: CONSOLE });
    expect(m.facts).toEqual([
      { label: '企业', value: '上海某某网络科技有限公司长宁配送站（91310105MA1FL7XX3K）' },
      { label: '规则', value: '重大舆情' },
      { label: '风险分', value: '91.3' },
      { label: '发现时间', value: '2026-11-28 14:05' },
      { label: '处置时限', value: '2026-11-28 23:59' },
    ]);
    expect(m.link).toBe(`${CONSOLE}/alerts/alt_01`);
  });

  it('shows the previous level on escalation and the actor on acknowledgement', () => {
    const escalated = alertEvent({ level: 'red' }, 'alert.escalated');
    escalated.data['previous_level'] = 'orange';
    expect(renderMessage(escalated).facts).toContainEqual({ label: '原级别', value: '橙色预警' });
    const acked = alertEvent({}, 'alert.acknowledged');
    acked.data['actor'] = { name: '王监察' };
    expect(renderMessage(acked).facts).toContainEqual({ label: '处理人', value: '王监察' });
  });

  it('links only http(s): relative paths need the console URL, javascript: never links', () => {
    expect(renderMessage(alertEvent()).link).toBeNull();
    expect(renderMessage(alertEvent({ url: 'https://x.example/a/1' })).link).toBe('https://x.example/a/1');
    expect(renderMessage(alertEvent({ url: 'javascript:alert(1)' }), { consoleUrl: CONSOLE }).link).toBeNull();
  });

  it('falls back to the generic rendering when data.alert is missing', () => {
    const event: OutgoingEvent = { id: 'm', type: 'alert.raised', timestamp: NOW, data: { title: '无详情' } };
    const m = renderMessage(event);
    expect(m.marker).toBeNull();
    expect(m.action).toBe('新预警');
  });
});

describe('renderMessage for other events', () => {
  it('renders a credit listing with Chinese labels and Shanghai dates', () => {
    const event: OutgoingEvent = {
      id: 'm1',
      type: 'credit.listed',
      timestamp: NOW,
      data: {
        credit: {
          id: 'cr_1',
          firm: { name: '上海某某劳务派遣有限公司', uscc: '91310105MA1FL7XX3K' },
          reason: '拖欠农民工工资',
          decision_no: '长人社监列〔2026〕3号',
          listed_at: '2026-11-27T16:30:00Z',
          url: '/credit/cr_1',
        },
      },
    };
    const m = renderMessage(event, { consoleUrl: CONSOLE });
    expect(m.action).toBe('失信名单：已列入');
    expect(m.title).toBe('上海某某劳务派遣有限公司（91310105MA1FL7XX3K）');
    expect(m.facts).toEqual([
      { label: '企业', value: '上海某某劳务派遣有限公司（91310105MA1FL7XX3K）' },
      { label: '列入事由', value: '拖欠农民工工资' },
      { label: '文书号', value: '长人社监列〔2026〕3号' },
      { label: '列入日期', value: '2026-11-28 00:30' },
    ]);
    expect(m.link).toBe(`${CONSOLE}/credit/cr_1`);
  });

  it('renders a digest with its title and link', () => {
    const event: OutgoingEvent = {
      id: 'm2',
      type: 'digest.published',
      timestamp: NOW,
      data: {
        digest: { title: '2026年第48周形势研判', period: '2026-11-23 至 2026-11-29', url: 'https://c.example/d/48' },
      },
    };
    const m = renderMessage(event);
    expect(m.action).toBe('形势研判周报已发布');
    expect(m.title).toBe('2026年第48周形势研判');
    expect(m.facts).toEqual([{ label: '周期', value: '2026-11-23 至 2026-11-29' }]);
    expect(m.link).toBe('https://c.example/d/48');
  });

  it('renders a feed health alert with its facts on the Shanghai clock and no code-named field', () => {
    const event: OutgoingEvent = {
      id: 'm3',
      type: 'feed.alert',
      timestamp: NOW,
      data: {
        feed: {
          id: 4,
          name: '某融媒体',
          district: '示范区',
          alert_id: 9,
          kind: 'failing',
          title: '【舆情源告警】某融媒体：抓取连续失败已 2 小时（3 次）',
          since: '2026-11-20T02:00:00.000Z',
          failures: 3,
          last_error: 'HTTP 503',
          url: '/feed-alerts/9',
        },
      },
    };
    const m = renderMessage(event, { consoleUrl: 'https://c.example' });
    expect(m.action).toBe('舆情源告警');
    expect(m.title).toBe('【舆情源告警】某融媒体：抓取连续失败已 2 小时（3 次）');
    expect(m.facts).toEqual([
      { label: '区', value: '示范区' },
      { label: '起始时间', value: '2026-11-20 10:00' },
      { label: '连续失败次数', value: '3' },
      { label: '最近错误', value: 'HTTP 503' },
    ]);
    expect(m.link).toBe('https://c.example/feed-alerts/9');
  });
});

describe('time and text helpers', () => {
  it('formats instants in Asia/Shanghai across midnight', () => {
    expect(formatShanghaiMinute(new Date('2026-11-28T06:05:00Z'))).toBe('2026-11-28 14:05');
    expect(formatShanghaiMinute(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29 00:30');
    expect(formatShanghaiMinute(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31 23:59');
  });

  it('truncateUtf8 never exceeds the budget nor splits a character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 3, max: 300 }), (text, max) => {
        const cut = truncateUtf8(text, max);
        expect(utf8Bytes(cut)).toBeLessThanOrEqual(max);
        expect(isWellFormed(cut)).toBe(true);
        if (cut === text) return;
        expect(cut.endsWith('…')).toBe(true);
        expect(text.startsWith(cut.slice(0, -1))).toBe(true);
        // Nothing more would have fitted: the next character overflows.
        const next = Array.from(text.slice(cut.length - 1))[0]!;
        expect(utf8Bytes(cut) + utf8Bytes(next)).toBeGreaterThan(max);
      }),
    );
  });

  it('truncateUtf8 cuts Chinese at 3-byte boundaries', () => {
    expect(truncateUtf8('预警预警预警', 10)).toBe('预警…'); // 6 + 3 bytes ≤ 10
    expect(truncateUtf8('预警', 6)).toBe('预警');
  });
});
