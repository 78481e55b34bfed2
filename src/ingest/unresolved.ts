import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import { keyColumns, normalizeFirmName } from '../domain/firm-name.ts';
import { getFirm, placeInScope } from '../firms/firms-repo.ts';
import type { RecordKind } from './import-types.ts';
import { msg } from '../domain/i18n/messages.ts';

const KINDS: RecordKind[] = ['inspections', 'petitions'];

export interface UnresolvedGroup {
  kind: RecordKind;
  /** The firm name as first written. */
  name: string;
  nameKey: string;
  uscc: string | null;
  resolution: 'unresolved' | 'ambiguous';
  records: number;
  recordIds: string[];
}

/** Records whose firm did not resolve, grouped by the name they give, within the caller's jurisdiction. */
export async function listUnresolved(db: Db, scope: Scope): Promise<UnresolvedGroup[]> {
  const groups: UnresolvedGroup[] = [];
  for (const kind of KINDS) {
    const rows = await db
      .selectFrom(kind)
      .select([
        sql<string>`min(firm_name)`.as('name'),
        'firm_name_norm',
        sql<string | null>`min(firm_uscc)`.as('uscc'),
        sql<string>`min(resolution)`.as('resolution'),
        sql<number>`count(*)::int`.as('records'),
        sql<string[]>`(array_agg(record_id order by record_id))[1:20]`.as('record_ids'),
      ])
      .where('firm_id', 'is', null)
      .where(placeInScope(scope, kind))
      .groupBy('firm_name_norm')
      .orderBy(sql`count(*)`, 'desc')
      .limit(500)
      .execute();
    for (const r of rows) {
      groups.push({
        kind,
        name: r.name ?? r.uscc ?? '',
        nameKey: r.firm_name_norm ?? '',
        uscc: r.uscc,
        resolution: r.resolution as 'unresolved' | 'ambiguous',
        records: r.records,
        recordIds: r.record_ids,
      });
    }
  }
  return groups.sort((a, b) => b.records - a.records);
}

/**
 * A person says which firm a name means: the name becomes an alias of that
 * firm (so later imports resolve it) and every unresolved record giving
 * that name, of either kind, is linked now. Audited.
 */
export async function linkUnresolved(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: { name: string; firm: string },
  now: Date,
): Promise<{ firmId: number; linked: number }> {
  const nameKey = normalizeFirmName(input.name);
  if (!nameKey)
    throw new Invalid('name: give the firm name as the records write it', undefined, msg('unresolved.name_required'));
  const firm = await getFirm(db, scope, input.firm);
  return db.transaction().execute(async (trx) => {
    let linked = 0;
    let usccOnly = false;
    for (const kind of KINDS) {
      // A group of records that give only a USCC (no name) is listed under
      // that USCC: it links by the USCC, and makes no alias.
      const r = await trx
        .updateTable(kind)
        .set({ firm_id: firm.id, resolution: 'resolved', updated_at: now })
        .where('firm_id', 'is', null)
        .where(placeInScope(scope, kind))
        .where((eb) =>
          eb.or([
            eb('firm_name_norm', '=', nameKey),
            eb.and([eb('firm_name', 'is', null), eb('firm_uscc', '=', input.name.trim().toUpperCase())]),
          ]),
        )
        .executeTakeFirst();
      if (
        Number(r.numUpdatedRows) > 0 &&
        (await trx
          .selectFrom(kind)
          .select('id')
          .where('firm_id', '=', firm.id)
          .where('firm_name_norm', '=', nameKey)
          .limit(1)
          .executeTakeFirst()) === undefined
      )
        usccOnly = true;
      linked += Number(r.numUpdatedRows);
    }
    if (linked === 0)
      throw new NotFound(
        `no unresolved records in your jurisdiction name ${input.name}`,
        undefined,
        msg('unresolved.none', { name: input.name }),
      );
    if (nameKey !== firm.name_norm && !usccOnly) {
      await trx
        .insertInto('firm_aliases')
        .values({
          firm_id: firm.id,
          alias: input.name,
          alias_norm: nameKey,
          ...keyColumns(nameKey),
          district: scope.kind === 'all' ? null : scope.district,
        })
        .onConflict((oc) => oc.columns(['firm_id', 'alias_norm']).doNothing())
        .execute();
    }
    await audit(
      trx,
      actor,
      { action: 'records.link', objectType: 'firm', objectId: firm.id, details: { name: input.name, linked } },
      now,
    );
    return { firmId: firm.id, linked };
  });
}
