// Build → store → deliver, idempotently. Building a week again replaces the
// stored document (content, HTML, Markdown); the webhook is enqueued in the
// same transaction that first sets published_at, and the e-mail is claimed
// by setting emailed_at before sending (cleared again if sending fails), so
// neither goes out twice however often a week is rebuilt.

import { sql } from 'kysely';
import type { Config } from '../config/env.ts';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { commitThenWake, enqueue } from '../delivery/outbox.ts';
import { digestTitle } from '../domain/digest/index.ts';
import { scopeKey, type BuiltDigest } from './build.ts';
import { digestEvent } from './digest-event.ts';
import { sendDigestMail } from './mail.ts';

export { buildDigest, digestUrl, scopeKey, type BuildOptions, type BuiltDigest } from './build.ts';

export interface PublishResult {
  /** Webhook deliveries queued by this call (0 when already published). */
  webhooks: number;
  alreadyPublished: boolean;
  email: 'sent' | 'already_sent' | 'not_configured' | 'failed';
  emailError?: string;
}

/** Sends what has not been sent yet for a stored digest: the webhook event, then the e-mail (whole-deployment digests only). */
export async function publishDigest(db: Db, config: Config, log: Logger, d: BuiltDigest, now: Date): Promise<PublishResult> {
  const title = digestTitle(d.content);
  const webhooks = await commitThenWake(db, async (trx) => {
    const claimed = await trx.updateTable('digests').set({ published_at: now }).where('id', '=', d.id).where('published_at', 'is', null)
      .returning('id').executeTakeFirst();
    if (!claimed) return null;
    return enqueue(trx, [digestEvent({
      week: d.week, district: d.district, title, summary: d.markdown, url: d.url, published_at: now.toISOString(),
    })], now);
  });
  const result: PublishResult = { webhooks: webhooks ?? 0, alreadyPublished: webhooks === null, email: 'not_configured' };
  const mail = config.digestMail;
  if (d.district !== null || mail.smtpUrl === null || mail.to.length === 0) return result;
  const claimed = await db.updateTable('digests').set({ emailed_at: now, email_error: null }).where('id', '=', d.id).where('emailed_at', 'is', null)
    .returning('id').executeTakeFirst();
  if (!claimed) return { ...result, email: 'already_sent' };
  try {
    const host = new URL(config.publicUrl).hostname || 'localhost';
    const sent = await sendDigestMail({
      smtpUrl: mail.smtpUrl, from: mail.from, to: mail.to, subject: title, html: d.html, text: d.markdown,
      messageId: `<digest-${d.week}-${encodeURIComponent(scopeKey(d.district))}@${host}>`,
    });
    log.info({ week: d.week, to: sent.accepted }, 'digest e-mailed');
    return { ...result, email: 'sent' };
  } catch (err) {
    const message = (err as Error).message;
    // Unclaim, so the next run (or a rebuild) tries again.
    await db.updateTable('digests').set({ emailed_at: null, email_error: message }).where('id', '=', d.id).execute();
    log.warn({ week: d.week, err: message }, 'digest e-mail failed');
    return { ...result, email: 'failed', emailError: message };
  }
}

/** The districts that have firms, for the job's per-district digests. */
export async function districtsWithFirms(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('firms').select('district').distinct().where('district', 'is not', null).orderBy('district').execute();
  return rows.map((r) => r.district!);
}
