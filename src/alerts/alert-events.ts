// The events an alert change sends (alert.raised, .escalated, .acknowledged,
// .resolved), built for the one outbox (src/delivery/outbox.ts): the alert
// as its payload, its level and firm district choosing the endpoints, and
// the people it pages.

import type { Medium } from '../delivery/channels/index.ts';
import type { Mentions, OutboxEvent, Paged } from '../delivery/outbox.ts';
import type { AlertDto } from './alert-view.ts';

export type AlertEventType = 'alert.raised' | 'alert.escalated' | 'alert.acknowledged' | 'alert.resolved';

export interface AlertEventExtra {
  mentions?: Mentions;
  details?: Record<string, unknown>;
  /** The people paged: each gets a signed acknowledge link, and SMS/voice as `media` says. */
  paged?: readonly Paged[];
  /** How the paged people are reached (default: the group robots only). */
  media?: readonly Medium[];
}

/** Only these page people; the others tell the endpoints what became of the alert. */
const PAGING = new Set<AlertEventType>(['alert.raised', 'alert.escalated']);

/** One alert event: to endpoints subscribed to its type and level, city-wide or of the firm's district. */
export function alertEvent(type: AlertEventType, alert: AlertDto, extra: AlertEventExtra = {}): OutboxEvent {
  const { mentions, details, paged, media } = extra;
  return {
    type,
    data: { alert, ...details },
    audience: { district: alert.firm.district, level: alert.level },
    alertId: alert.id,
    ...(mentions ? { mentions } : {}),
    ...(PAGING.has(type) && paged ? { paged } : {}),
    ...(media ? { media } : {}),
  };
}
