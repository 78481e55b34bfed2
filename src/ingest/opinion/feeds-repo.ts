import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';

export const newFeedSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }),
  credibility: z.number().min(0).max(5).default(1),
  pollIntervalMin: z.number().int().min(1).max(24 * 60).default(15),
  enabled: z.boolean().default(true),
});
export type NewFeed = z.input<typeof newFeedSchema>;

export async function addFeed(db: Db, actor: Actor, input: NewFeed, now: Date) {
  const parsed = newFeedSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Invalid(`feed ${input.name ?? ''}: ${i.path.join('.')}: ${i.message}`);
  }
  const f = parsed.data;
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('feeds').select('id').where('name', '=', f.name).executeTakeFirst()) throw new Conflict(`a feed named ${f.name} already exists`);
    const row = await trx.insertInto('feeds').values({
      name: f.name, url: f.url, credibility: f.credibility, poll_interval_min: f.pollIntervalMin, enabled: f.enabled, next_poll_at: now, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'feed.create', objectType: 'feed', objectId: row.id, details: { name: f.name, url: f.url } }, now);
    return row;
  });
}

export async function setFeedEnabled(db: Db, actor: Actor, idOrName: string, enabled: boolean, now: Date) {
  return db.transaction().execute(async (trx) => {
    const q = trx.updateTable('feeds').set({ enabled, updated_at: now, next_poll_at: now });
    const row = await (/^\d+$/.test(idOrName) ? q.where('id', '=', Number(idOrName)) : q.where('name', '=', idOrName)).returningAll().executeTakeFirst();
    if (!row) throw new NotFound(`feed ${idOrName} not found`);
    await audit(trx, actor, { action: enabled ? 'feed.enable' : 'feed.disable', objectType: 'feed', objectId: row.id }, now);
    return row;
  });
}

export function listFeeds(db: Db) {
  return db.selectFrom('feeds').selectAll().orderBy('name').execute();
}

/** A file imported "as if its feed had been polled" belongs to a feed of that name (made without a URL if new). */
export async function feedByName(db: Db, name: string, now: Date): Promise<{ id: number; name: string }> {
  const found = await db.selectFrom('feeds').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  if (found) return found;
  return db.insertInto('feeds').values({ name, url: null, enabled: false, created_at: now, updated_at: now }).returning(['id', 'name']).executeTakeFirstOrThrow();
}
