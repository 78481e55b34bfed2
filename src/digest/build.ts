// Computing and storing one week's digest (what the console shows); the
// sending is in publish.ts, which the Worker bundle does not need.

import { sql } from 'kysely';
import type { Config } from '../config/env.ts';
import type { Db } from '../db/connect.ts';
import {
  assembleDigest,
  boundsOf,
  formatWeek,
  renderDigestHtml,
  renderDigestMarkdown,
  type DigestContent,
  type IsoWeek,
} from '../domain/digest/index.ts';
import { loadDigestInput } from './load.ts';

export const scopeKey = (district: string | null): string => district ?? '*';

export function digestUrl(publicUrl: string, week: string, district: string | null): string {
  return `${publicUrl.replace(/\/$/, '')}/digests/${week}${district === null ? '' : `?district=${encodeURIComponent(district)}`}`;
}

export interface BuiltDigest {
  id: number;
  week: string;
  district: string | null;
  content: DigestContent;
  html: string;
  markdown: string;
  url: string;
  /** How many times this week and scope has been built, this one included. */
  builds: number;
}

export interface BuildOptions {
  week: IsoWeek;
  district: string | null;
  now: Date;
  actor: string;
  /** false: compute and render only (a preview); nothing is written. */
  store?: boolean;
}

/** Computes, renders and (by default) stores one week's digest for one scope. */
export async function buildDigest(db: Db, config: Config, o: BuildOptions): Promise<BuiltDigest> {
  const week = formatWeek(o.week);
  const scope = scopeKey(o.district);
  const existing = await db
    .selectFrom('digests')
    .select(['id', 'content'])
    .where('week', '=', week)
    .where('scope', '=', scope)
    .executeTakeFirst();
  const input = await loadDigestInput(db, {
    week: o.week,
    district: o.district,
    now: o.now,
    collectiveThreshold: config.model.petition.collectiveThreshold,
  });
  // Feeds keep no history: a rebuild keeps the health snapshot of the first build.
  const prior = existing?.content as Partial<DigestContent> | undefined;
  if (prior?.feeds && prior.feedsCheckedAt) {
    input.feeds = prior.feeds;
    input.feedsCheckedAt = prior.feedsCheckedAt;
  }
  const content = assembleDigest(input);
  const url = digestUrl(config.publicUrl, week, o.district);
  const html = renderDigestHtml(content, { url });
  const markdown = renderDigestMarkdown(content, url);
  if (o.store === false)
    return { id: existing?.id ?? 0, week, district: o.district, content, html, markdown, url, builds: 0 };
  const b = boundsOf(o.week);
  const row = await db
    .insertInto('digests')
    .values({
      week,
      scope,
      district: o.district,
      week_start: b.start,
      week_end: b.end,
      content: JSON.stringify(content),
      html,
      markdown,
      first_built_at: o.now,
      built_at: o.now,
      built_by: o.actor,
    })
    .onConflict((oc) =>
      oc.columns(['week', 'scope']).doUpdateSet({
        content: (eb) => eb.ref('excluded.content'),
        html: (eb) => eb.ref('excluded.html'),
        markdown: (eb) => eb.ref('excluded.markdown'),
        built_at: (eb) => eb.ref('excluded.built_at'),
        built_by: (eb) => eb.ref('excluded.built_by'),
        builds: sql<number>`digests.builds + 1`,
      }),
    )
    .returning(['id', 'builds'])
    .executeTakeFirstOrThrow();
  return { id: row.id, week, district: o.district, content, html, markdown, url, builds: row.builds };
}
