// Build → store → deliver, idempotently. Building a week again replaces the
// stored document (content, HTML, Markdown); the webhook is enqueued in the
// same transaction that first sets published_at, and the e-mail is claimed
// by setting emailed_at before sending (cleared again if sending fails), so
// neither goes out twice however often a week is rebuilt.

import type { Config } from '../config/env.ts';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { commitThenWake, enqueue } from '../delivery/outbox.ts';
import { digestTitle, renderDigestHtml, renderDigestMarkdown, MARKDOWN_MAX_BYTES } from '../domain/digest/index.ts';
import type { Lang } from '../domain/i18n/codes.ts';
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
export async function publishDigest(
  db: Db,
  config: Config,
  log: Logger,
  d: BuiltDigest,
  now: Date,
): Promise<PublishResult> {
  // The stored document is Chinese; each reader of another language gets the same figures in theirs.
  const texts = (lang: Lang) =>
    lang === 'zh'
      ? { title: digestTitle(d.content), summary: d.markdown, html: d.html }
      : {
          title: digestTitle(d.content, lang),
          summary: renderDigestMarkdown(d.content, d.url, MARKDOWN_MAX_BYTES, lang),
          html: renderDigestHtml(d.content, { url: d.url, lang }),
        };
  const eventIn = (lang: Lang) => ({
    week: d.week,
    district: d.district,
    title: texts(lang).title,
    summary: texts(lang).summary,
    url: d.url,
    published_at: now.toISOString(),
  });
  const webhooks = await commitThenWake(db, async (trx) => {
    const claimed = await trx
      .updateTable('digests')
      .set({ published_at: now })
      .where('id', '=', d.id)
      .where('published_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return null;
    return enqueue(trx, [digestEvent(eventIn('zh'), eventIn('en'))], now);
  });
  const result: PublishResult = {
    webhooks: webhooks ?? 0,
    alreadyPublished: webhooks === null,
    email: 'not_configured',
  };
  const mail = config.digestMail;
  if (d.district !== null || mail.smtpUrl === null || mail.to.length === 0) return result;
  const claimed = await db
    .updateTable('digests')
    .set({ emailed_at: now, email_error: null })
    .where('id', '=', d.id)
    .where('emailed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return { ...result, email: 'already_sent' };
  try {
    const host = new URL(config.publicUrl).hostname || 'localhost';
    // One message per language, each to the recipients who read it (the Chinese one keeps the Message-ID it always had).
    for (const lang of ['zh', 'en'] as const) {
      const to = mail.to.filter((r) => r.lang === lang).map((r) => r.address);
      if (to.length === 0) continue;
      const m = texts(lang);
      const sent = await sendDigestMail({
        smtpUrl: mail.smtpUrl,
        from: mail.from,
        to,
        subject: m.title,
        html: m.html,
        text: m.summary,
        messageId: `<digest-${d.week}-${encodeURIComponent(scopeKey(d.district))}${lang === 'zh' ? '' : `-${lang}`}@${host}>`,
      });
      log.info({ week: d.week, lang, to: sent.accepted }, 'digest e-mailed');
    }
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
  const rows = await db
    .selectFrom('firms')
    .select('district')
    .distinct()
    .where('district', 'is not', null)
    .orderBy('district')
    .execute();
  return rows.map((r) => r.district!);
}
