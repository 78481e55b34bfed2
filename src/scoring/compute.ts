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
  type MentionEvidence,
  type ModelConfig,
  type PartnerScore,
  type RecordsPart,
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
  /** Its records part, for the firms asked for in ComputeInput.keepParts (stored, own-part.ts). */
  part?: RecordsPart;
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
  /** Firms whose records part to return (platforms: a later run may resume from it). */
  keepParts?: ReadonlySet<number>;
  /**
   * Firms scored from a stored records part that holds at `at` (the caller
   * checked partValidAt and that no record changed): only their mentions
   * are read.
   */
  fromParts?: {
    parts: ReadonlyMap<number, RecordsPart>;
    mentions: (firmIds: readonly number[]) => Promise<Map<number, readonly MentionEvidence[]>>;
  };
}

/**
 * The scores of input.firms, in input order. The next chunk's evidence is
 * requested while the current one is scored, so the database works while
 * the model computes.
 */
export async function computeScores(input: ComputeInput): Promise<ScoredFirm[]> {
  const scorer = createScorer(input.at, input.config);
  const counts = input.recordCounts;
  const parts = input.fromParts?.parts;
  const full = parts === undefined ? input.firms : input.firms.filter((f) => !parts.has(f.id));
  const chunks = planChunks(full, (id) => counts?.get(id) ?? 0, input.chunkLimits ?? DEFAULT_CHUNK_LIMITS);

  const own = new Map<number, FirmScore>();
  const kept = new Map<number, RecordsPart>();
  const keep = input.keepParts;
  const resumed = parts === undefined || parts.size === 0 ? undefined : input.fromParts!.mentions([...parts.keys()]);
  let next = chunks.length > 0 ? Promise.resolve(input.evidence(chunks[0]!)) : undefined;
  for (let k = 0; k < chunks.length; k++) {
    const evidence = await next!;
    next = k + 1 < chunks.length ? Promise.resolve(input.evidence(chunks[k + 1]!)) : undefined;
    for (const f of chunks[k]!) {
      const e = evidence.get(f.id) ?? NO_EVIDENCE;
      if (keep?.has(f.id)) {
        const r = scorer.scoreKeepingPart(e);
        own.set(f.id, r.score);
        kept.set(f.id, r.part);
      } else own.set(f.id, scorer.score(e));
    }
  }
  if (resumed !== undefined) {
    const mentions = await resumed;
    for (const [id, part] of parts!) own.set(id, scorer.scoreFromPart(part, mentions.get(id) ?? []));
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
    const part = kept.get(firm.id);
    return part === undefined
      ? { firm, score, ownScore: ownScore.score }
      : { firm, score, ownScore: ownScore.score, part };
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
