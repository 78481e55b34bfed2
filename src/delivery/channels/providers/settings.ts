// The settings each SMS/voice channel needs, checked at registration so a
// channel that could never send is refused then, not at 22:10. Settings are
// not secret (the AccessKey secret / SecretKey is the endpoint's sealed
// `secret`); the key id is still shown masked in lists.
import { Invalid } from '../../../domain/errors.ts';
import type { PersonKind } from '../types.ts';

const REQUIRED: Record<PersonKind, string[]> = {
  aliyun_sms: ['accessKeyId', 'signName', 'templateCode'],
  aliyun_voice: ['accessKeyId', 'ttsCode'],
  tencent_sms: ['secretId', 'sdkAppId', 'signName', 'templateId'],
};
// `<template>_en`: the template registered in English, for recipients who read English (aliyun.ts templateFor).
const OPTIONAL: Record<PersonKind, string[]> = {
  aliyun_sms: ['templateCode_en'],
  aliyun_voice: ['calledShowNumber', 'playTimes', 'ttsCode_en'],
  tencent_sms: ['region', 'templateId_en'],
};

export function checkProviderSettings(kind: PersonKind, settings: Record<string, string>): Record<string, string> {
  const known = new Set([...REQUIRED[kind], ...OPTIONAL[kind]]);
  for (const [k, v] of Object.entries(settings)) {
    if (!known.has(k))
      throw new Invalid(
        `settings.${k}: not a ${kind} setting (known: ${[...known].join(', ')}); the key secret goes in "secret"`,
      );
    if (typeof v !== 'string' || v.trim() === '' || v.length > 200)
      throw new Invalid(`settings.${k}: a non-empty text of at most 200 characters`);
  }
  for (const k of REQUIRED[kind]) if (!settings[k]) throw new Invalid(`settings.${k}: required for a ${kind} channel`);
  if (settings['playTimes'] && !/^[1-3]$/.test(settings['playTimes']))
    throw new Invalid('settings.playTimes: 1, 2 or 3');
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v.trim()]));
}

/** Key ids shown with their middle hidden: LTAI…x8Qz. */
export function maskSettings(settings: Record<string, string>): Record<string, string> {
  const out = { ...settings };
  for (const k of ['accessKeyId', 'secretId']) {
    const v = out[k];
    if (v) out[k] = v.length > 8 ? `${v.slice(0, 4)}…${v.slice(-4)}` : '…';
  }
  return out;
}
