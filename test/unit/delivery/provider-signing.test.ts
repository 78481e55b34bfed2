import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  percentEncode,
  signAcs3,
  signRpc,
} from '../../../src/delivery/channels/providers/aliyun-sign.ts';
import { signTc3 } from '../../../src/delivery/channels/providers/tencent-sign.ts';

// Each provider's own worked example, reproduced byte for byte: if a value
// here changes, the provider's gateway would refuse our requests.

describe('Alibaba Cloud V3 signature (ACS3-HMAC-SHA256)', () => {
  // help.aliyun.com, "V3 版本请求体&签名机制", fixed-parameter example (ECS RunInstances).
  const example = signAcs3({
    method: 'POST',
    host: 'ecs.cn-shanghai.aliyuncs.com',
    path: '/',
    query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
    body: '',
    action: 'RunInstances',
    version: '2014-05-26',
    date: '2023-10-26T10:22:32Z',
    nonce: '3156853299f313e23d1673dc12e1703d',
    accessKeyId: 'YourAccessKeyId',
    accessKeySecret: 'YourAccessKeySecret',
  });

  it('builds the published canonical request', () => {
    expect(example.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n' +
          'x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(example.stringToSign).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
  });

  it('reproduces the published Authorization header', () => {
    expect(example.headers['authorization']).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,' +
        'SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        'Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });

  it('a different secret or body gives a different signature', () => {
    const base = {
      method: 'POST' as const,
      host: 'h',
      query: {},
      action: 'A',
      version: 'v',
      date: 'd',
      nonce: 'n',
      accessKeyId: 'k',
    };
    const a = signAcs3({ ...base, body: '', accessKeySecret: 's' }).signature;
    expect(signAcs3({ ...base, body: '', accessKeySecret: 't' }).signature).not.toBe(a);
    expect(signAcs3({ ...base, body: 'x', accessKeySecret: 's' }).signature).not.toBe(a);
  });
});

describe('Alibaba Cloud RPC signature (HMAC-SHA1)', () => {
  // help.aliyun.com, "V2 版本 RPC 风格 API 请求的请求体与签名机制", fixed-parameter example (ECS DescribeDedicatedHosts).
  const params = {
    AccessKeyId: 'testid',
    Action: 'DescribeDedicatedHosts',
    Format: 'JSON',
    RegionId: 'cn-beijing',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: 'edb2b34af0af9a6d14deaf7c1a5315eb',
    SignatureVersion: '1.0',
    Timestamp: '2023-03-13T08:34:30Z',
    Version: '2014-05-26',
  };

  it('reproduces the published string to sign and signature', () => {
    expect(canonicalQuery(params)).toBe(
      'AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing' +
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26',
    );
    const { stringToSign, signature } = signRpc('GET', params, 'testsecret');
    expect(stringToSign).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing' +
        '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26',
    );
    expect(signature).toBe('9NaGiOspFP5UPcwX8Iwt2YJXXuk=');
  });

  it('encodes as RFC 3986 wants: space %20, * %2A, ~ kept, Chinese as UTF-8', () => {
    expect(percentEncode('a b*c~d')).toBe('a%20b%2Ac~d');
    expect(percentEncode('前哨')).toBe('%E5%89%8D%E5%93%A8');
  });
});

describe('Tencent Cloud TC3-HMAC-SHA256', () => {
  // cloud.tencent.com API 3.0 "签名方法 v3", worked example (CVM DescribeInstances, 2019-02-25).
  const example = signTc3({
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    contentType: 'application/json; charset=utf-8',
    timestamp: 1551113065,
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  });

  it('builds the published canonical request and string to sign', () => {
    expect(example.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
        'content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(example.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
  });

  it('reproduces the published Authorization header', () => {
    expect(example.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('dates the scope in UTC (00:44 in Shanghai is still the 25th)', () => {
    expect(example.stringToSign.split('\n')[2]).toBe('2019-02-25/cvm/tc3_request');
  });
});
