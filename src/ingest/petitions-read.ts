import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Sealer } from '../crypto/sealer.ts';
import { NotFound } from '../domain/errors.ts';
import { scopeOf, type Principal } from '../domain/jurisdiction.ts';
import { roleHas } from '../domain/roles.ts';
import { placeInScope } from '../firms/firms-repo.ts';
import { msg } from '../domain/i18n/messages.ts';

export interface PetitionView {
  id: number;
  recordId: string;
  source: string;
  received: string;
  channel: string | null;
  categories: string[];
  petitioners: number;
  repeat: boolean;
  status: string | null;
  closed: string | null;
  firm: { id: number; name: string; uscc: string | null } | null;
  firmNameAsWritten: string | null;
  summary: string | null;
  petitioner: { name: string | null; phone: string | null; idNumber: string | null; idNumberValid: boolean | null };
  /** Columns the file had beyond the known ones, masked like the fields above. */
  extra: Record<string, unknown>;
  /** True when the personal fields above are the real values (pii:read), false when masked. */
  unmasked: boolean;
}

/**
 * One petition. Personal data is masked unless the caller's role holds
 * pii:read; then it is decrypted and the read is audited. Visible when the
 * petition's district or its firm's place is in the caller's jurisdiction.
 */
export async function readPetition(
  db: Db,
  sealer: Sealer,
  principal: Principal,
  actor: Actor,
  id: number,
  now: Date,
): Promise<PetitionView> {
  const scope = scopeOf(principal);
  const p = await db
    .selectFrom('petitions')
    .leftJoin('firms', 'firms.id', 'petitions.firm_id')
    .selectAll('petitions')
    .select(['firms.name as f_name', 'firms.uscc as f_uscc'])
    .where('petitions.id', '=', id)
    .where((eb) =>
      eb.or([
        placeInScope(scope, 'petitions'),
        eb.and([eb('petitions.firm_id', 'is not', null), placeInScope(scope, 'firms')]),
      ]),
    )
    .executeTakeFirst();
  if (!p) throw new NotFound(`petition ${id} not found`, undefined, msg('petition.not_found', { id }));
  const unmasked = roleHas(principal.role, 'pii:read');
  const open = (sealed: string | null, masked: string | null) => (unmasked && sealed ? sealer.open(sealed) : masked);
  if (unmasked)
    await audit(
      db,
      actor,
      { action: 'pii.read', objectType: 'petition', objectId: p.id, details: { recordId: p.record_id } },
      now,
    );
  return {
    id: p.id,
    recordId: p.record_id,
    source: p.source,
    received: p.received,
    channel: p.channel,
    categories: p.categories,
    petitioners: p.petitioners,
    repeat: p.repeat,
    status: p.status,
    closed: p.closed,
    firm: p.firm_id !== null ? { id: p.firm_id, name: p.f_name!, uscc: p.f_uscc } : null,
    firmNameAsWritten: p.firm_name,
    summary: open(p.summary_sealed, p.summary_masked),
    petitioner: {
      name: open(p.name_sealed, p.name_masked),
      phone: open(p.phone_sealed, p.phone_masked),
      idNumber: open(p.id_number_sealed, p.id_number_masked),
      idNumberValid: p.id_number_valid,
    },
    extra:
      unmasked && p.extra_sealed
        ? (JSON.parse(sealer.open(p.extra_sealed)) as Record<string, unknown>)
        : (p.extra as Record<string, unknown>),
    unmasked,
  };
}
