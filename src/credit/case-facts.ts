// What the record says about a case's firm, for the steps that must be
// checked against it (45号令): whether arrears are still outstanding (no
// closure after payment, no early removal while unpaid) and which overdue
// pay orders arose after the listing (a re-offence). Read in the step's
// transaction; the domain machine decides.

import type { Db } from '../db/connect.ts';
import { dateOf, isOverduePayOrder, type CaseFacts, type CreditAction } from '../domain/credit/index.ts';
import { dayNumber } from '../domain/scoring/calendar.ts';

const NEEDS_RECORD: ReadonlySet<CreditAction> = new Set<CreditAction>([
  'close-paid',
  'decide-early-removal',
  'propose',
]);

/** The ids of the major opinion items in a case's evidence (the extreme events, 45号令 art. 5). */
export function evidenceMentionIds(evidence: unknown): number[] {
  const ms =
    evidence !== null && typeof evidence === 'object' ? (evidence as { mentions?: unknown }).mentions : undefined;
  return Array.isArray(ms) ? ms.map((m) => Number((m as { id?: unknown }).id)).filter(Number.isInteger) : [];
}

export async function caseFacts(
  db: Db,
  row: { firm_id: number; conditions: string[]; listed_on: string | null; evidence: unknown },
  action: CreditAction,
  now: Date,
): Promise<CaseFacts> {
  if (action === 'confirm-extreme-link')
    return { conditions: row.conditions, mentionIds: evidenceMentionIds(row.evidence) };
  if (!NEEDS_RECORD.has(action)) return { conditions: row.conditions };
  const today = dateOf(now);
  const orders = await db
    .selectFrom('inspections')
    .select(['record_id', 'date', 'order', 'due', 'rectified', 'status'])
    .where('firm_id', '=', row.firm_id)
    .where('order', '=', 'pay')
    .orderBy('date')
    .orderBy('id')
    .execute();
  const overdue = orders.filter((o) =>
    isOverduePayOrder(
      {
        ...o,
        id: 0,
        recordId: o.record_id,
        date: String(o.date),
        due: o.due === null ? null : String(o.due),
        rectified: o.rectified === null ? null : String(o.rectified),
        workers: null,
        amount: null,
      },
      dayNumber(today),
    ),
  );
  const reoffences =
    row.listed_on === null
      ? []
      : overdue
          .filter((o) => String(o.date) > row.listed_on!)
          .map((o) => ({ recordId: o.record_id, date: String(o.date) }));
  return { conditions: row.conditions, reoffences, arrearsOutstanding: overdue.length > 0 };
}
