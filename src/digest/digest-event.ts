// `digest.published`, built for the one outbox (src/delivery/outbox.ts):
// one delivery per subscribed endpoint, written in the transaction that
// publishes the digest, sent at least once with the same message id.

import type { OutboxEvent } from '../delivery/outbox.ts';

export const DIGEST_EVENT = 'digest.published';

export interface DigestEventData {
  week: string;
  /** null: the whole deployment. */
  district: string | null;
  title: string;
  /** The Markdown summary (≤ 4096 bytes, for group robots). */
  summary: string;
  url: string;
  published_at: string;
}

/**
 * The event for the endpoints that cover exactly the digest's scope: a
 * district's digest goes to that district's endpoints, the whole
 * deployment's to city-wide endpoints. Levels do not apply (a digest has none).
 */
export function digestEvent(digest: DigestEventData, english?: DigestEventData): OutboxEvent {
  return {
    type: DIGEST_EVENT,
    data: { digest: { ...digest } },
    audience: { district: digest.district, exact: true },
    // One message (one id); an English endpoint gets the title and summary in English.
    ...(english ? { dataIn: { en: { digest: { ...english } } } } : {}),
  };
}
