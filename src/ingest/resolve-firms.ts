import type { Db } from '../db/connect.ts';

export interface FirmRefKey {
  uscc: string | null;
  /** normalizeFirmName of the name as written. */
  nameKey: string | null;
}

export type Resolution =
  | { status: 'resolved'; firmId: number }
  | { status: 'unresolved' | 'ambiguous'; firmId: null };

const UNRESOLVED: Resolution = { status: 'unresolved', firmId: null };
const AMBIGUOUS: Resolution = { status: 'ambiguous', firmId: null };

export const refKey = (r: FirmRefKey) => `${r.uscc ?? ''}|${r.nameKey ?? ''}`;

/**
 * Resolves firm references in bulk: by USCC, then normalized name, then
 * alias. A reference matching several firms at the first level that
 * matches is ambiguous (never guessed); matching none is unresolved. Three
 * queries per batch, whatever its size.
 */
export async function resolveFirmRefs(db: Db, refs: FirmRefKey[]): Promise<Map<string, Resolution>> {
  const usccs = [...new Set(refs.map((r) => r.uscc).filter((u): u is string => !!u))];
  const names = [...new Set(refs.map((r) => r.nameKey).filter((n): n is string => !!n))];
  const byUscc = new Map<string, number>();
  const byName = new Map<string, Set<number>>();
  const byAlias = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, k: string, id: number) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(id);
  if (usccs.length) {
    for (const f of await db.selectFrom('firms').select(['id', 'uscc']).where('uscc', 'in', usccs).execute()) byUscc.set(f.uscc!, f.id);
  }
  if (names.length) {
    for (const f of await db.selectFrom('firms').select(['id', 'name_norm']).where('name_norm', 'in', names).execute()) add(byName, f.name_norm, f.id);
    for (const a of await db.selectFrom('firm_aliases').select(['firm_id', 'alias_norm']).where('alias_norm', 'in', names).execute()) add(byAlias, a.alias_norm, a.firm_id);
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
    out.set(key, r.nameKey ? pick(byName.get(r.nameKey)) ?? pick(byAlias.get(r.nameKey)) ?? UNRESOLVED : UNRESOLVED);
  }
  return out;
}

function pick(ids: Set<number> | undefined): Resolution | undefined {
  if (!ids || ids.size === 0) return undefined;
  if (ids.size > 1) return AMBIGUOUS;
  return { status: 'resolved', firmId: [...ids][0]! };
}
