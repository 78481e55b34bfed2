import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  actorName,
  codeLabel,
  formatMinutes,
  LANGS,
  VOCABULARIES,
  type VocabularyName,
} from '../../../src/domain/i18n/codes.ts';
import {
  MESSAGES,
  coded,
  msg,
  renderMessage,
  type MessageKey,
  type MessageParams,
} from '../../../src/domain/i18n/messages.ts';
import { errorText, issueMessage } from '../../../src/domain/i18n/errors.ts';
import { describeFacts, describeTimeline } from '../../../src/domain/i18n/describe.ts';
import { reasonText } from '../../../src/domain/i18n/reasons.ts';
import { alertTitle } from '../../../src/domain/i18n/alert-text.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../src/domain/errors.ts';
import {
  FIRM_ROLE,
  INSPECTION_STATUS,
  PETITION_CHANNEL,
  SECTOR,
  VIOLATION,
  parseAmount,
  parseBool,
  parseDate,
  parseInteger,
  parseFirmRef,
} from '../../../src/domain/values/index.ts';
import { renderMessage as renderRobot } from '../../../src/delivery/channels/index.ts';
import { asciiLeaks, cjkLeaks } from '../../helpers/language-check.ts';
import { alertEvent } from '../delivery/fixtures.ts';

// Sample parameters: data values a message quotes (names, numbers) are data, so they are allowed.
const SAMPLE: MessageParams = {
  id: 42,
  name: 'demo_inspector',
  ref: '91310105MA1FL7XX3K',
  host: '10.0.0.1',
  event: 'alert.bogus',
  known: 'alert.raised',
  seconds: 30,
  district: '示范区',
  field: 'reason',
  status: coded('alertStatus', 'resolved'),
  action: coded('alertAction', 'ack'),
  role: coded('userRole', 'inspector'),
  permission: coded('permission', 'credit:approve'),
  state: coded('creditState', 'listed'),
  allowed: coded('creditState', 'approved'),
  reasons: coded('dismissReason', 'duplicate'),
  kinds: 'standard',
  text: '"2026-W99"',
  year: 2026,
  week: 99,
  date: '2026-12-05',
  today: '2026-12-04',
  months: 6,
  correctedOn: '2026-10-01',
  eligible: '2027-04-01',
  until: '2029-12-04',
  due: '2026-12-10',
  at: { at: new Date('2026-12-03T17:03:00Z') },
  problem: { nested: 'input.too_short' },
};
const DATA = [
  'demo_inspector',
  '91310105MA1FL7XX3K',
  '10.0.0.1',
  'alert.bogus',
  'alert.raised',
  'standard',
  '"2026-W99"',
  '示范区',
];

describe('the message catalogue', () => {
  it.each(Object.keys(MESSAGES) as MessageKey[])('%s reads as Chinese in zh and as English in en', (key) => {
    const zh = renderMessage('zh', msg(key, SAMPLE));
    const en = renderMessage('en', msg(key, SAMPLE));
    expect(asciiLeaks(zh, DATA), zh).toEqual([]);
    expect(cjkLeaks(en, DATA), en).toEqual([]);
    expect(zh).not.toMatch(/\{\w+\}/);
  });

  it('renders codes through their vocabularies and instants on the Shanghai clock', () => {
    const m = msg('credit.needs_permission', {
      action: coded('creditAction', 'approve'),
      permission: coded('permission', 'credit:approve'),
      name: 'demo_inspector',
      role: coded('userRole', 'inspector'),
    });
    expect(renderMessage('zh', m)).toBe(
      '「审批同意」需要「审批失信名单」权限；demo_inspector（劳动保障监察员）没有该权限',
    );
    expect(renderMessage('en', m)).toBe(
      'credit: approve needs approve credit listings; demo_inspector (labor inspector) does not have it',
    );
    expect(renderMessage('zh', msg('delivery.delivered', { id: 7, at: { at: '2026-12-03T17:03:00Z' } }))).toContain(
      '2026-12-04 01:03',
    );
  });
});

