import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  EVENT_TYPES,
  type Endpoint,
  type EventType,
  type OutgoingEvent,
} from '../../../src/delivery/channels/index.ts';
import { asciiLeaks, cjkLeaks } from '../../helpers/language-check.ts';
import { alertEvent, CONSOLE, endpoint, NOW } from './fixtures.ts';

// Issue 15 item 2: a robot, SMS or voice message is written in its
// receiver's language — the endpoint's for a group robot, the person's for
// an SMS or a call. Every event type through every channel, in Chinese
// (no code) and in English (no Chinese, no full-width punctuation), data
// values (firm names, USCCs, people, free text a person wrote) aside.

const FIRM = { name: '上海某某网络科技有限公司长宁配送站', uscc: '91310105MA1FL7XX3K' };
const DATA = [
  FIRM.name,
  FIRM.uscc,
  '张伟',
  'demo_duty',
  '13800138000',
  '外卖骑手聚集讨薪',
  '某某人社局',
  '已电话联系站点负责人',
  'demo_inspector',
  // Clipped to a channel's length limit (SMS variables, notification titles), a name is still a name.
  ...Array.from(FIRM.name, (_, i) => FIRM.name.slice(0, i + 1)),
];

function events(lang: 'zh' | 'en'): OutgoingEvent[] {
  const out: OutgoingEvent[] = [];
  for (const type of EVENT_TYPES) {
    if (type.startsWith('alert.')) {
      out.push(alertEvent({ previous_level: 'orange' }, type));
      out.push({
        ...alertEvent({ rule: 'overdue_wage_order', level: 'orange' }, type),
        data: {
          ...alertEvent({ rule: 'overdue_wage_order', level: 'orange' }, type).data,
          actor: { name: 'demo_duty' },
          reason: 'unacknowledged',
        },
      });
    } else if (type.startsWith('credit.')) {
      out.push({
        id: 'msg_credit',
        type,
        timestamp: NOW,
        data: {
          credit: {
            id: 7,
            state: type === 'credit.listed' ? 'listed' : type === 'credit.removed' ? 'removed' : 'proposed',
            firm: FIRM,
            legal_representative: '张伟',
            reason: '拒不支付劳动报酬，涉及 12 人、¥36,000',
            reason_en: 'pay order overdue: 12 workers, ¥36,000',
            authority: '某某人社局',
            decision_no: null,
            listed_on: '2026-11-20',
            expected_exit_on: '2029-11-20',
            removal_reason: null,
            proposed_by: 'demo_inspector',
          },
        },
      });
    } else {
      out.push({
        id: 'msg_digest',
        type: type as EventType,
        timestamp: NOW,
        // The digest's title and summary come written in the endpoint's language (src/digest/digest-event.ts, dataIn).
        data: {
          digest: {
            week: '2026-W47',
            district: null,
            ...(lang === 'en'
              ? { title: 'Whole jurisdiction: weekly labor-risk digest (2026-W47)', summary: '- New alerts: Red **4**' }
              : { title: '全辖区新就业形态劳动风险形势研判周报（2026-W47）', summary: '- 新增预警：红 **4**' }),
            url: '/digests/2026-W47',
            published_at: NOW.toISOString(),
          },
        },
      });
    }
  }
  return out;
}

const person = (lang: 'zh' | 'en') => ({ name: '张伟', mobile: '13800138000', ackCode: 'AbC123', lang });
const SMS = {
  accessKeyId: 'LTAI5tXXXX',
  signName: '人社预警',
  templateCode: 'SMS_1',
  templateCode_en: 'SMS_2',
  ttsCode: 'TTS_1',
  ttsCode_en: 'TTS_2',
  sdkAppId: '1400',
  secretId: 'AKID',
  templateId: '11',
  templateId_en: '12',
};

/** Every endpoint a message can go to, reading `lang`. */
function endpoints(lang: 'zh' | 'en'): Endpoint[] {
  return [
    endpoint('wecom', { lang }),
    endpoint('wecom', { lang, mentions: { mobiles: ['13800138000'] } }),
    endpoint('dingtalk', { lang, secret: 'SECx' }),
    endpoint('feishu', { lang }),
    endpoint('feishu', { lang, ackLinks: [{ name: '张伟', url: `${CONSOLE}/a/AbC123` }] }),
    endpoint('wecom', { lang, ackLinks: [{ name: '张伟', url: `${CONSOLE}/a/AbC123` }] }),
    // SMS and voice: the person's language, whatever the endpoint's.
    endpoint('aliyun_sms', { lang: 'zh', secret: 's', settings: SMS, recipient: person(lang) }),
    endpoint('aliyun_voice', { lang: 'zh', secret: 's', settings: SMS, recipient: person(lang) }),
    endpoint('tencent_sms', { lang: 'zh', secret: 's', settings: SMS, recipient: person(lang) }),
  ];
}

