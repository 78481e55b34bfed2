// Service (送达) of a notice or decision and the date the party is taken to
// have received it: every period the party has runs from receipt, never
// from the document's date. A document not yet received stops its clock.
// Rules: 行政处罚法 art. 61 by analogy → 民事诉讼法 (see articles.ts,
// servicePost / serviceElectronic / servicePublic).

import { z } from 'zod';
import { Invalid } from '../errors.ts';
import { formatDay } from '../scoring/calendar.ts';
import { requireDate } from './deadlines.ts';
import { dateInput as date } from './inputs.ts';

export const SERVICE_METHODS = ['direct', 'post', 'electronic', 'public_notice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

export const SERVICE_ZH: Readonly<Record<ServiceMethod, string>> = {
  direct: '直接送达',
  post: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
};

/** 民事诉讼法 art. 95: served when this many days have passed since the public notice. */
export const PUBLIC_NOTICE_DAYS = 30;

export const serviceInputSchema = z.strictObject({
  method: z.enum(SERVICE_METHODS),
  /** The day it was handed over, posted, sent or the notice published. */
  sentOn: date,
  /** Direct: the date signed on the 送达回证; post: the date on the return receipt; electronic: the day it reached the recipient's system. */
  receivedOn: date.nullable().optional(),
  /** Tracking number, receipt signer, system message id, or where the notice was published. */
  proof: z.string().trim().min(1).max(500).optional(),
});
export type ServiceInput = z.infer<typeof serviceInputSchema>;

export interface ServiceRecord {
  method: ServiceMethod;
  sentOn: string;
  /** The legal date of receipt; null while not served (the clock is stopped). */
  receivedOn: string | null;
  proof: string | null;
  /** What the receipt date rests on (for the case file). */
  rule: string;
}

/** The legal receipt date of a service, or null when not yet received. Throws Invalid on an impossible date. */
export function serviceRecord(i: ServiceInput): ServiceRecord {
  const sent = requireDate(i.sentOn, 'service sentOn');
  const proof = i.proof ?? null;
  if (i.method === 'public_notice') {
    const receivedOn = formatDay(sent + PUBLIC_NOTICE_DAYS);
    if (i.receivedOn != null && i.receivedOn !== receivedOn)
      throw new Invalid(
        `service: a public notice published ${i.sentOn} is served on ${receivedOn} (${PUBLIC_NOTICE_DAYS} days), not ${i.receivedOn}`,
      );
    return {
      method: i.method,
      sentOn: i.sentOn,
      receivedOn,
      proof,
      rule: `公告发出之日起经过${PUBLIC_NOTICE_DAYS}日视为送达`,
    };
  }
  const receivedOn = i.receivedOn ?? null;
  if (receivedOn !== null && requireDate(receivedOn, 'service receivedOn') < sent)
    throw new Invalid(`service: received ${receivedOn} before it was sent ${i.sentOn}`);
  const rule =
    i.method === 'direct'
      ? '以送达回证上签收日期为送达日期'
      : i.method === 'post'
        ? '以回执上注明的收件日期为送达日期'
        : '以到达受送达人特定系统的日期为送达日期';
  return { method: i.method, sentOn: i.sentOn, receivedOn, proof, rule };
}

/** Records the receipt of a service still pending. */
export function withReceipt(s: ServiceRecord, receivedOn: string, proof?: string): ServiceRecord {
  if (s.method === 'public_notice')
    throw new Invalid('service: a public notice is served by the lapse of time; no receipt to record');
  if (s.receivedOn !== null) throw new Invalid(`service: already received on ${s.receivedOn}`);
  if (requireDate(receivedOn, 'receivedOn') < requireDate(s.sentOn, 'sentOn'))
    throw new Invalid(`service: received ${receivedOn} before it was sent ${s.sentOn}`);
  return { ...s, receivedOn, proof: proof ?? s.proof };
}

/** Whether the party has received it as of the date `today` (public notice: once the 30 days passed). */
export function isServed(s: ServiceRecord | null, today: string): boolean {
  return s !== null && s.receivedOn !== null && s.receivedOn <= today;
}
