// One scoring run over the database: every firm (a sweep, `qianshao score`)
// or the firms some new records touched plus the platforms their scores
// feed into. Scores are as of `at`, read only records dated at or before
// it, and are stored (persist.ts).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../audit/audit.ts';
import { evidenceWindow, type ModelConfig, modelVersion, type RecordsPart } from '../domain/scoring/index.ts';
import type { ChunkLimits } from './chunks.ts';
import { computeScores, type FirmLink, type FirmRef, type ScoredFirm } from './compute.ts';
import { countEvidence, loadEvidence, loadMentions } from './evidence.ts';
import { resumableParts } from './own-parts.ts';
import { persistRun, type ScoreChange } from './persist.ts';
import { pendingMarks } from './rescore-pending.ts';

export interface ScoreRunRequest {
  at: Date;
  /** 'all', or the ids of the firms whose records changed. */
  firms: 'all' | readonly number[];
  /** Why the run happened: 'cli', 'sweep', 'import', 'feeds', 'link', ... */
  reason: string;
  actor: Actor;
  /** Compute only; store nothing (dry runs, backtests). */
  store?: boolean;
  /** Bounds of one evidence request (chunks.ts defaults). */
  chunkLimits?: ChunkLimits;
}

export interface ScoreRunResult {
  runId: number | null;
  at: Date;
  model: string;
  /** Every firm scored, in firm id order. */
  firms: ScoredFirm[];
  /** Firms whose stored result changed. */
  changed: number;
  /** Those firms, with their score level before (what the alert rules read). */
  changes: ScoreChange[];
  /** Platforms scored from their stored records part and their mentions (own-parts.ts), not re-read. */
  resumed: number;
}

interface Involved {
  firms: FirmRef[];
  links: FirmLink[];
  storedPartners?: Map<number, { name: string; score: number }>;
  /** Platforms not touched themselves: their stored records part may spare reading their records. */
  untouchedPlatforms?: number[];
}

async function everyFirm(db: Db): Promise<Involved> {
  const [firms, links] = await Promise.all([
    db.selectFrom('firms').select(['id', 'name', 'uscc']).orderBy('id').execute(),
    db.selectFrom('firm_links').select(['platform_id as platformId', 'partner_id as partnerId']).execute(),
  ]);
  return { firms, links };
}

/**
 * The touched firms and their platforms are recomputed. A platform's share
 * needs all its partners' own scores: the untouched partners' come from
 * their last stored result (so an import of a few records does not rescore
 * a platform's whole network); the next sweep recomputes everything as of
 * one instant.
 */
async function touchedAndRelated(db: Db, touched: readonly number[]): Promise<Involved> {
  const ids = [...new Set(touched)];
  const links = await sql<FirmLink>`
    with platforms as (
      select platform_id as id from firm_links where partner_id = any(${ids}::int[])
      union select unnest(${ids}::int[])
    )
    select platform_id as "platformId", partner_id as "partnerId" from firm_links
    where platform_id in (select id from platforms)`.execute(db);
  const computed = new Set(ids);
  const touchedSet = new Set(ids);
  for (const l of links.rows) computed.add(l.platformId);
  const others = [...new Set(links.rows.map((l) => l.partnerId).filter((id) => !computed.has(id)))];
  const [firms, stored] = await Promise.all([
    db
      .selectFrom('firms')
      .select(['id', 'name', 'uscc'])
      .where('id', '=', sql<number>`any(${[...computed]}::int[])`)
      .orderBy('id')
      .execute(),
    others.length === 0
      ? []
      : db
          .selectFrom('firms')
          .innerJoin('firm_risk as r', 'r.firm_id', 'firms.id')
          .select(['firms.id', 'firms.name', 'r.own_score'])
          .where('firms.id', '=', sql<number>`any(${others}::int[])`)
          .where('r.own_score', '>', 0)
          .execute(),
  ]);
  return {
    firms,
    links: links.rows,
    storedPartners: new Map(stored.map((r) => [r.id, { name: r.name, score: r.own_score }])),
    untouchedPlatforms: [...computed].filter((id) => !touchedSet.has(id)),
  };
}

export async function runScoring(db: Db, config: ModelConfig, req: ScoreRunRequest): Promise<ScoreRunResult> {
  const startedAt = new Date();
  const model = modelVersion(config);
  const involved = req.firms === 'all' ? await everyFirm(db) : await touchedAndRelated(db, req.firms);
  // Read before the evidence: only marks whose records this run sees are cleared when it stores.
  const marks =
    req.store === false ? [] : await pendingMarks(db, req.firms === 'all' ? 'all' : involved.firms.map((f) => f.id));
  const window = evidenceWindow(req.at, config);
  // A platform only its partners' changes brought in resumes from its stored records part when that holds at `at`.
  const parts =
    involved.untouchedPlatforms === undefined || involved.untouchedPlatforms.length === 0
      ? new Map<number, RecordsPart>()
      : await resumableParts(db, involved.untouchedPlatforms, model, req.at, window);
  const recordCounts =
    involved.firms.length === 0
      ? new Map<number, number>()
      : await countEvidence(
          db,
          req.firms === 'all'
            ? { from: involved.firms[0]!.id, to: involved.firms[involved.firms.length - 1]!.id }
            : { ids: involved.firms.filter((f) => !parts.has(f.id)).map((f) => f.id) },
          window,
        );
  const firms = await computeScores({
    at: req.at,
    config,
    firms: involved.firms,
    links: involved.links,
    storedPartners: involved.storedPartners,
    recordCounts,
    chunkLimits: req.chunkLimits,
    keepParts: new Set(involved.links.map((l) => l.platformId)),
    fromParts: { parts, mentions: (ids) => loadMentions(db, { ids }, window) },
    // Sweeps read id ranges (index range scans); touched sets read id lists.
    evidence: (chunk) =>
      loadEvidence(
        db,
        req.firms === 'all' ? { from: chunk[0]!.id, to: chunk[chunk.length - 1]!.id } : { ids: chunk.map((f) => f.id) },
        window,
      ),
  });
  if (req.store === false || firms.length === 0)
    return { runId: null, at: req.at, model, firms, changed: 0, changes: [], resumed: parts.size };
  const scope = req.firms === 'all' ? 'all' : 'touched';
  const out = await persistRun(
    db,
    { at: req.at, model, scope, reason: req.reason, actor: req.actor, startedAt },
    firms,
    new Date(),
    marks,
  );
  return {
    runId: out.runId,
    at: req.at,
    model,
    firms,
    changed: out.changes.length,
    changes: out.changes,
    resumed: parts.size,
  };
}
