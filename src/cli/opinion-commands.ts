import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { audit } from '../audit/audit.ts';
import { parseFeed } from '../ingest/feeds/parse-feed.ts';
import { evidenceArrived } from '../ingest/evidence-arrived.ts';
import { storeFeedItems } from '../ingest/opinion/store-items.ts';
import { addFeed, feedByName, listFeeds, setFeedEnabled } from '../ingest/opinion/feeds-repo.ts';
import { emit, UsageError, withRuntime } from './runtime.ts';
import { resolveSecretKey } from '../config/secret-key.ts';

/** `qianshao import opinion FILE --source NAME`: one document, as if its feed had been polled. */
export async function importOpinionCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || !values.source) throw new UsageError('usage: qianshao import opinion FILE --source NAME');
  const parsed = await parseFeed(readFileSync(file));
  await withRuntime(async ({ handle, actor, log, config }) => {
    await migrateToLatest(handle.db);
    const now = new Date();
    const feed = await feedByName(handle.db, values.source!, now);
    if (!parsed.ok) {
      emit(
        Boolean(values.json),
        { source: feed.name, items: 0, new: 0, duplicates: 0, mentions: 0, error: parsed.error },
        () => `${file}: ${parsed.error}`,
      );
      process.exitCode = 1;
      return;
    }
    const r = await storeFeedItems(handle.db, feed.id, parsed.items, now);
    await audit(
      handle.db,
      actor,
      {
        action: 'import.opinion',
        objectType: 'feed',
        objectId: feed.id,
        details: { file, items: r.items, new: r.new },
      },
      now,
    );
    await evidenceArrived(
      { db: handle.db, log, config },
      { firmIds: r.firmIds, at: now, reason: 'import:opinion', actor },
    );
    emit(
      Boolean(values.json),
      { source: feed.name, items: r.items, new: r.new, duplicates: r.duplicates, mentions: r.mentions },
      () => `${feed.name}: ${r.items} items, ${r.new} new, ${r.duplicates} duplicates, ${r.mentions} firm mentions`,
    );
  });
}

export async function feedsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      name: { type: 'string' },
      credibility: { type: 'string' },
      interval: { type: 'string' },
    },
  });
  const json = Boolean(values.json);
  if (sub === 'parse') {
    const file = positionals[0];
    if (!file) throw new UsageError('usage: qianshao feeds parse FILE');
    const r = await parseFeed(readFileSync(file));
    const out = r.ok
      ? {
          ok: true,
          kind: r.kind,
          items: r.items.map(({ guid, title, link, published, text }) => ({ guid, title, link, published, text })),
        }
      : r;
    emit(json, out, () =>
      r.ok
        ? r.items.map((i) => `${i.published ?? '—'}  ${i.title}  ${i.link ?? ''}`).join('\n') || '(no items)'
        : `error: ${r.error}`,
    );
    if (!r.ok) process.exitCode = 1;
    return;
  }
  if (sub === 'add') {
    const url = positionals[0];
    if (!url || !values.name)
      throw new UsageError('usage: qianshao feeds add URL --name NAME [--credibility 1] [--interval 15]');
    await withRuntime(async ({ handle, actor, config, log }) => {
      await migrateToLatest(handle.db);
      const f = await addFeed(
        handle.db,
        actor,
        {
          name: values.name!,
          url,
          credibility: values.credibility ? Number(values.credibility) : undefined,
          pollIntervalMin: values.interval ? Number(values.interval) : undefined,
        },
        new Date(),
        { secretKey: resolveSecretKey(config, log), principal: null },
      );
      emit(json, { id: f.id, name: f.name, url: f.url }, () => `added feed ${f.name} (id ${f.id})`);
    });
    return;
  }
  if (sub === 'enable' || sub === 'disable') {
    if (!positionals[0]) throw new UsageError(`usage: qianshao feeds ${sub} ID|NAME`);
    await withRuntime(async ({ handle, actor }) => {
      const f = await setFeedEnabled(handle.db, actor, positionals[0]!, sub === 'enable', new Date());
      emit(
        json,
        { id: f.id, name: f.name, enabled: f.enabled },
        () => `${f.name}: ${f.enabled ? 'enabled' : 'disabled'}`,
      );
    });
    return;
  }
  if (sub === 'list') {
    await withRuntime(async ({ handle }) => {
      const feeds = await listFeeds(handle.db);
      emit(json, feeds, () =>
        feeds
          .map(
            (f) =>
              `${f.id}\t${f.name}\t${f.enabled ? 'on' : 'off'}\t${f.url ?? '(file imports)'}\tfailures ${f.consecutive_failures}${f.last_error ? `\t${f.last_error}` : ''}`,
          )
          .join('\n'),
      );
    });
    return;
  }
  throw new UsageError('usage: qianshao feeds parse FILE | add URL --name NAME | list | enable ID | disable ID');
}
