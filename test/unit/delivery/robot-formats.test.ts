import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRequest, type OutgoingEvent } from '../../../src/delivery/channels/index.ts';
import { CONSOLE, NOW, alertEvent, endpoint, isWellFormed } from './fixtures.ts';

const DING_SECRET = 'SEC000000000000000000000+/=中文00000000000000000000000000000000000000';
const FEISHU_SECRET = 'qiGTQ1E7Jt6WAvhy2ZwP8c';

function json(body: string): any {
  return JSON.parse(body);
}

describe('wecom', () => {
  it('sends markdown with the level marker, facts in Shanghai time and the link', () => {
    const req = buildRequest(endpoint('wecom'), alertEvent(), NOW, { consoleUrl: CONSOLE });
    expect(req.url).toBe(endpoint('wecom').url);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    const body = json(req.body);
    expect(body.msgtype).toBe('markdown');
    const content: string = body.markdown.content;
    expect(content).toContain('【红色预警】');
    expect(content).toContain('新预警');
    expect(content).toContain('外卖骑手聚集讨薪');
    expect(content).toContain('上海某某网络科技有限公司长宁配送站（91310105MA1FL7XX3K）');
    expect(content).toContain('发现时间：2026-11-28 14:05');
    expect(content).toContain('处置时限：2026-11-28 23:59');
    expect(content).toContain(`[查看详情](${CONSOLE}/alerts/alt_01)`);
    expect(content).not.toMatch(/🔴|🚨/u);
  });

  it('mentions user ids inside markdown with <@userid>', () => {
    const req = buildRequest(endpoint('wecom', { mentions: { userIds: ['zhangsan', 'lisi'] } }), alertEvent(), NOW);
    const body = json(req.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content.endsWith('<@zhangsan> <@lisi>')).toBe(true);
  });

  it('switches to the text type when mobiles or @all must be mentioned', () => {
    const mentions = { mobiles: ['13800001111'], userIds: ['wangqing'], all: true };
    const body = json(buildRequest(endpoint('wecom', { mentions }), alertEvent(), NOW, { consoleUrl: CONSOLE }).body);
    expect(body.msgtype).toBe('text');
    expect(body.text.mentioned_mobile_list).toEqual(['13800001111']);
    expect(body.text.mentioned_list).toEqual(['wangqing', '@all']);
    expect(body.text.content).toContain('【红色预警】新预警');
    expect(body.text.content).toContain(`查看详情：${CONSOLE}/alerts/alt_01`);
  });

  it('keeps markdown within 4096 bytes of UTF-8, cutting Chinese on a character boundary', () => {
    const long = '拖欠骑手工资'.repeat(60) + '𠮷'.repeat(20); // 3-byte and 4-byte characters
    const event: OutgoingEvent = {
      id: 'msg_long',
      type: 'credit.listed',
      timestamp: NOW,
      data: {
        credit: {
          title: long,
          firm: { name: long, uscc: '91310105MA1FL7XX3K' },
          reason: long,
          basis: long,
          authority: long,
          decision_no: long,
          removal_reason: long,
          summary: long,
          status: long,
          url: `${CONSOLE}/credit/1`,
        },
      },
    };
    const req = buildRequest(endpoint('wecom', { mentions: { userIds: ['zhangsan'] } }), event, NOW);
    const content: string = json(req.body).markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(content, 'utf8')).toBeGreaterThan(4000);
    expect(isWellFormed(content)).toBe(true);
    expect(content).not.toContain('\uFFFD');
    // The link and the mention survive the cut; the ellipsis marks it.
    expect(content.endsWith(`\n[查看详情](${CONSOLE}/credit/1)\n<@zhangsan>`)).toBe(true);
    expect(content).toContain('…\n[查看详情]');
  });

  it('keeps the text type within 2048 bytes', () => {
    const event = alertEvent({ title: '讨薪'.repeat(400), firm: { name: '配送站'.repeat(300), uscc: 'X' } });
    const body = json(buildRequest(endpoint('wecom', { mentions: { mobiles: ['13800001111'] } }), event, NOW).body);
    expect(Buffer.byteLength(body.text.content, 'utf8')).toBeLessThanOrEqual(2048);
    expect(isWellFormed(body.text.content)).toBe(true);
  });

  it('does not let data mention, link or restyle: <@all>, [..](..) and line breaks are neutralised', () => {
    const hostile = alertEvent({
      title: '<@all> [点我](javascript:alert(1))\n# 伪造标题',
      firm: { name: '<font color="info">某公司</font>', uscc: '**粗**' },
    });
    const content: string = json(buildRequest(endpoint('wecom'), hostile, NOW).body).markdown.content;
    expect(content).not.toContain('<@all>');
    expect(content).not.toContain('](javascript');
    expect(content).not.toContain('<font color="info">');
    expect(content).not.toMatch(/\n# /);
    expect(content).toContain('＜@all＞');
  });
});

