// Reading stored scores: a firm's latest score with the records behind it,
// its score series, and the ranked list of firms. Every read goes through
// the caller's jurisdiction (a firm out of scope reads as not found; the
// ranked list holds only firms in scope). Evidence records of a firm in
// scope are shown whichever district filed them, as they are the reason for
// its score; petitioners' personal data stays masked here (the petition
// endpoint unmasks it for pii:read, audited).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Firm } from '../db/schema.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import type { Contribution, FirmScore, Level } from '../domain/scoring/index.ts';
import { firmInScope, getFirm } from '../firms/firms-repo.ts';

export interface EvidenceRecord {
  source: 'inspection' | 'petition' | 'opinion';
  id: number;
  recordId: string | null;
  date: string;
  facts: Record<string, unknown>;
}

export interface PartnerRisk {
  firm: { id: number; name: string; uscc: string | null; role: string };
  /** The partner's own score, as the platform's share was computed from it. */
  score: number;
  level: Level | null;
  /** The partner's own top contributions; only when the partner is in the caller's jurisdiction. */
  contributions: Contribution[] | null;
}

export interface FirmRisk {
  firm: { id: number; name: string; uscc: string | null; role: string; sector: string };
  /** Null: never scored with anything against it. */
  score: FirmScore | null;
  ownScore: number;
  /** When a run last confirmed this result. */
  checkedAt: string | null;
  evidence: EvidenceRecord[];
  partners: PartnerRisk[];
}

const firmDto = (f: Firm) => ({ id: f.id, name: f.name, uscc: f.uscc, role: f.role, sector: f.sector });

const idsOf = (cs: readonly Contribution[], source: Contribution['source']) =>
  cs.filter((c) => c.source === source && typeof c.id === 'number').map((c) => c.id as number);

async function evidenceRecords(db: Db, contributions: readonly Contribution[]): Promise<EvidenceRecord[]> {
  const [ins, pets, items] = [
    idsOf(contributions, 'inspection'),
    idsOf(contributions, 'petition'),
    idsOf(contributions, 'opinion'),
  ];
  const [a, b, c] = await Promise.all([
    ins.length === 0
      ? []
      : db
          .selectFrom('inspections')
          .select([
            'id',
            'record_id',
            'source',
            'date',
            'kind',
            'violations',
            'workers',
            'amount',
            'order',
            'due',
            'rectified',
            'status',
          ])
          .where('id', 'in', ins)
          .execute(),
    pets.length === 0
      ? []
      : db
          .selectFrom('petitions')
          .select([
            'id',
            'record_id',
            'source',
            'received',
            'channel',
            'categories',
            'petitioners',
            'repeat',
            'status',
            'closed',
            'summary_masked',
          ])
          .where('id', 'in', pets)
          .execute(),
    items.length === 0
      ? []
      : db
          .selectFrom('feed_items')
          .innerJoin('feeds', 'feeds.id', 'feed_items.feed_id')
          .select([
            'feed_items.id',
            'feed_items.title',
            'feed_items.link',
            'feed_items.published_at',
            'feed_items.max_severity',
            'feed_items.major',
            'feed_items.categories',
            'feeds.name as feed',
            'feeds.credibility',
          ])
          .where('feed_items.id', 'in', items)
          .execute(),
  ]);
  const out: EvidenceRecord[] = [
    ...a.map(({ id, record_id, date, ...facts }) => ({
      source: 'inspection' as const,
      id,
      recordId: record_id,
      date,
      facts,
    })),
    ...b.map(({ id, record_id, received, summary_masked, ...facts }) => ({
      source: 'petition' as const,
      id,
      recordId: record_id,
      date: received,
      facts: { ...facts, summary: summary_masked },
    })),
    ...c.map(({ id, published_at, ...facts }) => ({
      source: 'opinion' as const,
      id,
      recordId: null,
      date: published_at?.toISOString() ?? '',
      facts,
    })),
  ];
  // In the order of the contributions, largest first.
  const rank = new Map(contributions.map((x, i) => [`${x.source}:${String(x.id)}`, i]));
  return out.sort((x, y) => (rank.get(`${x.source}:${x.id}`) ?? 0) - (rank.get(`${y.source}:${y.id}`) ?? 0));
}

