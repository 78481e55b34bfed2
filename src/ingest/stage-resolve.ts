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
  // Created first, filled by an INSERT: CREATE TABLE AS takes no bind parameters.
  await sql`create temporary table ${sql.table(RESOLVED)} (ord integer primary key, firm_id integer, resolution text not null) on commit drop`.execute(
    db,
  );
  // Level by level, each over the records no earlier level matched (most
  // records stop at the USCC or the name): the levels' ords are disjoint,
  // so grouping their union by ord gives each record its first level's firms.
  await sql`
    insert into ${sql.table(RESOLVED)} (ord, firm_id, resolution)
    with by_uscc as (
      select s.ord, f.id from ${stage} s join firms f on f.uscc = s.firm_uscc
      where s.firm_uscc <> '' and ${fc}
    ),
    by_name as (
      select s.ord, f.id from ${stage} s join firms f on f.name_norm = s.firm_name_norm
      where s.firm_name_norm <> '' and ${fc} and not exists (select from by_uscc u where u.ord = s.ord)
    ),
    by_alias as (
      select s.ord, a.firm_id as id
      from ${stage} s join firm_aliases a on a.alias_norm = s.firm_name_norm join firms f on f.id = a.firm_id
      where s.firm_name_norm <> '' and ${fc} and ${ac}
        and not exists (select from by_uscc u where u.ord = s.ord)
        and not exists (select from by_name n where n.ord = s.ord)
    ),
    keyed as materialized (
      select * from ${stage} s
      where s.match_key is not null and not s.scope_none
        and not exists (select from by_uscc u where u.ord = s.ord)
        and not exists (select from by_name n where n.ord = s.ord)
        and not exists (select from by_alias a where a.ord = s.ord)
    ),
    by_key as (
      select s.ord, f.id from keyed s join firms f on f.name_key = s.match_key where s.key_has_place and ${fc}
      union all
      select s.ord, f.id from keyed s join firms f on f.base_key = s.match_key where not s.key_has_place and ${fc}
      union all
      select s.ord, a.firm_id from keyed s join firm_aliases a on a.name_key = s.match_key
        join firms f on f.id = a.firm_id where s.key_has_place and ${fc} and ${ac}
      union all
      select s.ord, a.firm_id from keyed s join firm_aliases a on a.base_key = s.match_key
        join firms f on f.id = a.firm_id where not s.key_has_place and ${fc} and ${ac}
    ),
    hits as (
      select * from by_uscc union all select * from by_name union all select * from by_alias
      union all select * from by_key
    )
    select ord,
      case when count(distinct id) = 1 then min(id) end,
      case when count(distinct id) = 1 then 'resolved' else 'ambiguous' end
    from hits group by ord`.execute(db);
}
