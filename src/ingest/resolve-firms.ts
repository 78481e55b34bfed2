import type { Db } from '../db/connect.ts';
import { aliasCandidates, type CandidateScope, EVERYWHERE, firmCandidates } from './firm-candidates.ts';
import { firmsByKey } from './resolve-by-key.ts';

export interface FirmRefKey {
  uscc: string | null;
  /** normalizeFirmName of the name as written. */
  nameKey: string | null;
}

export type Resolution = { status: 'resolved'; firmId: number } | { status: 'unresolved' | 'ambiguous'; firmId: null };

const UNRESOLVED: Resolution = { status: 'unresolved', firmId: null };
const AMBIGUOUS: Resolution = { status: 'ambiguous', firmId: null };

export const refKey = (r: FirmRefKey) => `${r.uscc ?? ''}|${r.nameKey ?? ''}`;

/**
 * Resolves firm references in bulk: by USCC, then normalized name, then
 * alias, then the matching key of name or alias (resolve-by-key.ts). A
 * reference matching several firms at the first level that matches is
 * ambiguous (never guessed); matching none is unresolved. At most five
 * queries per batch, whatever its size. Only firms and aliases of `scope`
 * are candidates (see firm-candidates.ts).
 */
export async function resolveFirmRefs(
  db: Db,
  refs: FirmRefKey[],
  scope: CandidateScope = EVERYWHERE,
): Promise<Map<string, Resolution>> {
  const usccs = [...new Set(refs.map((r) => r.uscc).filter((u): u is string => !!u))];
  const names = [...new Set(refs.map((r) => r.nameKey).filter((n): n is string => !!n))];
  const byUscc = new Map<string, number>();
  const byName = new Map<string, Set<number>>();
  const byAlias = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, k: string, id: number) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(id);
  if (usccs.length) {
    for (const f of await db
      .selectFrom('firms')
      .select(['id', 'uscc'])
      .where('uscc', 'in', usccs)
      .where(firmCandidates(scope))
      .execute())
      byUscc.set(f.uscc!, f.id);
  }
  if (names.length) {
    for (const f of await db
      .selectFrom('firms')
      .select(['id', 'name_norm'])
      .where('name_norm', 'in', names)
      .where(firmCandidates(scope))
      .execute())
      add(byName, f.name_norm, f.id);
    for (const a of await db
      .selectFrom('firm_aliases')
      .innerJoin('firms', 'firms.id', 'firm_aliases.firm_id')
      .select(['firm_aliases.firm_id', 'firm_aliases.alias_norm'])
      .where('firm_aliases.alias_norm', 'in', names)
      .where(firmCandidates(scope))
      .where(aliasCandidates(scope))
      .execute())
      add(byAlias, a.alias_norm, a.firm_id);
  }
  const out = new Map<string, Resolution>();
  for (const r of refs) {
    const key = refKey(r);
    if (out.has(key)) continue;
    const direct = r.uscc ? byUscc.get(r.uscc) : undefined;
    if (direct !== undefined) {
      out.set(key, { status: 'resolved', firmId: direct });
      continue;
    }
    out.set(key, r.nameKey ? (pick(byName.get(r.nameKey)) ?? pick(byAlias.get(r.nameKey)) ?? UNRESOLVED) : UNRESOLVED);
  }
  // Names no exact level found: by key, in one more round trip.
  const loose = refs.filter((r) => r.nameKey && out.get(refKey(r)) === UNRESOLVED).map((r) => r.nameKey!);
  if (loose.length) {
    const byKey = await firmsByKey(db, loose, scope);
    for (const r of refs)
      if (r.nameKey && out.get(refKey(r)) === UNRESOLVED) out.set(refKey(r), pick(byKey.get(r.nameKey)) ?? UNRESOLVED);
  }
  return out;
}

function pick(ids: Set<number> | undefined): Resolution | undefined {
  if (!ids || ids.size === 0) return undefined;
  if (ids.size > 1) return AMBIGUOUS;
  return { status: 'resolved', firmId: [...ids][0]! };
}
