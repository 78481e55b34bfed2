import { STATUS_CODES } from 'node:http';
import type { Selectable } from 'kysely';
import type { Config } from '../../config/env.ts';
import type { Db } from '../../db/connect.ts';
import type { FeedsTable } from '../../db/schema.ts';
import type { Logger } from '../../log/logger.ts';
import { safeFetch, type SafeFetchOptions } from '../../net/safe-fetch.ts';
import { parseFeed } from '../feeds/parse-feed.ts';
import { storeFeedItems } from './store-items.ts';
import { feedUrlSealer } from './feeds-repo.ts';
import { maskUrlsInText } from '../../domain/url-secrets.ts';

type Feed = Selectable<FeedsTable>;

export interface PollDeps {
  db: Db;
  log: Logger;
  config: Pick<Config, 'allowPrivateNetworks'>;
  /** Opens sealed feed URLs (feeds registered with credentials); feeds without one poll their plain `url`. */
  secretKey?: string | undefined;
}

export interface PollOptions {
  concurrency?: number;
  /** Most feeds claimed per call; the rest stay due and go first next tick. */
  limit?: number;
  /** Overrides of the fetch limits (tests use short ones). */
  fetch?: Pick<SafeFetchOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects'>;
  signal?: AbortSignal;
}

export interface PollResult {
  polled: number;
  ok: number;
  failed: number;
  newItems: number;
  /** Firms named by new items (for rescoring). */
  firmIds: number[];
}

const MINUTE = 60_000;
const MAX_BACKOFF_MS = 6 * 60 * MINUTE;
// A claimed feed is not due again before this, so a poller that dies mid-way
// leaves it to be retried later instead of stuck or polled twice at once.
const CLAIM_MS = 15 * MINUTE;
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** When to try a failing feed again: the interval doubled per failure (up to 32×), at most 6 h unless the interval is longer. */
export function backoffMs(intervalMin: number, failures: number): number {
  const interval = intervalMin * MINUTE;
  return Math.min(interval * 2 ** Math.min(failures, 5), Math.max(MAX_BACKOFF_MS, interval));
}

/** Polls every enabled feed that is due, a few at a time; one feed's failure never stops the others. */
export async function pollDueFeeds(deps: PollDeps, now: Date, opts: PollOptions = {}): Promise<PollResult> {
  const feeds = await claimDueFeeds(deps.db, now, opts.limit ?? 50);
  const result: PollResult = { polled: feeds.length, ok: 0, failed: 0, newItems: 0, firmIds: [] };
  const firmIds = new Set<number>();
  let next = 0;
  const worker = async () => {
    while (next < feeds.length) {
      const outcome = await pollOne(deps, feeds[next++]!, now, opts);
      if (outcome.ok) {
        result.ok++;
        result.newItems += outcome.newItems;
        outcome.firmIds.forEach((id) => {
          firmIds.add(id);
        });
      } else result.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, feeds.length)) }, worker));
  result.firmIds = [...firmIds].sort((a, b) => a - b);
  return result;
}

/**
 * Takes the due feeds and pushes their next_poll_at out in one statement;
 * SKIP LOCKED keeps two pollers (replicas, or a run that outlived its tick)
 * from taking the same feed.
 */
async function claimDueFeeds(db: Db, now: Date, limit: number): Promise<Feed[]> {
  const rows = await db
    .updateTable('feeds')
    .set({ next_poll_at: new Date(now.getTime() + CLAIM_MS) })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('feeds')
        .select('id')
        .where('enabled', '=', true)
        .where('url', 'is not', null)
        .where('next_poll_at', '<=', now)
        .orderBy('next_poll_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

type Outcome = { ok: true; newItems: number; firmIds: number[] } | { ok: false };

class PollError extends Error {}

async function pollOne(deps: PollDeps, feed: Feed, now: Date, opts: PollOptions): Promise<Outcome> {
  const log = deps.log.child({ feedId: feed.id, feed: feed.name });
  try {
    const headers: Record<string, string> = { accept: ACCEPT };
    if (feed.etag) headers['if-none-match'] = feed.etag;
    if (feed.last_modified) headers['if-modified-since'] = feed.last_modified;
    const url = feed.url_sealed && deps.secretKey ? feedUrlSealer(deps.secretKey).open(feed.url_sealed) : feed.url!;
    const res = await safeFetch(url, {
      ...opts.fetch,
      allow: deps.config.allowPrivateNetworks,
      headers,
      signal: opts.signal,
    });
    if (res.status === 304) {
      await recordSuccess(
        deps.db,
        feed,
        now,
        res.headers.etag ?? feed.etag,
        res.headers['last-modified'] ?? feed.last_modified,
      );
      log.debug('feed not modified');
      return { ok: true, newItems: 0, firmIds: [] };
    }
    if (res.status < 200 || res.status > 299) {
      const text = STATUS_CODES[res.status];
      throw new PollError(`HTTP ${res.status}${text ? ` ${text}` : ''} from ${res.finalUrl}`);
    }
    const parsed = await parseFeed(res.body, { contentType: res.headers['content-type'], baseUrl: res.finalUrl });
    if (!parsed.ok) throw new PollError(`${res.finalUrl}: ${parsed.error}`);
    const stored = await storeFeedItems(deps.db, feed.id, parsed.items, now);
    // A 200 without validators makes the old ones stale: sending them again
    // could earn a 304 for content we never saw.
    await recordSuccess(deps.db, feed, now, res.headers.etag ?? null, res.headers['last-modified'] ?? null);
    log.info(
      { items: stored.items, new: stored.new, duplicates: stored.duplicates, mentions: stored.mentions },
      'feed polled',
    );
    return { ok: true, newItems: stored.new, firmIds: stored.firmIds };
  } catch (e) {
    if (opts.signal?.aborted) {
      // Shutting down is not the feed's fault: due again at once, no failure counted.
      await deps.db
        .updateTable('feeds')
        .set({ next_poll_at: now })
        .where('id', '=', feed.id)
        .execute()
        .catch(() => {});
      log.info('feed poll abandoned: shutting down');
      return { ok: false };
    }
    // Error texts may quote the URL: never with its credentials or tokens.
    const message = maskUrlsInText(e instanceof Error ? e.message : String(e));
    const failures = feed.consecutive_failures + 1;
    const retryAt = new Date(now.getTime() + backoffMs(feed.poll_interval_min, failures));
    log.warn({ err: message, failures, retryAt }, 'feed poll failed');
    try {
      await deps.db
        .updateTable('feeds')
        .set({
          last_polled_at: now,
          last_error: message.slice(0, 1000),
          consecutive_failures: failures,
          next_poll_at: retryAt,
          updated_at: now,
        })
        .where('id', '=', feed.id)
        .execute();
    } catch (dbErr) {
      // The claim already moved next_poll_at, so the feed is retried later anyway.
      log.error({ err: dbErr }, 'could not record the feed failure');
    }
    return { ok: false };
  }
}

function recordSuccess(db: Db, feed: Feed, now: Date, etag: string | null, lastModified: string | null) {
  return db
    .updateTable('feeds')
    .set({
      last_polled_at: now,
      last_success_at: now,
      last_error: null,
      consecutive_failures: 0,
      etag,
      last_modified: lastModified,
      next_poll_at: new Date(now.getTime() + feed.poll_interval_min * MINUTE),
      updated_at: now,
    })
    .where('id', '=', feed.id)
    .execute();
}
