// Every attempt to reach someone about an alert goes on the alert's
// timeline: which channel, to whom, what came of it. Not audited (it is
// delivery, not a state change); the deliveries table keeps the detail.
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { mediumOf } from './channels/index.ts';
import type { Claimed, DeliverContext, EndpointRow, Outcome } from './deliver-one.ts';

export async function recordAttempt(
  ctx: DeliverContext,
  endpoint: EndpointRow,
  d: Claimed,
  outcome: Outcome,
  error: string | null,
): Promise<void> {
  if (d.alert_id === null || outcome === 'deferred') return;
  const details = {
    channel: endpoint.kind,
    medium: mediumOf(endpoint.kind) ?? 'webhook',
    endpoint: endpoint.id,
    ...(endpoint.label ? { label: endpoint.label } : {}),
    ...(d.event.recipient ? { to: d.event.recipient.name } : {}),
    event: d.event_type,
    attempt: d.attempts,
    outcome,
    ...(error ? { error } : {}),
  };
  await ctx.db
    .insertInto('alert_events')
    .values({
      alert_id: d.alert_id,
      at: ctx.now(),
      kind: 'delivery',
      actor_id: SYSTEM_ACTOR.id,
      actor_name: SYSTEM_ACTOR.name,
      details: JSON.stringify(details),
    })
    .execute();
}
