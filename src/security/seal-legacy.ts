import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { endpointSealer } from '../delivery/endpoint-sealer.ts';
import { feedUrlSealer } from '../ingest/opinion/feeds-repo.ts';
import { maskUrl, urlHasSecret } from '../domain/url-secrets.ts';
import { sealPetitionExtras } from './petition-extra.ts';

/**
 * Seals what rows written before migration 0009 still hold in clear:
 * webhook URLs (robot keys), feed URLs with credentials or tokens, and
 * petitions' unknown columns. Migrations cannot seal (they have no key), so
 * the service and `qianshao migrate` run this right after migrating. Each
 * part touches only rows not sealed yet, so a second run does nothing.
 */
export async function sealLegacyValues(
  db: Db,
  secretKey: string,
  log: Logger,
): Promise<{ webhooks: number; feeds: number; petitions: number }> {
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'url'])
    .where('url_sealed', 'is', null)
    .execute();
  const es = endpointSealer(secretKey);
  for (const e of endpoints) {
    await db
      .updateTable('webhook_endpoints')
      .set({ url: maskUrl(e.url), url_sealed: es.seal(e.url) })
      .where('id', '=', e.id)
      .where('url_sealed', 'is', null)
      .execute();
  }
  const feeds = (
    await db
      .selectFrom('feeds')
      .select(['id', 'url'])
      .where('url_sealed', 'is', null)
      .where('url', 'is not', null)
      .execute()
  ).filter((f) => urlHasSecret(f.url!));
  const fs = feedUrlSealer(secretKey);
  for (const f of feeds) {
    await db
      .updateTable('feeds')
      .set({ url: maskUrl(f.url!), url_sealed: fs.seal(f.url!) })
      .where('id', '=', f.id)
      .where('url_sealed', 'is', null)
      .execute();
  }
  const petitions = await sealPetitionExtras(db, secretKey);
  if (endpoints.length + feeds.length + petitions > 0)
    log.info(
      { webhooks: endpoints.length, feeds: feeds.length, petitions },
      'sealed values stored in clear before migration 0009',
    );
  return { webhooks: endpoints.length, feeds: feeds.length, petitions };
}
