// Tencent Cloud SMS (sms SendSms, API 3.0, version 2021-01-11), signed with
// TC3-HMAC-SHA256. Template variables go in order: level, action, firm, code.
import { Invalid } from '../../../domain/errors.ts';
import type { Endpoint, HttpRequestSpec, OutgoingEvent } from '../types.ts';
import { setting, templateFor } from './aliyun.ts';
import type { Lang } from '../../../domain/i18n/codes.ts';
import { TENCENT_SMS_VAR_MAX, clipVars, personMessage } from './person-message.ts';
import { signTc3 } from './tencent-sign.ts';

export const TENCENT_SMS_URL = 'https://sms.tencentcloudapi.com/';
const CONTENT_TYPE = 'application/json; charset=utf-8';

/** Mainland numbers in E.164, as PhoneNumberSet wants. */
export const e164 = (mobile: string) => (mobile.startsWith('+') ? mobile : `+86${mobile}`);

export function buildTencentSmsRequest(
  endpoint: Endpoint,
  event: OutgoingEvent,
  now: Date,
  lang: Lang = 'zh',
): HttpRequestSpec {
  const to = endpoint.recipient;
  if (!to) throw new Invalid('recipient: an SMS needs a recipient');
  if (!endpoint.secret) throw new Invalid('secret: a tencent_sms channel needs its SecretKey');
  const template = templateFor(endpoint, 'templateId', lang);
  const m = personMessage(event, to, template.lang);
  const vars = clipVars({ level: m.level, action: m.action, firm: m.firm, code: m.code }, TENCENT_SMS_VAR_MAX);
  const payload = JSON.stringify({
    PhoneNumberSet: [e164(to.mobile)],
    SmsSdkAppId: setting(endpoint, 'sdkAppId'),
    SignName: setting(endpoint, 'signName'),
    TemplateId: template.code,
    TemplateParamSet: [vars.level, vars.action, vars.firm, vars.code],
    SessionContext: event.id,
  });
  const url = new URL(endpoint.url);
  const timestamp = Math.floor(now.getTime() / 1000);
  const { authorization } = signTc3({
    secretId: setting(endpoint, 'secretId'),
    secretKey: endpoint.secret,
    service: 'sms',
    host: url.host,
    contentType: CONTENT_TYPE,
    payload,
    timestamp,
  });
  return {
    url: endpoint.url,
    method: 'POST',
    body: payload,
    headers: {
      authorization,
      'content-type': CONTENT_TYPE,
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-timestamp': String(timestamp),
      'x-tc-region': endpoint.settings?.['region'] ?? 'ap-guangzhou',
    },
  };
}