describe("errors in the reader's language", () => {
  it('a keyed error renders per language; its message is the English one', () => {
    const e = new NotFound(msg('firm.not_found', { ref: '123' }));
    expect(e.message).toBe('firm 123 not found');
    expect(errorText(e, 'zh')).toBe('未找到企业 123（或不在您的辖区）');
    expect(errorText(e, 'en')).toBe('firm 123 not found');
  });

  it('an English message with a keyed translation keeps the English for the API', () => {
    const e = new Forbidden(
      'role inspector lacks permission credit:approve',
      undefined,
      msg('auth.permission', {
        role: coded('userRole', 'inspector'),
        permission: coded('permission', 'credit:approve'),
      }),
    );
    expect(e.message).toBe('role inspector lacks permission credit:approve');
    expect(errorText(e, 'zh')).toBe('您的角色（劳动保障监察员）无权审批失信名单');
  });

  it('an error without a key falls back to its class in Chinese, never to English', () => {
    expect(errorText(new Conflict('something technical'), 'zh')).toBe('与当前状态冲突，请刷新后重试');
    expect(errorText(new Invalid('something technical'), 'en')).toBe('something technical');
  });

  it('zod problems name the field by its label', () => {
    const r = z.object({ reason: z.string().min(1) }).safeParse({ reason: '' });
    expect(r.success).toBe(false);
    const m = issueMessage(r.error!.issues);
    expect(renderMessage('zh', m)).toBe('「原因」太短或为空');
    expect(renderMessage('en', m)).toBe('reason: too short or empty');
  });
});

describe('the one translation of codes', () => {
  it('every vocabulary has the same codes in both languages; Chinese labels hold no code, English none of Chinese', () => {
    for (const name of Object.keys(VOCABULARIES) as VocabularyName[]) {
      const v = VOCABULARIES[name];
      expect(Object.keys(v.en).sort(), name).toEqual(Object.keys(v.zh).sort());
      for (const label of Object.values(v.zh)) expect(asciiLeaks(label, []), `${name}: ${label}`).toEqual([]);
      for (const label of Object.values(v.en)) expect(cjkLeaks(label, []), `${name}: ${label}`).toEqual([]);
    }
  });

  it('the record vocabularies show the labels the importer reads', () => {
    for (const dict of [SECTOR, FIRM_ROLE, VIOLATION, INSPECTION_STATUS]) {
      for (const code of dict.codes)
        expect(
          dict.parse(
            codeLabel(
              'zh',
              dict === SECTOR
                ? 'sector'
                : dict === FIRM_ROLE
                  ? 'firmRole'
                  : dict === VIOLATION
                    ? 'violation'
                    : 'inspectionStatus',
              code,
            ),
          ),
        ).toEqual({ ok: true, value: code });
    }
    for (const code of PETITION_CHANNEL.codes)
      expect(PETITION_CHANNEL.parse(codeLabel('zh', 'petitionChannel', code)).ok).toBe(true);
  });

  it('feeds poll every "5 分钟" / "5 min"; the system is not a login name', () => {
    expect(formatMinutes('zh', 5)).toBe('5 分钟');
    expect(formatMinutes('en', 5)).toBe('5 min');
    expect(formatMinutes('zh', 120)).toBe('2 小时');
    expect(actorName('zh', 'system')).toBe('系统');
    expect(actorName('en', 'demo_inspector')).toBe('demo_inspector');
    expect(LANGS).toEqual(['zh', 'en']);
  });
});

