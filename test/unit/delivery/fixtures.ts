// Events and endpoints shared by the delivery channel tests.
import type { Endpoint, EventType, OutgoingEvent } from '../../../src/delivery/channels/index.ts';

export const NOW = new Date('2026-11-28T06:05:03.250Z');
export const CONSOLE = 'https://qianshao.example.gov.cn';

export function alertEvent(overrides: Record<string, unknown> = {}, type: EventType = 'alert.raised'): OutgoingEvent {
  return {
    id: 'msg_2QJ9qianshao0001',
    type,
    timestamp: new Date('2026-11-28T06:05:00.000Z'),
    data: {
      alert: {
        id: 'alt_01',
        rule: 'major_opinion',
        level: 'red',
        title: '外卖骑手聚集讨薪',
        firm: { name: '上海某某网络科技有限公司长宁配送站', uscc: '91310105MA1FL7XX3K' },
        score: 91.25,
        raised_at: '2026-11-28T06:05:00Z',
        due_at: '2026-11-28T15:59:00Z',
        url: '/alerts/alt_01',
        ...overrides,
      },
    },
  };
}

export function endpoint(kind: Endpoint['kind'], extra: Partial<Endpoint> = {}): Endpoint {
  const urls: Record<Endpoint['kind'], string> = {
    standard: 'https://receiver.example.com/hooks/qianshao',
    wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
    dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=XXXXXX',
    feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxxxxxxxxxxx',
    aliyun_sms: 'https://dysmsapi.aliyuncs.com/',
    aliyun_voice: 'https://dyvmsapi.aliyuncs.com/',
    tencent_sms: 'https://sms.tencentcloudapi.com/',
  };
  return { url: urls[kind], kind, secret: null, ...extra };
}

/** A lone surrogate would mean a character was cut in half. */
export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