describe('dingtalk', () => {
  // Independent computation from the vendor's text: "把timestamp+"\n"+密钥当做
  // 签名字符串，使用HmacSHA256算法计算签名，然后进行Base64 encode，最后再把
  // 签名参数再进行urlEncode，得到最终的签名（需要使用UTF-8字符集）".
  function vendorSign(secret: string, timestamp: number): string {
    const stringToSign = `${timestamp}\n${secret}`;
    const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
    mac.update(Buffer.from(stringToSign, 'utf8'));
    return encodeURIComponent(mac.digest().toString('base64'));
  }

  it('appends timestamp (ms) and the URL-encoded signature to the webhook URL', () => {
    const req = buildRequest(endpoint('dingtalk', { secret: DING_SECRET }), alertEvent(), NOW);
    const timestamp = NOW.getTime();
    expect(req.url).toBe(
      `${endpoint('dingtalk').url}&timestamp=${timestamp}&sign=${vendorSign(DING_SECRET, timestamp)}`,
    );
    const parsed = new URL(req.url);
    expect(parsed.searchParams.get('access_token')).toBe('XXXXXX');
    expect(parsed.searchParams.get('timestamp')).toBe(String(timestamp));
    expect(encodeURIComponent(parsed.searchParams.get('sign')!)).toBe(vendorSign(DING_SECRET, timestamp));
  });

  it('signs again at each attempt time', () => {
    const hook = endpoint('dingtalk', { secret: DING_SECRET });
    const later = new Date(NOW.getTime() + 5_000);
    const url = buildRequest(hook, alertEvent(), later).url;
    expect(url).toContain(`timestamp=${later.getTime()}&sign=${vendorSign(DING_SECRET, later.getTime())}`);
  });

  it('leaves the URL alone without a secret', () => {
    expect(buildRequest(endpoint('dingtalk'), alertEvent(), NOW).url).toBe(endpoint('dingtalk').url);
  });

  it('sends markdown with title, text and at; mentioned mobiles also appear in the text', () => {
    const mentions = { mobiles: ['13800001111', '13900002222'], userIds: ['manager01'] };
    const req = buildRequest(endpoint('dingtalk', { mentions }), alertEvent({ level: 'orange' }), NOW, {
      consoleUrl: CONSOLE,
    });
    const body = json(req.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toContain('【橙色预警】');
    expect(body.markdown.text).toContain('### 【橙色预警】新预警');
    expect(body.markdown.text).toContain('@13800001111');
    expect(body.markdown.text).toContain('@13900002222');
    expect(body.markdown.text).toContain('@manager01');
    expect(body.markdown.text).toContain(`[查看详情](${CONSOLE}/alerts/alt_01)`);
    expect(body.at).toEqual({ atMobiles: ['13800001111', '13900002222'], atUserIds: ['manager01'], isAtAll: false });
  });

  it('sets isAtAll when mentions.all is given', () => {
    const body = json(buildRequest(endpoint('dingtalk', { mentions: { all: true } }), alertEvent(), NOW).body);
    expect(body.at.isAtAll).toBe(true);
  });
});

describe('feishu', () => {
  // Independent computation from the vendor's text: "将 timestamp + "\n" + 密钥
  // 当做签名字符串，使用 HmacSHA256 算法计算签名，再进行 Base64 编码", where the
  // vendor's sample code uses the string to sign as the HMAC key over empty data.
  function vendorSign(secret: string, timestamp: number): string {
    const stringToSign = `${timestamp}\n${secret}`;
    return createHmac('sha256', Buffer.from(stringToSign, 'utf8')).update(Buffer.alloc(0)).digest('base64');
  }

  it('puts timestamp (seconds, string) and sign in the body', () => {
    const req = buildRequest(endpoint('feishu', { secret: FEISHU_SECRET }), alertEvent(), NOW);
    const body = json(req.body);
    const seconds = Math.floor(NOW.getTime() / 1000);
    expect(body.timestamp).toBe(String(seconds));
    expect(body.sign).toBe(vendorSign(FEISHU_SECRET, seconds));
    expect(Object.keys(body)).toEqual(['timestamp', 'sign', 'msg_type', 'content']);
    expect(req.url).toBe(endpoint('feishu').url);
  });

  it('omits the sign fields without a secret', () => {
    const body = json(buildRequest(endpoint('feishu'), alertEvent(), NOW).body);
    expect(body).not.toHaveProperty('sign');
    expect(body).not.toHaveProperty('timestamp');
  });

  it('sends a zh_cn post with text rows, a 查看 link and at elements for user ids', () => {
    const mentions = { userIds: ['ou_7d8a6e6df7621556ce0d21922b676706ccs'], all: true };
    const req = buildRequest(endpoint('feishu', { mentions }), alertEvent({ level: 'yellow' }), NOW, {
      consoleUrl: CONSOLE,
    });
    const body = json(req.body);
    expect(body.msg_type).toBe('post');
    const post = body.content.post.zh_cn;
    expect(post.title).toBe('【黄色预警】新预警：外卖骑手聚集讨薪');
    const rows: Array<Array<Record<string, string>>> = post.content;
    expect(rows[0]).toEqual([{ tag: 'text', text: '企业：上海某某网络科技有限公司长宁配送站（91310105MA1FL7XX3K）' }]);
    expect(rows).toContainEqual([
      { tag: 'text', text: '详情：' },
      { tag: 'a', text: '查看', href: `${CONSOLE}/alerts/alt_01` },
    ]);
    expect(rows.at(-1)).toEqual([
      { tag: 'at', user_id: 'ou_7d8a6e6df7621556ce0d21922b676706ccs' },
      { tag: 'at', user_id: 'all' },
    ]);
    expect(Buffer.byteLength(req.body)).toBeLessThan(20 * 1024);
  });
});
