// The credit-list part of a digest: the week's moves and the list's size (load.ts).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import { CREDIT_KINDS, type CreditEntry, type CreditInput, type CreditKind } from '../domain/digest/index.ts';
import { iso } from './load-values.ts';

/**
 * The credit list from its history (credit_events, append-only): moves into
 * candidate / proposed / listed / removed during the week and the week
 * before (a row whose state changed; refreshes and objection steps keep the
 * state and do not count), and each case's state at the end of the week
 * (its last history row before then). Case columns are not read: they hold
 * the current state, which a later step may have changed.
 */
export async function loadCredit(
  db: Db,
  prevStart: Date,
  start: Date,
  end: Date,
  inScope: (f: string) => RawBuilder<unknown>,
  n: number,
): Promise<CreditInput> {
  const zero = () => Object.fromEntries(CREDIT_KINDS.map((k) => [k, 0])) as Record<CreditKind, number>;
  const week = zero();
  const previous = zero();
  const moves = sql`e.to_state in ('candidate', 'proposed', 'listed', 'removed') and e.from_state is distinct from e.to_state`;
  const counts = await sql<{ cur: boolean; kind: CreditKind; n: number }>`
    select e.at >= ${start} as cur, e.to_state as kind, count(*)::int as n
    from credit_events e join credit_cases c on c.id = e.case_id join firms f on f.id = c.firm_id
    where e.at >= ${prevStart} and e.at < ${end} and ${moves} and ${inScope('f.district')}
    group by 1, 2`.execute(db);
  for (const r of counts.rows) (r.cur ? week : previous)[r.kind] += r.n;
  const atEnd = await sql<{ listed: number; active: number }>`
    select (count(*) filter (where s.to_state = 'listed'))::int as listed,
      (count(*) filter (where s.to_state in ('candidate', 'proposed', 'notified', 'statement_recorded', 'no_statement', 'approved')))::int as active
    from (select distinct on (e.case_id) e.case_id, e.to_state from credit_events e where e.at < ${end} order by e.case_id, e.at desc, e.id desc) s
      join credit_cases c on c.id = s.case_id join firms f on f.id = c.firm_id
    where ${inScope('f.district')}`.execute(db);
  const rows = await sql<{
    case_id: number;
    name: string;
    uscc: string | null;
    kind: CreditKind;
    at: unknown;
    action: string;
    details: unknown;
  }>`
    select e.case_id, f.name, f.uscc, e.to_state as kind, e.at, e.action, e.details
    from credit_events e join credit_cases c on c.id = e.case_id join firms f on f.id = c.firm_id
    where e.at >= ${start} and e.at < ${end} and ${moves} and ${inScope('f.district')}
    order by e.at, e.id limit ${n}`.execute(db);
  const entries: CreditEntry[] = rows.rows.map((r) => {
    const d = (typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {})) as {
      decisionNo?: unknown;
      kind?: unknown;
    };
    const removalKind =
      r.kind !== 'removed'
        ? null
        : r.action === 'expire'
          ? 'expiry'
          : r.action === 'decide-objection'
            ? 'revoked'
            : d.kind === 'early' || d.kind === 'revoked' || d.kind === 'expiry'
              ? d.kind
              : null;
    return {
      caseId: r.case_id,
      firm: r.name,
      uscc: r.uscc,
      kind: r.kind,
      at: iso(r.at),
      decisionNo: r.kind === 'listed' && typeof d.decisionNo === 'string' ? d.decisionNo : null,
      removalKind,
    };
  });
  return {
    week,
    previous,
    listedAtEnd: atEnd.rows[0]?.listed ?? 0,
    inProcedureAtEnd: atEnd.rows[0]?.active ?? 0,
    entries,
    entriesTotal: CREDIT_KINDS.reduce((a, k) => a + week[k], 0),
  };
}
