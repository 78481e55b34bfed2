import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { createSealer, type Sealer } from '../crypto/sealer.ts';
import { ENDPOINT_SECRET_PURPOSE } from '../delivery/worker.ts';

// Re-sealing everything sealed under QIANSHAO_SECRET_KEY with a new key, in
// one transaction: either every value opens with the new key afterwards, or
// nothing changed. The places sealed values live are listed here, once.

const PII = 'qianshao/pii/v1';
const FEED_URL = 'qianshao/feed-url/v1';
const BATCH = 1000;

const SEALED: ReadonlyArray<{ table: string; columns: readonly string[]; purpose: string }> = [
  {
    table: 'petitions',
    columns: ['summary_sealed', 'name_sealed', 'phone_sealed', 'id_number_sealed', 'extra_sealed'],
    purpose: PII,
  },
  { table: 'quarantine', columns: ['raw_sealed'], purpose: PII },
  { table: 'webhook_endpoints', columns: ['secret_sealed', 'url_sealed'], purpose: ENDPOINT_SECRET_PURPOSE },
  { table: 'feeds', columns: ['url_sealed'], purpose: FEED_URL },
];

export interface RotateResult {
  values: number;
  versions: number;
}

export async function rotateSecretKey(
  db: Db,
  oldKey: string,
  newKey: string,
  actor: Actor,
  now: Date,
): Promise<RotateResult> {
  if (oldKey === newKey) throw new Error('the new key is the old key');
  const pair = (purpose: string) => ({ from: createSealer(oldKey, purpose), to: createSealer(newKey, purpose) });
  const reseal = (s: { from: Sealer; to: Sealer }, v: unknown) =>
    typeof v === 'string' ? s.to.seal(s.from.open(v)) : v;
  return db.transaction().execute(async (trx) => {
    let values = 0;
    for (const { table, columns, purpose } of SEALED) {
      const s = pair(purpose);
      for (let after = 0; ; ) {
        const rows = (
          await sql<
            Record<string, unknown> & { id: number }
          >`select id, ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
          where id > ${after} order by id limit ${BATCH}`.execute(trx)
        ).rows;
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        for (const r of rows) {
          const set = columns.filter((c) => typeof r[c] === 'string');
          if (set.length === 0) continue;
          await sql`update ${sql.table(table)} set ${sql.join(set.map((c) => sql`${sql.ref(c)} = ${reseal(s, r[c])}`))} where id = ${r.id}`.execute(
            trx,
          );
          values += set.length;
        }
      }
    }
    // Replaced versions of petitions keep their sealed fields inside `data`.
    const s = pair(PII);
    let versions = 0;
    for (let after = 0; ; ) {
      const rows = await trx
        .selectFrom('record_versions')
        .select(['id', 'data'])
        .where('kind', '=', 'petitions')
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      for (const r of rows) {
        const data = r.data as Record<string, unknown>;
        const keys = Object.keys(data).filter((k) => k.endsWith('_sealed') && typeof data[k] === 'string');
        if (keys.length === 0) continue;
        for (const k of keys) data[k] = reseal(s, data[k]);
        await trx
          .updateTable('record_versions')
          .set({ data: JSON.stringify(data) })
          .where('id', '=', r.id)
          .execute();
        versions++;
      }
    }
    await audit(
      trx,
      actor,
      { action: 'secret_key.rotate', objectType: 'database', details: { values, versions } },
      now,
    );
    return { values, versions };
  });
}
