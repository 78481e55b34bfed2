import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { Invalid } from '../domain/errors.ts';
import { parseWeek, previousWeekOf } from '../domain/digest/index.ts';
import { buildDigest, publishDigest } from '../digest/publish.ts';
import { emit, parseInstant, UsageError, withRuntime } from './runtime.ts';

const USAGE = 'usage: qianshao digest [--week 2026-W47] [--district D] [--out FILE] [--send] [--at ISO8601] [--json]';

/**
 * `qianshao digest --week 2026-W47 [--district D] [--out FILE] [--send]`:
 * builds and stores one week's digest (default: last week) and writes its
 * HTML to FILE; --send also publishes it (webhook, e-mail) unless that was
 * done before.
 */
export async function digestCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      week: { type: 'string' },
      district: { type: 'string' },
      out: { type: 'string' },
      send: { type: 'boolean' },
      at: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(USAGE);
  const now = values.at === undefined ? new Date() : parseInstant(values.at, '--at');
  let week: ReturnType<typeof parseWeek>;
  try {
    week = values.week === undefined ? previousWeekOf(now) : parseWeek(values.week);
  } catch (e) {
    if (e instanceof Invalid) throw new UsageError(`--week: ${e.message}`);
    throw e;
  }
  await withRuntime(async ({ handle, config, actor, log }) => {
    await migrateToLatest(handle.db);
    const built = await buildDigest(handle.db, config, {
      week,
      district: values.district ?? null,
      now,
      actor: actor.name,
    });
    if (values.out) writeFileSync(values.out, built.html);
    const sent = values.send ? await publishDigest(handle.db, config, log, built, now) : null;
    const out = {
      week: built.week,
      district: built.district,
      id: built.id,
      builds: built.builds,
      url: built.url,
      out: values.out ?? null,
      headlines: Object.fromEntries(built.content.headlines.map((h) => [h.key, { value: h.value, change: h.change }])),
      ...(sent ? { sent } : {}),
    };
    emit(Boolean(values.json), out, () =>
      [
        `digest ${built.week} (${built.district ?? 'whole deployment'}) stored${built.builds > 1 ? ` (rebuilt, build ${built.builds})` : ''}${values.out ? ` → ${values.out}` : ''}`,
        built.markdown,
        ...(sent
          ? [
              `sent: webhooks ${sent.webhooks}${sent.alreadyPublished ? ' (already published)' : ''}, e-mail ${sent.email}`,
            ]
          : []),
      ].join('\n'),
    );
  });
}