async function partnerRisks(db: Db, scope: Scope, firmId: number): Promise<PartnerRisk[]> {
  const rows = await db
    .selectFrom('firm_links as l')
    .innerJoin('firms', 'firms.id', 'l.partner_id')
    .leftJoin('firm_risk as r', 'r.firm_id', 'firms.id')
    .leftJoin('firm_scores as s', 's.id', 'r.score_id')
    .select([
      'firms.id',
      'firms.name',
      'firms.uscc',
      'firms.role',
      's.own_score',
      's.detail',
      sql<boolean>`${firmInScope(scope)}`.as('visible'),
    ])
    .where('l.platform_id', '=', firmId)
    .where('s.own_score', '>', 0)
    .orderBy('s.own_score', 'desc')
    .orderBy('firms.id')
    .execute();
  return rows.map((r) => {
    const own = r.detail as unknown as FirmScore;
    return {
      firm: { id: r.id, name: r.name, uscc: r.uscc, role: r.role },
      score: r.own_score ?? 0,
      // A partner that is itself a platform: its own level excludes its partners' share.
      level: own.rawComponents.affiliation > 0 ? null : own.level,
      contributions: r.visible ? own.contributions.filter((c) => c.source !== 'partner') : null,
    };
  });
}

export async function firmRisk(db: Db, scope: Scope, idOrUscc: string): Promise<FirmRisk> {
  const firm = await getFirm(db, scope, idOrUscc);
  const row = await db
    .selectFrom('firm_risk as r')
    .innerJoin('firm_scores as s', 's.id', 'r.score_id')
    .select(['s.detail', 's.own_score', 'r.checked_at'])
    .where('r.firm_id', '=', firm.id)
    .executeTakeFirst();
  const score = row ? (row.detail as unknown as FirmScore) : null;
  const [evidence, partners] = await Promise.all([
    score ? evidenceRecords(db, score.contributions) : [],
    partnerRisks(db, scope, firm.id),
  ]);
  return {
    firm: firmDto(firm),
    score,
    ownScore: row?.own_score ?? 0,
    checkedAt: row?.checked_at.toISOString() ?? null,
    evidence,
    partners,
  };
}

export interface RiskPoint {
  at: string;
  score: number;
  ownScore: number;
  level: Level | null;
  model: string;
}

/** The stored series: a point each time the result changed, oldest first, plus when it was last confirmed. */
export async function riskHistory(
  db: Db,
  scope: Scope,
  idOrUscc: string,
  range: { from?: Date; to?: Date; limit: number },
) {
  const firm = await getFirm(db, scope, idOrUscc);
  let q = db
    .selectFrom('firm_scores')
    .select(['at', 'score', 'own_score', 'level', 'model'])
    .where('firm_id', '=', firm.id);
  if (range.from) q = q.where('at', '>=', range.from);
  if (range.to) q = q.where('at', '<=', range.to);
  // The latest `limit` points, returned oldest first.
  const rows = (await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(range.limit).execute()).reverse();
  const current = await db
    .selectFrom('firm_risk')
    .select('checked_at')
    .where('firm_id', '=', firm.id)
    .executeTakeFirst();
  const points: RiskPoint[] = rows.map((r) => ({
    at: r.at.toISOString(),
    score: r.score,
    ownScore: r.own_score,
    level: r.level as Level | null,
    model: r.model,
  }));
  return { firm: firmDto(firm), points, checkedAt: current?.checked_at.toISOString() ?? null };
}

export interface RankedFirm {
  id: number;
  name: string;
  uscc: string | null;
  role: string;
  sector: string;
  score: number;
  level: Level | null;
  at: string;
  majorOpinion: boolean;
  creditCandidate: boolean;
}

const LEVEL_RANK = ['blue', 'yellow', 'orange', 'red'] as const;

/** Firms in scope by latest score, highest first; `minLevel` keeps that level and above. */
export async function rankedFirms(
  db: Db,
  scope: Scope,
  q: { minLevel?: Level; limit: number; offset: number },
): Promise<RankedFirm[]> {
  let query = db
    .selectFrom('firm_risk as r')
    .innerJoin('firms', 'firms.id', 'r.firm_id')
    .select([
      'firms.id',
      'firms.name',
      'firms.uscc',
      'firms.role',
      'firms.sector',
      'r.score',
      'r.level',
      'r.at',
      'r.major_opinion',
      'r.credit_candidate',
    ])
    .where(firmInScope(scope));
  if (q.minLevel) query = query.where('r.level', 'in', LEVEL_RANK.slice(LEVEL_RANK.indexOf(q.minLevel)));
  else query = query.where((eb) => eb.or([eb('r.score', '>', 0), eb('r.level', 'is not', null)]));
  const rows = await query.orderBy('r.score', 'desc').orderBy('firms.id').limit(q.limit).offset(q.offset).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    role: r.role,
    sector: r.sector,
    score: r.score,
    level: r.level as Level | null,
    at: r.at.toISOString(),
    majorOpinion: r.major_opinion,
    creditCandidate: r.credit_candidate,
  }));
}
