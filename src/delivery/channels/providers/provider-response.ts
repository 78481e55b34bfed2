// What an SMS/voice provider's answer means for the outbox. Both answer
// HTTP 200 with a business code for most refusals; the code decides:
// delivered, try again later (throttling, a passing fault), or give up
// (a number or template the provider will never accept). Keys the
// provider does not know disable the channel: every later send would fail.
import { clipChars } from '../text.ts';
import type { DeliveryVerdict, PersonKind } from '../types.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

type Meaning =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; waitMs?: number }
  | { outcome: 'fail' }
  | { outcome: 'disable' };

/** Alibaba Cloud (dysmsapi / dyvmsapi) `Code`. */
export function aliyunMeaning(code: string, message: string): Meaning {
  if (code === 'OK') return { outcome: 'delivered' };
  if (code === 'isv.BUSINESS_LIMIT_CONTROL') {
    // Per-number flow control; the message says which window (分钟级 / 小时级 / 天级).
    if (/天级|day/i.test(message)) return { outcome: 'fail' };
    return { outcome: 'retry', waitMs: /小时级|hour/i.test(message) ? HOUR : MINUTE };
  }
  if (
    code.startsWith('Throttling') ||
    code === 'isp.SYSTEM_ERROR' ||
    code === 'isp.GATEWAY_ERROR' ||
    code === 'ServiceUnavailable' ||
    code === 'InternalError' ||
    code === 'SignatureNonceUsed'
  )
    return { outcome: 'retry' };
  if (code.startsWith('InvalidAccessKeyId')) return { outcome: 'disable' };
  // isv.MOBILE_NUMBER_ILLEGAL, isv.INVALID_PARAMETERS, isv.TEMPLATE_MISSED_PARAMS, isv.SMS_TEMPLATE_ILLEGAL,
  // isv.SMS_SIGNATURE_ILLEGAL, isv.AMOUNT_NOT_ENOUGH, isv.OUT_OF_SERVICE, isv.DAY_LIMIT_CONTROL, SignatureDoesNotMatch …
  return { outcome: 'fail' };
}

/** Tencent Cloud `Error.Code` or a `SendStatusSet[].Code`. */
export function tencentMeaning(code: string): Meaning {
  if (code === 'Ok') return { outcome: 'delivered' };
  if (code === 'LimitExceeded.PhoneNumberThirtySecondLimit') return { outcome: 'retry', waitMs: 30_000 };
  if (code === 'LimitExceeded.PhoneNumberOneHourLimit') return { outcome: 'retry', waitMs: HOUR };
  if (
    code === 'LimitExceeded.PhoneNumberDailyLimit' ||
    code === 'LimitExceeded.PhoneNumberSameContentDailyLimit' ||
    code === 'LimitExceeded.DeliveryFrequencyLimit'
  )
    return { outcome: 'fail' };
  if (
    code === 'RequestLimitExceeded' ||
    code.startsWith('LimitExceeded') ||
    code.startsWith('InternalError') ||
    code === 'AuthFailure.SignatureExpire' ||
    code === 'FailedOperation.ContainSensitiveWord.Busy'
  )
    return { outcome: 'retry' };
  if (code === 'AuthFailure.SecretIdNotFound' || code === 'AuthFailure.InvalidSecretId') return { outcome: 'disable' };
  // InvalidParameterValue.IncorrectPhoneNumber, FailedOperation.TemplateIncorrectOrUnapproved,
  // FailedOperation.InsufficientBalanceInSmsPackage, AuthFailure.SignatureFailure, UnauthorizedOperation.* …
  return { outcome: 'fail' };
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function codeOf(kind: PersonKind, body: string): { code: string; message: string } | null {
  const json = parse(body);
  if (!json) return null;
  if (kind !== 'tencent_sms')
    return json['Code'] === undefined ? null : { code: str(json['Code']), message: str(json['Message']) };
  const response = (json['Response'] ?? {}) as Record<string, unknown>;
  const error = response['Error'] as Record<string, unknown> | undefined;
  if (error) return { code: str(error['Code']), message: str(error['Message']) };
  const status = (response['SendStatusSet'] as Array<Record<string, unknown>> | undefined)?.[0];
  return status ? { code: str(status['Code']), message: str(status['Message']) } : null;
}

export function judgeProviderResponse(
  kind: PersonKind,
  status: number,
  body: string,
  retryAfterMs: number | undefined,
): DeliveryVerdict {
  const reply = codeOf(kind, body);
  if (!reply) {
    if (status === 429 || status >= 500 || status === 408)
      return { outcome: 'retry', error: `HTTP ${status}`, ...(retryAfterMs ? { retryAfterMs } : {}) };
    // A 2xx we cannot read: the message may have gone out, sending it again could page twice.
    if (status >= 200 && status < 300) return { outcome: 'delivered' };
    return { outcome: 'fail', error: `HTTP ${status}` };
  }
  const meaning = kind === 'tencent_sms' ? tencentMeaning(reply.code) : aliyunMeaning(reply.code, reply.message);
  const error = clipChars(`HTTP ${status}, ${kind} ${reply.code}${reply.message ? ` (${reply.message})` : ''}`, 300);
  switch (meaning.outcome) {
    case 'delivered':
      return { outcome: 'delivered' };
    case 'retry': {
      const wait = Math.max(meaning.waitMs ?? 0, retryAfterMs ?? 0);
      return wait > 0 ? { outcome: 'retry', error, retryAfterMs: wait } : { outcome: 'retry', error };
    }
    case 'disable':
      return { outcome: 'disable', error: `${error}: access key unknown to the provider` };
    case 'fail':
      return { outcome: 'fail', error };
  }
}
