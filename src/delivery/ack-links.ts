// The acknowledge links a message carries, as URLs: codes are never stored,
// so they are made again from the link rows at every attempt.
import { ackCode } from '../crypto/ack-token.ts';
import type { StoredEvent } from './outbox.ts';
import type { DeliverContext } from './deliver-one.ts';

/** The public path of an acknowledge link. */
export const ackPath = (code: string) => `/a/${code}`;

export async function ackLinkUrls(
  ctx: DeliverContext,
  ev: StoredEvent,
): Promise<{ codes: Map<number, string>; chat: Array<{ name: string; url: string }> }> {
  const ids = [...(ev.ackLinks ?? []).map((l) => l.linkId), ...(ev.recipient?.linkId ? [ev.recipient.linkId] : [])];
  const codes = new Map<number, string>();
  if (ids.length === 0) return { codes, chat: [] };
  const rows = await ctx.db
    .selectFrom('ack_links')
    .select(['id', 'alert_id', 'user_id', 'purpose', 'expires_at'])
    .where('id', 'in', ids)
    .execute();
  for (const r of rows)
    codes.set(
      r.id,
      ackCode(ctx.ackKey, {
        id: r.id,
        alertId: r.alert_id,
        userId: r.user_id,
        purpose: r.purpose,
        expiresAt: r.expires_at,
      }),
    );
  const base = ctx.publicUrl.replace(/\/+$/, '');
  const chat = (ev.ackLinks ?? []).flatMap((l) => {
    const code = codes.get(l.linkId);
    return code ? [{ name: l.name, url: `${base}${ackPath(code)}` }] : [];
  });
  return { codes, chat };
}
