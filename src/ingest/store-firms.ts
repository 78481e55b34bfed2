import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { keyColumns, normalizeFirmName } from '../domain/firm-name.ts';
import { parseAliasMarker } from '../domain/mentions/alias-marker.ts';
import type { FirmRef, FirmRow } from './rows/index.ts';
import type { ImportContext } from './import-types.ts';
import type { BatchCounts } from './store-records.ts';
import { resolveFirmRefs, refKey } from './resolve-firms.ts';

const LINK_KIND: Record<string, string> = {
  franchisee: 'franchise',
  agent: 'agency',
  outsourcing: 'outsourcing',
  dispatch: 'dispatch',
};

/**
 * Stores one batch of firm rows: matched by USCC, else by normalized name
 * (a firm first listed without a USCC gets it on a later import). Aliases
 * accumulate; `parent` becomes platform → partner links, and a platform not
 * known yet is remembered on the firm and linked once it arrives.
 */
export async function storeFirmBatch(
  db: Db,
  ctx: ImportContext,
  importId: number,
  rows: Array<{ line: number; row: FirmRow }>,
): Promise<BatchCounts> {
  const counts: BatchCounts = { accepted: 0, updated: 0, duplicates: 0, unresolved: 0, firmIds: [] };
  if (rows.length === 0) return counts;
  const usccs = rows.map((r) => r.row.uscc).filter((u): u is string => u !== null);
  const names = rows.map((r) => r.row.nameKey);
  const found = await db
    .selectFrom('firms')
    .selectAll()
    .where((eb) => eb.or([...(usccs.length ? [eb('uscc', 'in', usccs)] : []), eb('name_norm', 'in', names)]))
    .execute();
  const byUscc = new Map(found.filter((f) => f.uscc).map((f) => [f.uscc!, f]));
  const byName = new Map(found.map((f) => [f.name_norm, f]));
  // Same name is the same firm unless both carry different USCCs.
  const sameName = (row: FirmRow) => {
    const f = byName.get(row.nameKey);
    return f && (f.uscc === null || row.uscc === null || f.uscc === row.uscc) ? f : undefined;
  };
  const stored: Array<{ id: number; row: FirmRow }> = [];
  for (const { row } of rows) {
    const row_hash = ctx.rowHash(row);
    const old = (row.uscc ? byUscc.get(row.uscc) : undefined) ?? sameName(row);
    const columns = {
      name: row.name,
      name_norm: row.nameKey,
      ...keyColumns(row.nameKey),
      uscc: row.uscc ?? old?.uscc ?? null,
      sector: row.sector ?? old?.sector ?? 'other',
      role: row.role ?? old?.role ?? 'other',
      district: row.district ?? old?.district ?? null,
      street: row.street ?? old?.street ?? null,
      address: row.address ?? old?.address ?? null,
      row_hash,
      updated_at: ctx.now,
    };
    if (old && old.row_hash === row_hash) {
      counts.duplicates++;
      continue;
    }
    if (!old) {
      const created = await db
        .insertInto('firms')
        .values({
          ...columns,
          legal_representative: null,
          extra: JSON.stringify({ ...row.extra, pending_parents: row.parents }),
          created_at: ctx.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      stored.push({ id: created.id, row });
      counts.accepted++;
    } else {
      const { id, ...previous } = old;
      await db
        .insertInto('record_versions')
        .values({
          kind: 'firms',
          record_pk: id,
          version: 0,
          data: JSON.stringify(previous),
          replaced_at: ctx.now,
          import_id: importId,
        })
        .execute();
      await db
        .updateTable('firms')
        .set({ ...columns, extra: JSON.stringify({ ...old.extra, ...row.extra, pending_parents: row.parents }) })
        .where('id', '=', id)
        .execute();
      stored.push({ id, row });
      counts.updated++;
    }
  }
  // Aliases from a district user's file count in their district only (firm-candidates.ts).
  const district = ctx.scope && ctx.scope.kind === 'district' ? ctx.scope.district : null;
  // `饿了么?` marks an alias ambiguous (CONTRACT.md, firms); a marked alias
  // sets the flag on an existing one, an unmarked one leaves it as it was.
  const aliases = stored.flatMap(({ id, row }) =>
    row.aliases
      .map(parseAliasMarker)
      .filter((a) => a.alias.length > 0)
      .map((a) => ({
        firm_id: id,
        alias: a.alias,
        alias_norm: normalizeFirmName(a.alias),
        ...keyColumns(a.alias),
        ambiguous: a.ambiguous,
        district,
      })),
  );
  const plain = aliases.filter((a) => !a.ambiguous);
  // One row per key: ON CONFLICT DO UPDATE may not touch a row twice in one statement.
  const marked = [
    ...new Map(aliases.filter((a) => a.ambiguous).map((a) => [`${a.firm_id}\u0000${a.alias_norm}`, a])).values(),
  ];
  if (plain.length)
    await db
      .insertInto('firm_aliases')
      .values(plain)
      .onConflict((oc) => oc.columns(['firm_id', 'alias_norm']).doNothing())
      .execute();
  if (marked.length) {
    await db
      .insertInto('firm_aliases')
      .values(marked)
      .onConflict((oc) => oc.columns(['firm_id', 'alias_norm']).doUpdateSet({ ambiguous: true }))
      .execute();
  }
  counts.firmIds = stored.map((s) => s.id);
  return counts;
}

interface PendingFirm {
  id: number;
  role: string;
  extra: Record<string, unknown>;
}

/**
 * Links firms to the platforms their `parent` cells named, for every firm
 * still waiting; returns how many firms still name a platform that is
 * unknown or ambiguous.
 */
export async function linkPendingParents(db: Db, now: Date): Promise<number> {
  const waiting = (await db
    .selectFrom('firms')
    .select(['id', 'role', 'extra'])
    .where(sql<boolean>`jsonb_array_length(coalesce(extra->'pending_parents', '[]'::jsonb)) > 0`)
    .execute()) as PendingFirm[];
  if (waiting.length === 0) return 0;
  const refsOf = (f: PendingFirm) => f.extra['pending_parents'] as FirmRef[];
  const resolved = await resolveFirmRefs(
    db,
    waiting.flatMap(refsOf).map((r) => ({ uscc: r.uscc, nameKey: r.nameKey })),
  );
  let stillWaiting = 0;
  await db.transaction().execute(async (trx) => {
    for (const firm of waiting) {
      const left: FirmRef[] = [];
      for (const ref of refsOf(firm)) {
        const r = resolved.get(refKey({ uscc: ref.uscc, nameKey: ref.nameKey }));
        if (r?.status !== 'resolved' || r.firmId === firm.id) {
          left.push(ref);
          continue;
        }
        await trx
          .insertInto('firm_links')
          .values({
            platform_id: r.firmId,
            partner_id: firm.id,
            kind: LINK_KIND[firm.role] ?? 'other',
            created_at: now,
          })
          .onConflict((oc) => oc.columns(['platform_id', 'partner_id']).doNothing())
          .execute();
      }
      if (left.length) stillWaiting++;
      await trx
        .updateTable('firms')
        .set({ extra: JSON.stringify({ ...firm.extra, pending_parents: left }) })
        .where('id', '=', firm.id)
        .execute();
    }
  });
  return stillWaiting;
}
