// The recent records of one firm by source, for its profile page: the
// twenty latest inspections, petitions (summary masked) and opinion items
// that mention it. The caller has checked the firm is within the reader's
// jurisdiction (getFirm).

import type { Db } from '../db/connect.ts';

const RECENT = 20;

export async function recentFirmRecords(db: Db, firmId: number) {
  const [inspections, petitions, mentions] = await Promise.all([
    db
      .selectFrom('inspections')
      .select(['record_id', 'date', 'violations', 'workers', 'amount', 'order', 'status'])
      .where('firm_id', '=', firmId)
      .orderBy('date', 'desc')
      .limit(RECENT)
      .execute(),
    db
      .selectFrom('petitions')
      .select(['record_id', 'received', 'categories', 'petitioners', 'status', 'summary_masked'])
      .where('firm_id', '=', firmId)
      .orderBy('received', 'desc')
      .limit(RECENT)
      .execute(),
    db
      .selectFrom('mentions')
      .innerJoin('feed_items as i', 'i.id', 'mentions.item_id')
      .select(['i.id', 'i.title', 'i.link', 'i.published_at', 'i.max_severity'])
      .where('mentions.firm_id', '=', firmId)
      .distinct()
      .orderBy('i.published_at', 'desc')
      .limit(RECENT)
      .execute(),
  ]);
  return { inspections, petitions, mentions };
}