describe('evidence, timelines and titles in words', () => {
  const facts = {
    source: 'demo-inspections.csv',
    kind: 'complaint',
    violations: ['wage_arrears'],
    workers: 12,
    amount: 125000,
    order: 'pay',
    due: '2026-11-20',
    rectified: null,
    status: 'overdue',
  };

  it('an inspection reads as labels, not as source: …；kind: complaint', () => {
    expect(describeFacts('zh', 'inspection', facts)).toBe(
      '类别：举报投诉；违法事项：拖欠工资；涉及人数：12；金额（元）：¥125,000；处理决定：责令支付；整改期限：2026-11-20；状态：逾期未改',
    );
    expect(describeFacts('en', 'inspection', facts)).toBe(
      'kind: complaint; violations: wage arrears; workers: 12; amount (yuan): ¥125,000; order: order to pay; deadline: 2026-11-20; status: overdue, not rectified',
    );
  });

  it('an evidence instant is shown on the Shanghai day it happened', () => {
    expect(describeFacts('zh', 'petition', { closed: '2026-12-03T17:03:00.000Z' })).toBe('办结日期：2026-12-04 01:03');
  });

  it('a timeline entry reads as words, not JSON', () => {
    expect(describeTimeline('zh', 'assigned', { to: 'demo_inspector', from: 5 })).toBe('分配给：demo_inspector');
    expect(describeTimeline('en', 'assigned', { to: 'demo_inspector', from: 5 })).toBe('assigned to: demo_inspector');
    expect(
      describeTimeline('zh', 'level_raised', {
        from: 'orange',
        to: 'red',
        score: 82,
        previousScore: 61.5,
        fingerprint: 'level:red',
      }),
    ).toBe('橙色 → 红色；风险分：82.0；原风险分：61.5');
    expect(describeTimeline('zh', 'dismissed', { from: 'open', to: 'dismissed', reason: 'duplicate' })).toBe(
      '待确认 → 已排除；原因：重复',
    );
    expect(describeTimeline('en', 'ack_lapsed', { acknowledgedAt: '2026-12-03T17:03:00Z', timeoutMinutes: 60 })).toBe(
      'acknowledged at: 2026-12-04 01:03; time allowed: 1 h',
    );
  });

  it('an English reader gets the alert title from its codes', () => {
    const a = {
      title: '【红色预警·逾期未支付工资】某站：逾期',
      level: 'red',
      rule: 'overdue_wage_order',
      firm: { name: '某站' },
    };
    expect(alertTitle('zh', a)).toBe(a.title);
    expect(alertTitle('en', a)).toBe('[Red alert · overdue pay order] 某站');
  });
});

describe('refused rows explained in Chinese', () => {
  const failures = [
    parseDate('2026/2/30'),
    parseDate('soon'),
    parseDate(''),
    parseDate('1850-01-01'),
    parseAmount('lots'),
    parseAmount('-5'),
    parseAmount('1.234'),
    parseInteger('x'),
    parseBool('maybe'),
    parseFirmRef(''),
    parseFirmRef('91310105MA1FL7XX3A'),
    VIOLATION.parseList('theft'),
    SECTOR.parse('mining'),
    PETITION_CHANNEL.parse('fax'),
  ];

  it.each(failures.map((f) => [f.ok ? '(ok)' : f.message]))('%s', (message) => {
    expect(message).not.toBe('(ok)');
    const zh = reasonText('zh', message);
    expect(zh).not.toBe('内容无法识别');
    // The value the clerk typed is quoted as written: it is data.
    expect(
      asciiLeaks(zh, ['soon', 'lots', 'maybe', 'theft', 'mining', 'fax', '91310105MA1FL7XX3A', '"soon"', '"lots"']),
      zh,
    ).toEqual([]);
    expect(reasonText('en', message)).toBe(message);
  });

  it("quotes the issue's example", () => {
    expect(reasonText('zh', 'not a real date: 2026/2/30')).toBe('不是真实存在的日期：2026/2/30');
  });
});

describe('robot messages', () => {
  it('name the rule and the reason in Chinese', () => {
    const ev = alertEvent({ rule: 'overdue_wage_order' }, 'alert.escalated');
    ev.data['reason'] = 'unacknowledged';
    const m = renderRobot(ev);
    const text = m.facts.map((f) => `${f.label}：${f.value}`).join('\n');
    expect(text).toContain('规则：逾期未支付工资');
    expect(text).toContain('说明：无人确认');
    expect(asciiLeaks(text, ['91310105MA1FL7XX3K'])).toEqual([]);
  });
});
