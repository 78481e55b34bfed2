// Scores a set of firms as of one instant: each firm's own score from its
// evidence, then each platform's share of its partners' risk. Evidence
// comes from a function, so the same code serves live runs (from the
// database, a chunk of firms at a time) and backtests (from memory).

import { type ChunkLimits, DEFAULT_CHUNK_LIMITS, planChunks } from './chunks.ts';
import {
  applyAffiliation,
  createScorer,
  type FirmEvidence,
  type FirmScore,
  type ModelConfig,
  type PartnerScore,
} from '../domain/scoring/index.ts';

export interface FirmRef {
  id: number;
  name: string;
  uscc: string | null;
}

/** platform → partner (franchisee, agent, outsourcing or dispatch firm). */
export interface FirmLink {
  platformId: number;
  partnerId: number;
}

export interface ScoredFirm {
  firm: FirmRef;
  score: FirmScore;
  /** The firm's score from its own records, before its partners' share. */
  ownScore: number;
}

export type EvidenceSource = (
  chunk: readonly FirmRef[],
) => Promise<Map<number, FirmEvidence>> | Map<number, FirmEvidence>;

const NO_EVIDENCE: FirmEvidence = Object.freeze({ inspections: [], petitions: [], mentions: [] });

export interface ComputeInput {
  at: Date;
  config: ModelConfig;
  /** Every firm to score. A platform's partners are either here or in storedPartners. */
  firms: readonly FirmRef[];
  links: readonly FirmLink[];
  evidence: EvidenceSource;
  /**
   * Own scores of partners that are not in `firms` (not recomputed): an
   * incremental run reads them from the last stored results.
   */
  storedPartners?: ReadonlyMap<number, { name: string; score: number }>;
  /**
   * Evidence records per firm within the window, where known: chunks are
   * then bounded by records as well as by firms (chunks.ts).
   */
  recordCounts?: ReadonlyMap<number, number>;
  /** Bounds of one evidence request (default 2,000 firms, 50,000 records). */
  chunkLimits?: ChunkLimits;
}

/**
 * The scores of input.firms, in input order. The next chunk's evidence is
 * requested while the current one is scored, so the database works while
 * the model computes.
 */
export async function computeScores(input: ComputeInput): Promise<ScoredFirm[]> {
  const scorer = createScorer(input.at, input.config);
  const counts = input.recordCounts;
  const chunks = planChunks(input.firms, (id) => counts?.get(id) ?? 0, input.chunkLimits ?? DEFAULT_CHUNK_LIMITS);

  const own = new Map<number, FirmScore>();
  let next = chunks.length > 0 ? Promise.resolve(input.evidence(chunks[0]!)) : undefined;
  for (let k = 0; k < chunks.length; k++) {
    const evidence = await next!;
    next = k + 1 < chunks.length ? Promise.resolve(input.evidence(chunks[k + 1]!)) : undefined;
    for (const f of chunks[k]!) own.set(f.id, scorer.score(evidence.get(f.id) ?? NO_EVIDENCE));
  }

  const byId = new Map(input.firms.map((f) => [f.id, f]));
  const partnersOf = new Map<number, PartnerScore[]>();
  for (const l of input.links) {
    if (!own.has(l.platformId)) continue;
    const partner = byId.get(l.partnerId);
    const partnerOwn = own.get(l.partnerId);
    const stored = input.storedPartners?.get(l.partnerId);
    const entry: PartnerScore | undefined =
      partner !== undefined && partnerOwn !== undefined
        ? { firmId: partner.id, name: partner.name, score: partnerOwn.score }
        : stored !== undefined
          ? { firmId: l.partnerId, name: stored.name, score: stored.score }
          : undefined;
    if (entry === undefined) continue;
    let list = partnersOf.get(l.platformId);
    if (list === undefined) partnersOf.set(l.platformId, (list = []));
    list.push(entry);
  }

  return input.firms.map((firm) => {
    const ownScore = own.get(firm.id)!;
    const partners = partnersOf.get(firm.id);
    const score = partners === undefined ? ownScore : applyAffiliation(ownScore, partners, input.config);
    return { firm, score, ownScore: ownScore.score };
  });
}

/** Highest score first; ties by USCC, then name, then id, so output is stable. */
export function byRisk(a: ScoredFirm, b: ScoredFirm): number {
  if (b.score.score !== a.score.score) return b.score.score - a.score.score;
  const ua = a.firm.uscc ?? '\uffff';
  const ub = b.firm.uscc ?? '\uffff';
  if (ua !== ub) return ua < ub ? -1 : 1;
  if (a.firm.name !== b.firm.name) return a.firm.name < b.firm.name ? -1 : 1;
  return a.firm.id - b.firm.id;
}
