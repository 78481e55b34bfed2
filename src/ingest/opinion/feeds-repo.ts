import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import { createSealer } from '../../crypto/sealer.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/jurisdiction.ts';
import { maskUrl, maskUrlsInText } from '../../domain/url-secrets.ts';
import { msg } from '../../domain/i18n/messages.ts';
import { issueMessage } from '../../domain/i18n/errors.ts';

export const newFeedSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }),
  credibility: z.number().min(0).max(5).default(1),
  pollIntervalMin: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  enabled: z.boolean().default(true),
});
export type NewFeed = z.input<typeof newFeedSchema>;

/** Feed URLs are sealed with their own purpose label (they may carry user:password@). */
export const feedUrlSealer = (secretKey: string) => createSealer(secretKey, 'qianshao/feed-url/v1');

/**
 * Who is changing feeds. A feed belongs to its creator's district (null:
 * city-wide, when the creator is city-level or an admin); district users
 * see their district's and the city-wide feeds and change only their own.
 * The CLI operator (no principal) sees and changes every feed.
 */
export interface FeedContext {
  secretKey: string;
  principal: Principal | null;
  /** In demo mode: the only URLs feeds may point at (the demo's own feed paths). */
  allowUrl?: ((url: URL) => boolean) | undefined;
}

const cityLevel = (p: Principal | null) => p === null || p.role === 'admin' || p.district === null;

export async function addFeed(db: Db, actor: Actor, input: NewFeed, now: Date, ctx: FeedContext) {
  const parsed = newFeedSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Invalid(`feed ${input.name ?? ''}: ${i.path.join('.')}: ${i.message}`, undefined, issueMessage([i]));
  }
  const f = parsed.data;
  if (ctx.allowUrl && !ctx.allowUrl(new URL(f.url)))
    throw new Invalid(
      `feed ${f.name}: url: in demo mode a feed may only point at the demo's own feeds (/demo/feeds/…)`,
      undefined,
      msg('feed.demo_only', { name: f.name }),
    );
  const district = cityLevel(ctx.principal) ? null : ctx.principal!.district;
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('feeds').select('id').where('name', '=', f.name).executeTakeFirst())
      throw new Conflict(`a feed named ${f.name} already exists`, undefined, msg('feed.exists', { name: f.name }));
    const row = await trx
      .insertInto('feeds')
      .values({
        name: f.name,
        url: maskUrl(f.url),
        url_sealed: feedUrlSealer(ctx.secretKey).seal(f.url),
        district,
        credibility: f.credibility,
        poll_interval_min: f.pollIntervalMin,
        enabled: f.enabled,
        next_poll_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      actor,
      {
        action: 'feed.create',
        objectType: 'feed',
        objectId: row.id,
        details: { name: f.name, url: maskUrl(f.url), district },
      },
      now,
    );
    return row;
  });
}

export async function setFeedEnabled(
  db: Db,
  actor: Actor,
  idOrName: string,
  enabled: boolean,
  now: Date,
  principal: Principal | null = null,
) {
  return db.transaction().execute(async (trx) => {
    let q = trx.updateTable('feeds').set({ enabled, updated_at: now, next_poll_at: now });
    q = /^\d{1,9}$/.test(idOrName) ? q.where('id', '=', Number(idOrName)) : q.where('name', '=', idOrName);
    // A district user changes only their district's feeds; a city-wide feed
    // or another district's reads as not found to them.
    if (!cityLevel(principal)) q = q.where('district', '=', principal!.district);
    const row = await q.returningAll().executeTakeFirst();
    if (!row) throw new NotFound(`feed ${idOrName} not found`, undefined, msg('feed.not_found', { ref: idOrName }));
    await audit(
      trx,
      actor,
      { action: enabled ? 'feed.enable' : 'feed.disable', objectType: 'feed', objectId: row.id },
      now,
    );
    return row;
  });
}

/** Feeds visible to the principal (all for the CLI operator), with URL and last error masked. */
export async function listFeeds(db: Db, principal: Principal | null = null) {
  let q = db.selectFrom('feeds').selectAll().orderBy('name');
  if (!cityLevel(principal))
    q = q.where((eb) => eb.or([eb('district', 'is', null), eb('district', '=', principal!.district)]));
  return (await q.execute()).map(masked);
}

/** What a feed row may show: its URL and last error never carry credentials or tokens. */
export function masked<T extends { url: string | null; last_error: string | null }>(f: T): T {
  return {
    ...f,
    url: f.url === null ? null : maskUrl(f.url),
    last_error: f.last_error === null ? null : maskUrlsInText(f.last_error),
  };
}

/** Whether the principal may change the feed (for showing its buttons). */
export function mayChangeFeed(principal: Principal | null, feed: { district: string | null }): boolean {
  return cityLevel(principal) || feed.district === principal!.district;
}

/** A file imported "as if its feed had been polled" belongs to a feed of that name (made without a URL if new). */
export async function feedByName(db: Db, name: string, now: Date): Promise<{ id: number; name: string }> {
  const found = await db.selectFrom('feeds').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  if (found) return found;
  return db
    .insertInto('feeds')
    .values({ name, url: null, enabled: false, created_at: now, updated_at: now })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}
