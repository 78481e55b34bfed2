import { chatTexts } from '../../domain/i18n/chat.ts';
import { PUNCT } from '../../domain/i18n/codes.ts';
import { buildDingtalkRequest } from './dingtalk.ts';
import { buildFeishuRequest } from './feishu.ts';
import { renderMessage } from './render.ts';
import type { RenderedMessage } from './message.ts';
import { buildStandardRequest } from './standard.ts';
import type { BuildOptions, Endpoint, HttpRequestSpec, OutgoingEvent } from './types.ts';
import { buildWecomRequest } from './wecom.ts';
import { buildAliyunSmsRequest, buildAliyunVoiceRequest } from './providers/aliyun.ts';
import { buildTencentSmsRequest } from './providers/tencent.ts';

/**
 * Builds the exact HTTP request for this channel. `now` is the signing time
 * (pass it in; never read the clock inside). Build it anew for every attempt:
 * signatures carry the attempt's time, while `webhook-id` stays the event id.
 * Throws `Invalid` for a standard endpoint without a usable secret.
 */
export function buildRequest(
  endpoint: Endpoint,
  event: OutgoingEvent,
  now: Date,
  options0: BuildOptions = {},
): HttpRequestSpec {
  // The receiver's language: the person's for SMS and voice, else the endpoint's.
  const lang = endpoint.recipient?.lang ?? endpoint.lang ?? options0.lang ?? 'zh';
  const options: BuildOptions = { ...options0, lang };
  switch (endpoint.kind) {
    case 'standard':
      return buildStandardRequest(endpoint, event, now);
    case 'wecom':
      return buildWecomRequest(endpoint, withAckLinks(renderMessage(event, options), endpoint));
    case 'dingtalk':
      return buildDingtalkRequest(endpoint, withAckLinks(renderMessage(event, options), endpoint), now);
    case 'feishu':
      return buildFeishuRequest(endpoint, withAckLinks(renderMessage(event, options), endpoint), now);
    case 'aliyun_sms':
      return buildAliyunSmsRequest(endpoint, event, now, nonceOf(options), lang);
    case 'aliyun_voice':
      return buildAliyunVoiceRequest(endpoint, event, now, nonceOf(options), lang);
    case 'tencent_sms':
      return buildTencentSmsRequest(endpoint, event, now, lang);
  }
}

function nonceOf(options: BuildOptions): string {
  if (!options.nonce) throw new Error('an Alibaba Cloud request needs a fresh nonce (BuildOptions.nonce)');
  return options.nonce;
}

/** Each @-mentioned person's own acknowledge link, one line each: 一键确认（张伟）：https://…/a/… */
export function withAckLinks(message: RenderedMessage, endpoint: Endpoint): RenderedMessage {
  const links = endpoint.ackLinks ?? [];
  if (links.length === 0) return message;
  const p = PUNCT[message.lang];
  return {
    ...message,
    facts: [
      ...message.facts,
      ...links.map((l) => ({ label: `${chatTexts(message.lang).ack}${p.open}${l.name}${p.close}`, value: l.url })),
    ],
  };
}