/** What the receiver reads: the body's strings (JSON-decoded) and, for the Alibaba Cloud channels, the template variables. */
function readable(url: string, body: string): string {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      Object.entries(v).forEach(([k, x]) => {
        if (
          ![
            'msgtype',
            'msg_type',
            'tag',
            'template',
            'href',
            'url',
            'user_id',
            'timestamp',
            'sign',
            'PhoneNumberSet',
            'SmsSdkAppId',
            'SignName',
            'TemplateId',
            'SessionContext',
            'ack',
            'type',
          ].includes(k)
        )
          walk(x);
      });
  };
  if (body) walk(JSON.parse(body));
  const q = new URL(url).searchParams;
  for (const k of ['TemplateParam', 'TtsParam']) if (q.get(k)) walk(JSON.parse(q.get(k)!));
  // Links, @-mentions and the acknowledge code are addresses, not words.
  return strings
    .join('\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\(\s*https?:[^)]*\)/g, ' ')
    .replace(/AbC123/g, ' ');
}

describe("messages speak their receiver's language", () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`every event type through every channel, in ${lang}`, () => {
      const leaks: Record<string, string[]> = {};
      for (const ev of events(lang)) {
        for (const e of endpoints(lang)) {
          const spec = buildRequest(e, ev, NOW, { consoleUrl: CONSOLE, nonce: 'n0' });
          const text = readable(spec.url, spec.body);
          const found = lang === 'zh' ? asciiLeaks(text, DATA) : cjkLeaks(text, DATA);
          if (found.length > 0)
            leaks[`${ev.type} → ${e.kind}${e.mentions ? '+mentions' : ''}${e.ackLinks ? '+ack' : ''}`] = found;
        }
      }
      expect(leaks).toEqual({});
    });
  }

  it('an English alert names the alert by its parts, not by the stored Chinese title', () => {
    const spec = buildRequest(endpoint('dingtalk', { lang: 'en' }), alertEvent(), NOW, { consoleUrl: CONSOLE });
    const text = JSON.parse(spec.body).markdown.text as string;
    expect(text).toContain('### (Red alert) New alert');
    expect(text).toContain('**(Red alert · major public opinion) 上海某某网络科技有限公司长宁配送站**');
    expect(text).toContain('- Rule: major public opinion');
    expect(text).toContain('- Raised: 2026-11-28 14:05');
    expect(text).not.toContain('外卖骑手聚集讨薪');
    const zh = JSON.parse(buildRequest(endpoint('dingtalk'), alertEvent(), NOW, { consoleUrl: CONSOLE }).body).markdown
      .text as string;
    expect(zh).toContain('**外卖骑手聚集讨薪**');
    expect(zh).toContain('- 发现时间：2026-11-28 14:05');
  });

  it("an SMS follows the person's language when an English template is registered, else stays Chinese", () => {
    const vars = (recipient: ReturnType<typeof person>, settings: Record<string, string>) => {
      const url = new URL(
        buildRequest(endpoint('aliyun_sms', { secret: 's', settings, recipient }), alertEvent(), NOW, { nonce: 'n0' })
          .url,
      );
      return [url.searchParams.get('TemplateCode'), JSON.parse(url.searchParams.get('TemplateParam')!)];
    };
    expect(vars(person('en'), SMS)).toEqual([
      'SMS_2',
      { level: 'Red alert', action: 'New alert', firm: '上海某某网络科技有限公司长宁配送站', code: 'AbC123' },
    ]);
    expect(vars(person('zh'), SMS)).toEqual([
      'SMS_1',
      { level: '红色预警', action: '新预警', firm: '上海某某网络科技有限公司长宁配送站', code: 'AbC123' },
    ]);
    const { templateCode_en: _, ...zhOnly } = SMS;
    expect(vars(person('en'), zhOnly)[0]).toBe('SMS_1');
    expect(vars(person('en'), zhOnly)[1]).toMatchObject({ level: '红色预警' });
  });

  it('a Feishu post is keyed by its language', () => {
    const body = JSON.parse(buildRequest(endpoint('feishu', { lang: 'en' }), alertEvent(), NOW, {}).body);
    expect(Object.keys(body.content.post)).toEqual(['en_us']);
    expect(body.content.post.en_us.title).toBe(
      '[Red alert] New alert: [Red alert · major public opinion] 上海某某网络科技有限公司长宁配送站',
    );
  });
});
