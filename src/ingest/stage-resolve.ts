import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { STAGE } from './column-batch.ts';
import { stagedAliasCandidates, stagedFirmCandidates } from './firm-candidates.ts';

/** The firm each staged record resolved to, by ord: only records that matched at some level have a row. */
export const RESOLVED = 'ingest_resolved';

/**
 * Resolves the firm references of a staged chunk in one statement, with
 * the semantics of resolveFirmRefs (resolve-firms.ts) and firmsByKey
 * (resolve-by-key.ts): by USCC, then normalized name, then alias, then
 * the matching key (name_key when the name gives a place, else base_key,
 * on firms and on aliases). The first level that matches decides: one
 * firm resolves, several are ambiguous (never guessed); a record no level
 * matches has no row here and is unresolved. Only firms and aliases of
 * each record's candidate scope count (firm-candidates.ts). Every level is
 * an equality join on an indexed column, so the planner hashes or probes
 * as the sizes say, not one lookup per row.
 */
export async function resolveStaged(db: Db, importer: Scope): Promise<void> {
  const fc = stagedFirmCandidates(importer, 's', 'f');
  const ac = stagedAliasCandidates('s', 'a');
  const stage = sql.table(STAGE);
  const alias = (on: string, keyed: string) => sql`
    select s.ord, ${sql.lit(keyed === '' ? 3 : 4)}::integer as lvl, a.firm_id as id
    from ${stage} s join firm_aliases a on ${sql.raw(on)} join firms f on f.id = a.firm_id
    where ${sql.raw(keyed === '' ? "s.firm_name_norm <> ''" : keyed)} and ${fc} and ${ac}`;
  // Created first, filled by an INSERT: CREATE TABLE AS takes no bind parameters.
  await sql`create temporary table ${sql.table(RESOLVED)} (ord integer primary key, firm_id integer, resolution text not null) on commit drop`.execute(
    db,
  );
  await sql`
    insert into ${sql.table(RESOLVED)} (ord, firm_id, resolution)
    with hits as materialized (
      select s.ord, 1 as lvl, f.id from ${stage} s join firms f on f.uscc = s.firm_uscc
        where s.firm_uscc <> '' and ${fc}
      union all
      select s.ord, 2, f.id from ${stage} s join firms f on f.name_norm = s.firm_name_norm
        where s.firm_name_norm <> '' and ${fc}
      union all
      ${alias('a.alias_norm = s.firm_name_norm', '')}
      union all
      select s.ord, 4, f.id from ${stage} s join firms f on f.name_key = s.match_key
        where s.key_has_place and ${fc}
      union all
      select s.ord, 4, f.id from ${stage} s join firms f on f.base_key = s.match_key
        where not s.key_has_place and ${fc}
      union all
      ${alias('a.name_key = s.match_key', 's.key_has_place')}
      union all
      ${alias('a.base_key = s.match_key', 'not s.key_has_place')}
    ),
    first as (select ord, min(lvl) as lvl from hits group by ord)
    select h.ord,
      case when count(distinct h.id) = 1 then min(h.id) end as firm_id,
      case when count(distinct h.id) = 1 then 'resolved' else 'ambiguous' end as resolution
    from hits h join first using (ord, lvl)
    group by h.ord`.execute(db);
}
