import { describe, expect, it } from 'vitest';
import { buildRequest, judgeResponse } from '../../../src/delivery/channels/index.ts';
import { signAcs3 } from '../../../src/delivery/channels/providers/aliyun-sign.ts';
import { signTc3 } from '../../../src/delivery/channels/providers/tencent-sign.ts';
import { NOW, alertEvent, endpoint } from './fixtures.ts';

const event = alertEvent({}, 'alert.escalated');
const recipient = { name: '张伟', mobile: '13800000001', ackCode: 'k3Xa8fK2pQ' };
const aliyun = endpoint('aliyun_sms', {
  secret: 'aliyun-secret',
  settings: { accessKeyId: 'LTAIkey', signName: '前哨预警', templateCode: 'SMS_1' },
  recipient,
});

describe('Alibaba Cloud SendSms request', () => {
  const spec = buildRequest(aliyun, event, NOW, { nonce: 'n0nce' });
  const url = new URL(spec.url);

  it('puts the API parameters in the query and signs exactly what is sent', () => {
    expect(url.origin + url.pathname).toBe('https://dysmsapi.aliyuncs.com/');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      PhoneNumbers: '13800000001',
      SignName: '前哨预警',
      TemplateCode: 'SMS_1',
      OutId: event.id,
    });
    expect(spec.headers['x-acs-action']).toBe('SendSms');
    expect(spec.headers['x-acs-version']).toBe('2017-05-25');
    expect(spec.headers['x-acs-date']).toBe(`${NOW.toISOString().slice(0, 19)}Z`);
    expect(spec.headers['host']).toBeUndefined(); // the client sends the URL's host, which is what was signed
    const again = signAcs3({
      method: 'POST',
      host: url.host,
      path: '/',
      query: Object.fromEntries(url.searchParams),
      body: '',
      action: 'SendSms',
      version: '2017-05-25',
      date: spec.headers['x-acs-date']!,
      nonce: 'n0nce',
      accessKeyId: 'LTAIkey',
      accessKeySecret: 'aliyun-secret',
    });
    expect(spec.headers['authorization']).toBe(again.headers['authorization']);
  });

  it('fills the template variables in Chinese, each within 35 characters', () => {
    const vars = JSON.parse(url.searchParams.get('TemplateParam')!);
    expect(vars).toMatchObject({ level: expect.stringMatching(/预警$/), action: '预警升级', code: 'k3Xa8fK2pQ' });
    const long = buildRequest(
      aliyun,
      alertEvent({ firm: { name: `${'上海'.repeat(30)}有限公司`, uscc: null } }, 'alert.escalated'),
      NOW,
      { nonce: 'n' },
    );
    const firm = JSON.parse(new URL(long.url).searchParams.get('TemplateParam')!).firm as string;
    expect(Array.from(firm)).toHaveLength(35);
  });

  it('a fresh nonce is required (the gateway refuses a reused one)', () => {
    expect(() => buildRequest(aliyun, event, NOW)).toThrow(/nonce/);
  });
});

describe('Alibaba Cloud SingleCallByTts request', () => {
  it('calls the recipient with the TTS template and variables of at most 20 characters', () => {
    const spec = buildRequest(
      endpoint('aliyun_voice', {
        secret: 's',
        settings: { accessKeyId: 'k', ttsCode: 'TTS_1', calledShowNumber: '02100000000' },
        recipient,
      }),
      event,
      NOW,
      { nonce: 'n' },
    );
    const q = Object.fromEntries(new URL(spec.url).searchParams);
    expect(spec.headers['x-acs-action']).toBe('SingleCallByTts');
    expect(q).toMatchObject({
      CalledNumber: '13800000001',
      TtsCode: 'TTS_1',
      CalledShowNumber: '02100000000',
      PlayTimes: '2',
    });
    for (const v of Object.values(JSON.parse(q['TtsParam']!) as Record<string, string>))
      expect(Array.from(v).length).toBeLessThanOrEqual(20);
  });
});

