import { createHash } from 'node:crypto';
import { itemInstant } from '../../domain/values/item-instant.ts';
import type { Db } from '../../db/connect.ts';
import type { FeedItem } from '../feeds/parse-feed.ts';
import { itemJudge } from './item-judge.ts';
import { findStory } from './stories.ts';

export interface StoreItemsResult {
  items: number;
  new: number;
  duplicates: number;
  mentions: number;
  /** Firms named by new items (for rescoring). */
  firmIds: number[];
  /** New items that are copies of a story already stored (from any feed). */
  copies: number;
}

const contentHash = (item: FeedItem) => createHash('sha256').update(`${item.title}\n${item.text}`).digest('base64url');

/**
 * Stores the items of one fetched feed document. An item already stored
 * for the feed — same guid, else same link, else same content — is a
 * duplicate. New items are classified for labor risk and matched against
 * every firm name and alias; items naming no risk term are kept, neutral.
 * Each new item gets a place (district, elsewhere, none) and joins the
 * story of a near-duplicate stored from any feed (stories.ts), so a
 * reprint counts once in scoring.
 */
export async function storeFeedItems(
  db: Db,
  feedId: number,
  items: FeedItem[],
  fetchedAt: Date,
): Promise<StoreItemsResult> {
  const result: StoreItemsResult = { items: items.length, new: 0, duplicates: 0, mentions: 0, firmIds: [], copies: 0 };
  if (items.length === 0) return result;
  const hashes = items.map(contentHash);
  const guids = items.map((i) => i.guid).filter((g): g is string => !!g);
  const links = items.map((i) => i.link).filter((l): l is string => !!l);
  const known = await db
    .selectFrom('feed_items')
    .select(['guid', 'link', 'content_hash'])
    .where('feed_id', '=', feedId)
    .where((eb) =>
      eb.or([
        eb('content_hash', 'in', hashes),
        ...(guids.length ? [eb('guid', 'in', guids)] : []),
        ...(links.length ? [eb('link', 'in', links)] : []),
      ]),
    )
    .execute();
  const seen = new Set(
    known.flatMap(
      (k) => [k.guid && `g:${k.guid}`, k.link && `l:${k.link}`, `h:${k.content_hash}`].filter(Boolean) as string[],
    ),
  );
  const judge = await itemJudge(db);
  const platforms = new Set(
    (await db.selectFrom('firms').select('id').where('role', '=', 'platform').execute()).map((f) => f.id),
  );
  const firmIds = new Set<number>();
  await db.transaction().execute(async (trx) => {
    for (const [k, item] of items.entries()) {
      const hash = hashes[k]!;
      const keys = [item.guid && `g:${item.guid}`, item.link && `l:${item.link}`, `h:${hash}`].filter(
        Boolean,
      ) as string[];
      if (keys.some((key) => seen.has(key))) {
        result.duplicates++;
        continue;
      }
      keys.forEach((key) => {
        seen.add(key);
      });
      const text = `${item.title}\n${item.text}`;
      const a = judge.judge(text);
      // Future-dated items (issue 17 item 6) are flagged and counted at their arrival.
      const { at, futureDated } = itemInstant(item.published ? new Date(item.published) : null, fetchedAt);
      const place = a.place;
      const story = await findStory(
        trx,
        item.title,
        item.text,
        [...new Set(a.mentions.map((m) => m.firmId))],
        place.names,
        at,
      );
      if (story.storyId !== null) result.copies++;
      const row = await trx
        .insertInto('feed_items')
        .values({
          story_id: story.storyId,
          story_bands: story.bands,
          place: place.place,
          places: place.names,
          names_partner: a.mentions.some((m) => !platforms.has(m.firmId)),
          future_dated: futureDated,
          feed_id: feedId,
          dedup_key: keys[0]!,
          content_hash: hash,
          guid: item.guid,
          link: item.link,
          title: item.title,
          published_at: item.published ? new Date(item.published) : null,
          fetched_at: fetchedAt,
          text: item.text,
          html: item.html,
          neutral: a.summary.neutral,
          max_severity: a.summary.maxSeverity,
          categories: a.summary.categories,
          major: a.summary.major,
          collective: a.collective.collective,
          people: a.collective.people,
          amount: a.collective.amount,
          terms: JSON.stringify(
            a.risks
              .filter((r) => !r.negated)
              .map((r) => ({
                term: r.term,
                category: r.category,
                severity: r.severity,
                offset: r.offset,
                length: r.length,
              })),
          ),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      result.new++;
      if (a.mentions.length === 0) continue;
      // A firm cleared by 与…无关 keeps its mention (it was named) but the item reads neutral for it.
      await trx
        .insertInto('mentions')
        .values(
          a.mentions.map((m) => ({
            item_id: row.id,
            firm_id: m.firmId,
            alias: m.alias,
            offset: m.offset,
            length: m.length,
            at,
            ...(m.negated
              ? {
                  neutral: true,
                  max_severity: 0,
                  categories: [],
                  major: false,
                  collective: false,
                  people: null,
                  amount: null,
                }
              : {
                  neutral: a.summary.neutral,
                  max_severity: a.summary.maxSeverity,
                  categories: a.summary.categories,
                  major: a.summary.major,
                  collective: a.collective.collective,
                  people: a.collective.people,
                  amount: a.collective.amount,
                }),
          })),
        )
        .execute();
      result.mentions += a.mentions.length;
      a.mentions.forEach((m) => {
        firmIds.add(m.firmId);
      });
    }
  });
  result.firmIds = [...firmIds];
  return result;
}
