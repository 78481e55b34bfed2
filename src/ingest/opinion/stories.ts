import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { bandKeys, isSameStory, storyKey } from '../../domain/stories/near-duplicate.ts';

// Finds the story a new feed item belongs to, across every feed: items
// published within STORY_WINDOW_DAYS that share a MinHash band are
// candidates (GIN index on story_bands), and the exact comparison in
// src/domain/stories decides. The newest candidates are tried first and
// at most MAX_CANDIDATES, so a band shared by boilerplate costs little.

const STORY_WINDOW_DAYS = 7;
const MAX_CANDIDATES = 50;
const DAY_MS = 86_400_000;

export interface StoryMatch {
  /** The story's first stored item, or null: the new item starts a story. */
  storyId: number | null;
  bands: number[];
}

export async function findStory(
  db: Db,
  title: string,
  text: string,
  firmIds: readonly number[],
  places: readonly string[],
  at: Date,
): Promise<StoryMatch> {
  const key = storyKey(title, text, firmIds, places);
  const bands = bandKeys(key.shingles);
  if (bands.length === 0) return { storyId: null, bands };
  const from = new Date(at.getTime() - STORY_WINDOW_DAYS * DAY_MS);
  const to = new Date(at.getTime() + STORY_WINDOW_DAYS * DAY_MS);
  const rows = await sql<{
    id: number;
    story_id: number | null;
    title: string;
    text: string;
    places: string[];
    firm_ids: number[] | null;
  }>`
    select i.id, i.story_id, i.title, i.text, i.places,
           (select array_agg(distinct m.firm_id) from mentions m where m.item_id = i.id) as firm_ids
    from feed_items i
    where i.story_bands && ${bands}::integer[]
      and (case when i.future_dated then i.fetched_at else coalesce(i.published_at, i.fetched_at) end) between ${from} and ${to}
    order by i.id desc limit ${MAX_CANDIDATES}`.execute(db);
  for (const r of rows.rows) {
    if (isSameStory(key, storyKey(r.title, r.text, r.firm_ids ?? [], r.places)))
      return { storyId: r.story_id ?? r.id, bands };
  }
  return { storyId: null, bands };
}
