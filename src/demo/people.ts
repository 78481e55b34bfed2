// Fictional petitioners. The personal data must be well-formed (the store
// validates, seals and masks it, and the demo has to exercise that path),
// yet belong to nobody: names come from a small pool, phone numbers and ID
// sequence numbers are random, and nothing here is looked up anywhere.

import { ricCheckChar } from '../domain/ric.ts';
import type { Random } from './prng.ts';

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力金健国云峰海波宁浩宇凡鹏飞亮';

// Shanghai districts, and home counties typical of the city's delivery and
// courier workforce (Anhui, Henan, Jiangsu, Sichuan, Hunan, Jiangxi).
const SHANGHAI_REGIONS = ['310105', '310104', '310112', '310115', '310107', '310110', '310106', '310113'];
const HOME_REGIONS = [
  '340121',
  '341221',
  '341122',
  '411522',
  '412726',
  '320382',
  '321323',
  '511321',
  '430524',
  '360121',
];

export function personName(rnd: Random): string {
  return rnd.chars(SURNAMES, 1) + rnd.chars(GIVEN, rnd.chance(0.75) ? 2 : 1);
}

/** A mainland mobile number: 13x / 15x / 18x. */
export function phoneNumber(rnd: Random): string {
  return `1${rnd.pick(['3', '5', '8'])}${rnd.chars('0123456789', 9)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** First 17 characters of a resident ID: region, birth date 1970–2004, sequence. */
function idBody(rnd: Random): string {
  const region = rnd.chance(0.3) ? rnd.pick(SHANGHAI_REGIONS) : rnd.pick(HOME_REGIONS);
  const y = rnd.int(1970, 2004);
  const m = rnd.int(1, 12);
  const d = rnd.int(1, daysIn(y, m));
  return `${region}${y}${pad(m)}${pad(d)}${rnd.chars('0123456789', 3)}`;
}

/** A resident ID number with a valid GB 11643 check character. */
export function validIdNumber(rnd: Random): string {
  const body = idBody(rnd);
  return body + ricCheckChar(body);
}

/**
 * A deliberately invalid ID number of the kinds clerks produce: a wrong
 * check character, a digit dropped, or an impossible birth date.
 */
export function invalidIdNumber(rnd: Random): string {
  const body = idBody(rnd);
  const check = ricCheckChar(body);
  const kind = rnd.int(0, 2);
  if (kind === 0) {
    const wrong = '0123456789X'.replace(check, '');
    return body + rnd.pick(wrong.split(''));
  }
  if (kind === 1) return body.slice(0, 16) + check;
  // February 30th, with the check character computed so only the date is wrong.
  const bad = `${body.slice(0, 10)}0230${body.slice(14)}`;
  return bad + ricCheckChar(bad);
}
