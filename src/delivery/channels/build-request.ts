import { buildDingtalkRequest } from './dingtalk.ts';
import { buildFeishuRequest } from './feishu.ts';
import { renderMessage } from './render.ts';
import { buildStandardRequest } from './standard.ts';
import type { BuildOptions, Endpoint, HttpRequestSpec, OutgoingEvent } from './types.ts';
import { buildWecomRequest } from './wecom.ts';

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
  options: BuildOptions = {},
): HttpRequestSpec {
  switch (endpoint.kind) {
    case 'standard':
      return buildStandardRequest(endpoint, event, now);
    case 'wecom':
      return buildWecomRequest(endpoint, renderMessage(event, options));
    case 'dingtalk':
      return buildDingtalkRequest(endpoint, renderMessage(event, options), now);
    case 'feishu':
      return buildFeishuRequest(endpoint, renderMessage(event, options), now);
  }
}
