import type { Db } from '../db/connect.ts';
import { createSealer } from '../crypto/sealer.ts';
import { maskExtraFields } from '../domain/pii.ts';

const BATCH = 1000;

/**
 * Petitions stored before migration 0009 kept their unknown columns in
 * clear in `extra`: seal them into `extra_sealed` and leave the masked form
 * (masked with the petitioner's own name, opened from its sealed copy).
 * Returns how many rows it sealed.
 */
export async function sealPetitionExtras(db: Db, secretKey: string): Promise<number> {
  const sealer = createSealer(secretKey);
  let after = 0;
  let sealed = 0;
  for (;;) {
    const rows = await db
      .selectFrom('petitions')
      .select(['id', 'extra', 'name_sealed'])
      .where('id', '>', after)
      .where('extra_sealed', 'is', null)
      .where('extra', '!=', '{}' as never)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return sealed;
    after = rows[rows.length - 1]!.id;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const extra = r.extra as Record<string, unknown>;
        const name = r.name_sealed ? sealer.open(r.name_sealed) : null;
        await trx
          .updateTable('petitions')
          .set({
            extra: JSON.stringify(maskExtraFields(extra, [name])),
            extra_sealed: sealer.seal(JSON.stringify(extra)),
          })
          .where('id', '=', r.id)
          .where('extra_sealed', 'is', null)
          .execute();
      }
    });
    sealed += rows.length;
  }
}
