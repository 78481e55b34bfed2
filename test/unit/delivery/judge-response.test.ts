import { describe, expect, it } from 'vitest';
import {
  judgeResponse,
  judgeTransportError,
  parseRetryAfter,
  type ChannelKind,
} from '../../../src/delivery/channels/index.ts';

const NOW = new Date('2026-11-28T06:05:00Z');
const none: Record<string, string> = {};

function judge(kind: ChannelKind, status: number, body: unknown, headers = none) {
  return judgeResponse(kind, status, headers, typeof body === 'string' ? body : JSON.stringify(body), NOW);
}

describe('judgeResponse: robots answer 200 with a business code', () => {
  it.each([
    ['wecom', { errcode: 0, errmsg: 'ok' }],
    ['dingtalk', { errcode: 0, errmsg: 'ok' }],
    ['feishu', { code: 0, msg: 'success', data: {} }],
    // Feishu's legacy fields, still sent alongside `code` by older gateways.
    ['feishu', { StatusCode: 0, StatusMessage: 'success', Extra: null }],
  ] as const)('%s %j is delivered', (kind, body) => {
    expect(judge(kind, 200, body)).toEqual({ outcome: 'delivered' });
  });

  // WeCom 45009 "api freq out of limit": 20 messages/min per robot → wait out the minute.
  it('WeCom 45009 rate limit → retry after 60 s', () => {
    const v = judge('wecom', 200, { errcode: 45009, errmsg: 'api freq out of limit' });
    expect(v).toMatchObject({ outcome: 'retry', retryAfterMs: 60_000 });
    if (v.outcome === 'retry') expect(v.error).toContain('45009');
  });

  // WeCom 93000 "invalid webhook url": the key is gone or the robot left the group.
  it('WeCom 93000 invalid webhook url → disable', () => {
    expect(judge('wecom', 200, { errcode: 93000, errmsg: 'invalid webhook url' }).outcome).toBe('disable');
  });

  // DingTalk 130101 "send too fast, exceed 20 times per minute": the robot is throttled for 10 min.
  it('DingTalk 130101 rate limit → retry after 10 min', () => {
    const v = judge('dingtalk', 200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    expect(v).toMatchObject({ outcome: 'retry', retryAfterMs: 600_000 });
  });

  // DingTalk 310000: security settings refused the message (sign / keyword / IP).
  it.each(['sign not match', 'keywords not in content', 'ip 1.2.3.4 not in whitelist'])(
    'DingTalk 310000 "%s" → fail',
    (errmsg) => {
      const v = judge('dingtalk', 200, { errcode: 310000, errmsg });
      expect(v.outcome).toBe('fail');
      if (v.outcome === 'fail') expect(v.error).toContain(errmsg);
    },
  );

  it('DingTalk 300001 token is not exist → disable', () => {
    expect(judge('dingtalk', 200, { errcode: 300001, errmsg: 'token is not exist' }).outcome).toBe('disable');
  });

  // Feishu custom robot guide: 9499 Bad Request, 19021 sign match fail, 11232 frequency limited.
  it('Feishu 9499 bad request → fail', () => {
    expect(judge('feishu', 200, { code: 9499, msg: 'Bad Request', data: {} }).outcome).toBe('fail');
  });

  it('Feishu 19021 sign match fail → fail', () => {
    const body = { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' };
    expect(judge('feishu', 200, body).outcome).toBe('fail');
  });

  it('Feishu 11232 frequency limited → retry after 60 s', () => {
    expect(judge('feishu', 200, { code: 11232, msg: 'frequency limited' })).toMatchObject({
      outcome: 'retry',
      retryAfterMs: 60_000,
    });
  });

  it('Feishu 19001 invalid webhook token → disable; 19024 missing keyword → fail', () => {
    expect(
      judge('feishu', 200, { code: 19001, msg: 'param invalid: incoming webhook access token invalid' }).outcome,
    ).toBe('disable');
    expect(judge('feishu', 200, { code: 19024, msg: 'Key Words Not Found' }).outcome).toBe('fail');
  });

  it('a busy robot (-1) is retried; an unknown code fails', () => {
    expect(judge('wecom', 200, { errcode: -1, errmsg: 'system busy' }).outcome).toBe('retry');
    expect(judge('dingtalk', 200, { errcode: 123456, errmsg: '?' }).outcome).toBe('fail');
  });

  it('a Retry-After header wins over the robot default', () => {
    const v = judge('wecom', 200, { errcode: 45009 }, { 'retry-after': '7' });
    expect(v).toMatchObject({ outcome: 'retry', retryAfterMs: 7_000 });
  });

  it('a 2xx that is not JSON counts as delivered (resending risks a duplicate)', () => {
    expect(judge('wecom', 200, 'OK')).toEqual({ outcome: 'delivered' });
  });

  it('a robot code on a 4xx speaks louder than the status', () => {
    expect(judge('feishu', 400, { code: 19001, msg: 'token invalid' }).outcome).toBe('disable');
    expect(judge('feishu', 400, { code: 0, msg: 'success' }).outcome).toBe('fail');
  });
});

describe('judgeResponse: HTTP status', () => {
  it.each(['standard', 'wecom', 'dingtalk', 'feishu'] as const)('%s: 410 Gone disables the endpoint', (kind) => {
    expect(judge(kind, 410, '')).toMatchObject({ outcome: 'disable' });
  });

  it('2xx delivers a standard webhook whatever the body', () => {
    expect(judge('standard', 200, '')).toEqual({ outcome: 'delivered' });
    expect(judge('standard', 204, '')).toEqual({ outcome: 'delivered' });
    expect(judge('standard', 202, '{"errcode":45009}')).toEqual({ outcome: 'delivered' });
  });

  it('429 with Retry-After in seconds', () => {
    expect(judge('standard', 429, '', { 'retry-after': '120' })).toMatchObject({
      outcome: 'retry',
      retryAfterMs: 120_000,
    });
  });

  it('429 with Retry-After as an HTTP-date', () => {
    const headers = { 'retry-after': 'Sat, 28 Nov 2026 06:07:30 GMT' };
    expect(judge('standard', 429, '', headers)).toMatchObject({ outcome: 'retry', retryAfterMs: 150_000 });
  });

  it('429 without Retry-After: standard follows the schedule, robots wait out their window', () => {
    const standard = judge('standard', 429, '');
    expect(standard.outcome).toBe('retry');
    expect(standard).not.toHaveProperty('retryAfterMs');
    expect(judge('dingtalk', 429, '')).toMatchObject({ retryAfterMs: 600_000 });
  });

  it('503 is retried, honouring Retry-After', () => {
    expect(judge('standard', 503, 'Service Unavailable')).toMatchObject({ outcome: 'retry' });
    expect(judge('standard', 503, '', { 'retry-after': '30' })).toMatchObject({
      outcome: 'retry',
      retryAfterMs: 30_000,
    });
    expect(judge('feishu', 502, '<html>bad gateway</html>').outcome).toBe('retry');
  });

  it('408 is retried; other 4xx, 401/403 and redirects fail', () => {
    expect(judge('standard', 408, '').outcome).toBe('retry');
    for (const status of [400, 401, 403, 404, 413, 422]) expect(judge('standard', status, '').outcome).toBe('fail');
    expect(judge('standard', 302, '').outcome).toBe('fail');
    const unauthorized = judge('standard', 401, 'bad signature');
    if (unauthorized.outcome === 'fail') expect(unauthorized.error).toContain('unauthorized');
  });

  it('a transport error is retried', () => {
    expect(judgeTransportError('connect ECONNREFUSED 127.0.0.1:9')).toMatchObject({ outcome: 'retry' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP-dates in three formats, and clamps', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 06:06:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Saturday, 28-Nov-26 06:06:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Sat Nov 28 06:06:00 2026', NOW)).toBe(60_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 06:00:00 GMT', NOW)).toBe(0); // already past
    expect(parseRetryAfter('999999999', NOW)).toBe(24 * 3_600_000); // capped at a day
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('2026-11-28 06:06:00', NOW)).toBeUndefined();
  });
});