describe('Tencent Cloud SendSms request', () => {
  it('sends +86 numbers, four variables of at most 12 characters, signed TC3 over the body', () => {
    const spec = buildRequest(
      endpoint('tencent_sms', {
        secret: 'tk',
        settings: { secretId: 'AKIDx', sdkAppId: '1400', signName: '前哨预警', templateId: '9' },
        recipient,
      }),
      event,
      NOW,
    );
    const body = JSON.parse(spec.body);
    expect(body).toMatchObject({
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400',
      SignName: '前哨预警',
      TemplateId: '9',
      SessionContext: event.id,
    });
    expect(body.TemplateParamSet).toHaveLength(4);
    for (const v of body.TemplateParamSet) expect(Array.from(v as string).length).toBeLessThanOrEqual(12);
    expect(spec.headers).toMatchObject({
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(Math.floor(NOW.getTime() / 1000)),
    });
    const again = signTc3({
      secretId: 'AKIDx',
      secretKey: 'tk',
      service: 'sms',
      host: 'sms.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: spec.body,
      timestamp: Math.floor(NOW.getTime() / 1000),
    });
    expect(spec.headers['authorization']).toBe(again.authorization);
  });
});

describe('provider answers', () => {
  const aliyunSays = (Code: string, Message = '') =>
    judgeResponse('aliyun_sms', 200, {}, JSON.stringify({ Code, Message, RequestId: 'r' }), NOW);
  const tencentSays = (Code: string) =>
    judgeResponse(
      'tencent_sms',
      200,
      {},
      JSON.stringify({ Response: { SendStatusSet: [{ Code, Message: '' }], RequestId: 'r' } }),
      NOW,
    );
  const tencentError = (Code: string) =>
    judgeResponse(
      'tencent_sms',
      200,
      {},
      JSON.stringify({ Response: { Error: { Code, Message: '' }, RequestId: 'r' } }),
      NOW,
    );

  it('Alibaba Cloud: OK delivered; flow control waits its window; a bad number or template fails; an unknown key disables', () => {
    expect(aliyunSays('OK')).toEqual({ outcome: 'delivered' });
    expect(aliyunSays('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1')).toMatchObject({
      outcome: 'retry',
      retryAfterMs: 60_000,
    });
    expect(aliyunSays('isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5')).toMatchObject({
      outcome: 'retry',
      retryAfterMs: 3_600_000,
    });
    expect(aliyunSays('isv.BUSINESS_LIMIT_CONTROL', '触发天级流控Permits:10')).toMatchObject({ outcome: 'fail' });
    expect(aliyunSays('Throttling.User')).toMatchObject({ outcome: 'retry' });
    expect(aliyunSays('isp.SYSTEM_ERROR')).toMatchObject({ outcome: 'retry' });
    for (const code of [
      'isv.MOBILE_NUMBER_ILLEGAL',
      'isv.SMS_TEMPLATE_ILLEGAL',
      'isv.AMOUNT_NOT_ENOUGH',
      'SignatureDoesNotMatch',
    ]) {
      expect(aliyunSays(code)).toMatchObject({ outcome: 'fail', error: expect.stringContaining(code) });
    }
    expect(aliyunSays('InvalidAccessKeyId.NotFound')).toMatchObject({ outcome: 'disable' });
    expect(judgeResponse('aliyun_voice', 503, {}, 'upstream down', NOW)).toMatchObject({ outcome: 'retry' });
  });

  it('Tencent Cloud: Ok delivered; LimitExceeded waits; an incorrect number fails; an unknown SecretId disables', () => {
    expect(tencentSays('Ok')).toEqual({ outcome: 'delivered' });
    expect(tencentSays('LimitExceeded.PhoneNumberThirtySecondLimit')).toMatchObject({
      outcome: 'retry',
      retryAfterMs: 30_000,
    });
    expect(tencentSays('LimitExceeded.PhoneNumberOneHourLimit')).toMatchObject({
      outcome: 'retry',
      retryAfterMs: 3_600_000,
    });
    expect(tencentSays('LimitExceeded.PhoneNumberDailyLimit')).toMatchObject({ outcome: 'fail' });
    expect(tencentSays('InvalidParameterValue.IncorrectPhoneNumber')).toMatchObject({ outcome: 'fail' });
    expect(tencentError('RequestLimitExceeded')).toMatchObject({ outcome: 'retry' });
    expect(tencentError('InternalError.Timeout')).toMatchObject({ outcome: 'retry' });
    expect(tencentError('AuthFailure.SignatureFailure')).toMatchObject({ outcome: 'fail' });
    expect(tencentError('AuthFailure.SecretIdNotFound')).toMatchObject({ outcome: 'disable' });
  });
});
