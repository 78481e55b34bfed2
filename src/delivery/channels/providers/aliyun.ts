// Alibaba Cloud SMS (dysmsapi SendSms, 2017-05-25) and voice notification
// (dyvmsapi SingleCallByTts, 2017-05-25), signed with ACS3-HMAC-SHA256.
// The API parameters travel in the query string of a POST with an empty
// body, as the V3 scheme allows for RPC-style APIs.
import { Invalid } from '../../../domain/errors.ts';
import type { Endpoint, HttpRequestSpec, OutgoingEvent } from '../types.ts';
import type { Lang } from '../../../domain/i18n/codes.ts';
import { signAcs3 } from './aliyun-sign.ts';
import { ALIYUN_SMS_VAR_MAX, ALIYUN_TTS_VAR_MAX, clipVars, personMessage } from './person-message.ts';

export const ALIYUN_SMS_URL = 'https://dysmsapi.aliyuncs.com/';
export const ALIYUN_VOICE_URL = 'https://dyvmsapi.aliyuncs.com/';
const VERSION = '2017-05-25';

/** yyyy-MM-ddTHH:mm:ssZ, as x-acs-date wants (no milliseconds). */
export const acsDate = (now: Date) => `${now.toISOString().slice(0, 19)}Z`;

export function setting(endpoint: Endpoint, name: string): string {
  const value = endpoint.settings?.[name];
  if (!value) throw new Invalid(`settings.${name}: required for a ${endpoint.kind} channel`);
  return value;
}

/**
 * The template for the recipient's language: `<name>_en` (an English
 * template the bureau registered) for an English reader, else `<name>`, the
 * Chinese one, whose variables are then filled in Chinese too.
 */
export function templateFor(endpoint: Endpoint, name: string, lang: Lang): { code: string; lang: Lang } {
  const en = endpoint.settings?.[`${name}_en`];
  return lang === 'en' && en ? { code: en, lang: 'en' } : { code: setting(endpoint, name), lang: 'zh' };
}

function signed(
  endpoint: Endpoint,
  action: string,
  query: Record<string, string>,
  now: Date,
  nonce: string,
): HttpRequestSpec {
  if (!endpoint.secret) throw new Invalid(`secret: a ${endpoint.kind} channel needs its AccessKey secret`);
  const url = new URL(endpoint.url);
  const { headers } = signAcs3({
    method: 'POST',
    host: url.host,
    path: url.pathname || '/',
    query,
    body: '',
    action,
    version: VERSION,
    date: acsDate(now),
    nonce,
    accessKeyId: setting(endpoint, 'accessKeyId'),
    accessKeySecret: endpoint.secret,
  });
  // The HTTP client sets Host from the URL; it is the value signed above.
  const { host: _host, ...send } = headers;
  const search = new URLSearchParams(query).toString().replace(/\+/g, '%20');
  return { url: `${url.origin}${url.pathname || '/'}?${search}`, method: 'POST', headers: send, body: '' };
}

export function buildAliyunSmsRequest(
  endpoint: Endpoint,
  event: OutgoingEvent,
  now: Date,
  nonce: string,
  lang: Lang = 'zh',
): HttpRequestSpec {
  const to = endpoint.recipient;
  if (!to) throw new Invalid('recipient: an SMS needs a recipient');
  const template = templateFor(endpoint, 'templateCode', lang);
  const m = personMessage(event, to, template.lang);
  const vars = clipVars({ level: m.level, action: m.action, firm: m.firm, code: m.code }, ALIYUN_SMS_VAR_MAX);
  return signed(
    endpoint,
    'SendSms',
    {
      PhoneNumbers: to.mobile,
      SignName: setting(endpoint, 'signName'),
      TemplateCode: template.code,
      TemplateParam: JSON.stringify(vars),
      OutId: event.id,
    },
    now,
    nonce,
  );
}

export function buildAliyunVoiceRequest(
  endpoint: Endpoint,
  event: OutgoingEvent,
  now: Date,
  nonce: string,
  lang: Lang = 'zh',
): HttpRequestSpec {
  const to = endpoint.recipient;
  if (!to) throw new Invalid('recipient: a call needs a recipient');
  const template = templateFor(endpoint, 'ttsCode', lang);
  const m = personMessage(event, to, template.lang);
  const vars = clipVars({ level: m.level, action: m.action, firm: m.firm }, ALIYUN_TTS_VAR_MAX);
  const query: Record<string, string> = {
    CalledNumber: to.mobile,
    TtsCode: template.code,
    TtsParam: JSON.stringify(vars),
    PlayTimes: endpoint.settings?.['playTimes'] ?? '2',
    OutId: event.id,
  };
  const shown = endpoint.settings?.['calledShowNumber'];
  if (shown) query['CalledShowNumber'] = shown;
  return signed(endpoint, 'SingleCallByTts', query, now, nonce);
}
