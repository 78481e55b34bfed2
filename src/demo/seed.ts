import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { audit, SYSTEM_ACTOR } from '../audit/audit.ts';
import { keyColumns, normalizeFirmName } from '../domain/firm-name.ts';
import { hashPassword } from '../users/password.ts';
import { buildDemoDistrict, type DemoDistrict } from './district.ts';

/** True when nothing has been loaded yet (no firms and no users). */
export async function isEmpty(db: Db): Promise<boolean> {
  const firm = await db.selectFrom('firms').select('id').limit(1).executeTakeFirst();
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !firm && !user;
}

/**
 * Loads the fictional demo district in one transaction. Batched inserts:
 * a few hundred firms go in a handful of statements.
 */
export async function seedDemo(
  db: Db,
  log: Logger,
  now: Date,
  district: DemoDistrict = buildDemoDistrict(),
): Promise<{ firms: number; users: number }> {
  const hashes = await Promise.all(district.users.map((u) => hashPassword(u.password)));
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    for (let i = 0; i < district.firms.length; i += 200) {
      const batch = district.firms.slice(i, i + 200);
      const rows = await trx
        .insertInto('firms')
        .values(
          batch.map((f) => ({
            uscc: f.uscc,
            name: f.name,
            name_norm: normalizeFirmName(f.name),
            ...keyColumns(f.name),
            sector: f.sector,
            role: f.role,
            district: f.district,
            street: f.street,
            address: f.address,
            legal_representative: f.legalRepresentative,
            extra: JSON.stringify({ demo: true }),
            created_at: now,
            updated_at: now,
          })),
        )
        .returning(['id', 'name'])
        .execute();
      rows.forEach((r, k) => {
        ids.set(batch[k]!.key, r.id);
      });
    }
    const aliases = district.firms.flatMap((f) =>
      f.aliases.map((a) => ({
        firm_id: ids.get(f.key)!,
        alias: a,
        alias_norm: normalizeFirmName(a),
        ...keyColumns(a),
      })),
    );
    if (aliases.length)
      await trx
        .insertInto('firm_aliases')
        .values(aliases)
        .onConflict((oc) => oc.doNothing())
        .execute();
    const links = district.links.map((l) => ({
      platform_id: ids.get(l.platformKey)!,
      partner_id: ids.get(l.partnerKey)!,
      kind: l.kind,
      created_at: now,
    }));
    for (let i = 0; i < links.length; i += 500)
      await trx
        .insertInto('firm_links')
        .values(links.slice(i, i + 500))
        .onConflict((oc) => oc.doNothing())
        .execute();
    await trx
      .insertInto('users')
      .values(
        district.users.map((u, k) => ({
          name: u.name,
          display_name: u.displayName,
          role: u.role,
          district: u.district,
          streets: u.streets,
          password_hash: hashes[k]!,
          created_at: now,
        })),
      )
      .execute();
    await audit(
      trx,
      SYSTEM_ACTOR,
      {
        action: 'demo.seed',
        objectType: 'database',
        details: { label: district.label, firms: district.firms.length, users: district.users.length },
      },
      now,
    );
  });
  log.info({ firms: district.firms.length, users: district.users.length }, `demo data loaded: ${district.label}`);
  return { firms: district.firms.length, users: district.users.length };
}
