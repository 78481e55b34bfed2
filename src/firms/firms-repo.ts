import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Firm } from '../db/schema.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import { keyColumns, normalizeFirmName } from '../domain/firm-name.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { msg } from '../domain/i18n/messages.ts';

/**
 * The jurisdiction filter every firm query goes through, as a condition on
 * the `firms` table of any query (same rule as domain `inScope`).
 */
export function firmInScope(scope: Scope): Expression<SqlBool> {
  return placeInScope(scope, 'firms');
}

/** The same rule on any table (or alias) with `district` and `street` columns. */
export function placeInScope(scope: Scope, table: string): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  const district = sql.ref(`${table}.district`);
  if (scope.streets.length === 0) return sql<SqlBool>`${district} = ${scope.district}`;
  return sql<SqlBool>`(${district} = ${scope.district} and ${sql.ref(`${table}.street`)} = any(${[...scope.streets]}::text[]))`;
}

/**
 * A firm by numeric id or USCC, only if the caller's jurisdiction covers
 * it. Out of scope reads as not found, so nothing leaks about its existence.
 */
export async function getFirm(db: Db, scope: Scope, idOrUscc: string): Promise<Firm> {
  let q = db.selectFrom('firms').selectAll('firms').where(firmInScope(scope));
  q = /^\d{1,9}$/.test(idOrUscc)
    ? q.where('firms.id', '=', Number(idOrUscc))
    : q.where('firms.uscc', '=', idOrUscc.toUpperCase());
  const firm = await q.executeTakeFirst();
  if (!firm) throw new NotFound(`firm ${idOrUscc} not found`, undefined, msg('firm.not_found', { ref: idOrUscc }));
  return firm;
}

/** The names of these firms by id (for labels of rows the caller has already scoped). */
export async function firmNamesOf(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('firms')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((f) => [f.id, f.name]));
}

export interface FirmListQuery {
  q?: string | undefined;
  role?: string | undefined;
  sector?: string | undefined;
  afterId?: number | undefined;
  limit: number;
}

/** Keyset-paginated list of firms within scope. */
export async function listFirms(db: Db, scope: Scope, query: FirmListQuery): Promise<Firm[]> {
  let q = db.selectFrom('firms').selectAll('firms').where(firmInScope(scope));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('firms.name', 'like', like),
        eb('firms.uscc', '=', query.q!.toUpperCase()),
        eb.exists(
          eb
            .selectFrom('firm_aliases as a')
            .select('a.id')
            .whereRef('a.firm_id', '=', 'firms.id')
            .where('a.alias', 'like', like),
        ),
      ]),
    );
  }
  if (query.role) q = q.where('firms.role', '=', query.role);
  if (query.sector) q = q.where('firms.sector', '=', query.sector);
  if (query.afterId) q = q.where('firms.id', '>', query.afterId);
  return q.orderBy('firms.id').limit(query.limit).execute();
}

export async function firmRelations(db: Db, scope: Scope, firmId: number) {
  const platforms = await db
    .selectFrom('firms')
    .innerJoin('firm_links as l', 'l.platform_id', 'firms.id')
    .select(['firms.id', 'firms.name', 'firms.uscc', 'l.kind'])
    .where(firmInScope(scope))
    .where('l.partner_id', '=', firmId)
    .orderBy('firms.id')
    .execute();
  const partners = await db
    .selectFrom('firms')
    .innerJoin('firm_links as l', 'l.partner_id', 'firms.id')
    .select(['firms.id', 'firms.name', 'firms.uscc', 'l.kind'])
    .where(firmInScope(scope))
    .where('l.platform_id', '=', firmId)
    .orderBy('firms.id')
    .execute();
  // Links to firms outside the caller's jurisdiction exist all the same: the
  // count says so (a platform registered in another district is still this
  // station's platform), without naming what the caller may not see.
  const all = await db
    .selectFrom('firm_links')
    .select([
      sql<string>`count(*) filter (where partner_id = ${firmId})`.as('platforms'),
      sql<string>`count(*) filter (where platform_id = ${firmId})`.as('partners'),
    ])
    .where((eb) => eb.or([eb('partner_id', '=', firmId), eb('platform_id', '=', firmId)]))
    .executeTakeFirstOrThrow();
  const outside = {
    platforms: Math.max(0, Number(all.platforms) - platforms.length),
    partners: Math.max(0, Number(all.partners) - partners.length),
  };
  return { platforms, partners, outside };
}

/**
 * Adds or changes an alias. An ambiguous alias (a short brand that is also
 * an ordinary word) counts as a mention only with a second cue.
 */
/** A firm's aliases, alphabetical (the caller has read the firm through getFirm). */
export async function aliasesOf(db: Db, firmId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('firm_aliases')
    .select('alias')
    .where('firm_id', '=', firmId)
    .orderBy('alias')
    .execute();
  return rows.map((a) => a.alias);
}

export async function upsertAlias(
  db: Db,
  actor: Actor,
  scope: Scope,
  idOrUscc: string,
  input: { alias: string; ambiguous: boolean },
  now: Date,
) {
  const firm = await getFirm(db, scope, idOrUscc);
  const alias_norm = normalizeFirmName(input.alias);
  if (!alias_norm) throw new Invalid('alias: must not be empty', undefined, msg('firm.alias_empty'));
  return db.transaction().execute(async (trx) => {
    // A district user's alias counts only for records of their district;
    // a city-level user's counts everywhere (and widens one already there).
    const district = scope.kind === 'all' ? null : scope.district;
    await trx
      .insertInto('firm_aliases')
      .values({
        firm_id: firm.id,
        alias: input.alias.trim(),
        alias_norm,
        ...keyColumns(alias_norm),
        ambiguous: input.ambiguous,
        district,
      })
      .onConflict((oc) =>
        oc.columns(['firm_id', 'alias_norm']).doUpdateSet({
          ambiguous: input.ambiguous,
          district: sql`case when excluded.district is null then null else firm_aliases.district end`,
        }),
      )
      .execute();
    await audit(
      trx,
      actor,
      {
        action: 'firm.alias',
        objectType: 'firm',
        objectId: firm.id,
        details: { alias: input.alias, ambiguous: input.ambiguous, district },
      },
      now,
    );
    return trx
      .selectFrom('firm_aliases')
      .select(['alias', 'ambiguous'])
      .where('firm_id', '=', firm.id)
      .orderBy('alias')
      .execute();
  });
}
