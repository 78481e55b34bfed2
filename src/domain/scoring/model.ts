// The risk model: raw points per record (points.ts) × time decay, summed per
// source, plus an opinion-spike bonus; squashed to 0–100 and explained by
// the records that weigh most. Pure and deterministic: `at` is the only
// clock, and nothing dated after it is read.
//
// Speed matters (20,000 firms, 1,000,000 records per run), so createScorer
// precomputes the decay tables once per config, and the scorer reuses its
// scratch arrays, top-N buffer and trigger collector across firms: the
// per-record loops allocate nothing, dates are parsed once, and objects
// with reasons are built only for the few records that make the top list.

import { DAY_MS, optionalDay, recordedAfter, requireDay, requireInstant, shanghaiDayOf } from './calendar.ts';
import { assembleScore } from './assemble.ts';
import { countChainsOnce } from './chains.ts';
import { defaultModelConfig, type ModelConfig, modelVersion } from './config.ts';
import { explainTop, type SpikeFacts } from './contributions.ts';
import { decayTable, poissonSurprise } from './math.ts';
import {
  effectiveOrder,
  inspectionFactor,
  isLocalMention,
  mentionPoints,
  orderState,
  petitionPoints,
  reachFactor,
  repeatFactor,
  violationBase,
} from './points.ts';
import { SRC_INSPECTION, SRC_KEPT, SRC_OPINION, SRC_PETITION, SRC_SPIKE, TopList } from './top-list.ts';
import { capturePart, NO_SPIKE, partValidAt, type RecordsPart } from './own-part.ts';
import { Invalid } from '../errors.ts';
import { TriggerCollector } from './triggers.ts';
import type { Contribution, FirmEvidence, FirmScore, MentionEvidence } from './types.ts';
import { type Horizons, horizons } from './window.ts';

export { applyAffiliation } from './affiliation.ts';

interface Tables {
  h: Horizons;
  inspectionDecay: Float64Array;
  petitionDecay: Float64Array;
}

// Configs are immutable values (defaultModelConfig is frozen), so tables can
// be cached per config object.
const tableCache = new WeakMap<ModelConfig, Tables>();

function tablesFor(c: ModelConfig): Tables {
  let t = tableCache.get(c);
  if (t === undefined) {
    const h = horizons(c);
    t = {
      h,
      inspectionDecay: decayTable(c.halfLifeDays.inspections, h.inspectionDays),
      petitionDecay: decayTable(c.halfLifeDays.petitions, h.petitionDays),
    };
    tableCache.set(c, t);
  }
  return t;
}

/** lower bound: first index in sorted a[0..n) with a[i] >= x. */
function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Scorer {
  readonly at: Date;
  readonly model: string;
  score(input: FirmEvidence): FirmScore;
  /** The score, and the part of it its inspections and petitions make (own-part.ts), for scoreFromPart later. */
  scoreKeepingPart(input: FirmEvidence): { score: FirmScore; part: RecordsPart };
  /** The score from a stored records part and the firm's mentions: equal to score() when partValidAt holds. */
  scoreFromPart(part: RecordsPart, mentions: readonly MentionEvidence[]): FirmScore;
}

/** A scorer for one instant and config; use it for a whole run (fast path). */
export function createScorer(at: Date, config: ModelConfig = defaultModelConfig): Scorer {
  const atMs = requireInstant(at, 'at');
  const atDay = shanghaiDayOf(at);
  const atIso = new Date(atMs).toISOString();
  const model = modelVersion(config);
  const { h, inspectionDecay, petitionDecay } = tablesFor(config);
  const ci = config.inspection;
  const cp = config.petition;
  const co = config.opinion;
  const sp = co.spike;
  const opinionRate = Math.LN2 / config.halfLifeDays.opinion / DAY_MS;
  const windowStart = atMs - sp.windowHours * 3_600_000;
  const baselineStart = windowStart - sp.baselineDays * DAY_MS;
  const top = new TopList(config.contributionsLimit);
  const triggers = new TriggerCollector(config, atMs, atDay);
  // Scratch space reused across firms; grown to the largest firm seen.
  let days = new Float64Array(64);
  let bases = new Float64Array(64);
  let violating = new Float64Array(64);
  let nationalIdx = new Int32Array(16);
  let nationalPts = new Float64Array(16);
  const seen = new Set<unknown>();

  /** Inspections and petitions: their raw points, top-list offers and triggers. */
  function recordsPhase(input: FirmEvidence): { rawI: number; rawP: number } {
    const ins = input.inspections;
    const n = ins.length;
    if (n > days.length) {
      days = new Float64Array(n * 2);
      bases = new Float64Array(n * 2);
      violating = new Float64Array(n * 2);
    }
    let nv = 0;
    for (let i = 0; i < n; i++) {
      const r = ins[i]!;
      const day = requireDay(r.date, 'date', r.id);
      days[i] = day;
      bases[i] = 0;
      if (day > atDay || atDay - day > h.inspectionDays || recordedAfter(r.at, atMs)) continue;
      const b = violationBase(r.violations, ci.violationWeights);
      bases[i] = b;
      if (b > 0) violating[nv++] = day;
      else if (r.order === 'pay') bases[i] = -1; // nothing found, yet an order to pay: trigger check only
    }
    if (nv > 1) violating.subarray(0, nv).sort();
    let rawI = 0;
    for (let i = 0; i < n; i++) {
      const b = bases[i]!;
      if (b === 0) continue;
      const r = ins[i]!;
      const day = days[i]!;
      const order = effectiveOrder(r);
      const dueDay = order === 'none' ? Number.NaN : optionalDay(r.due, 'due', r.id);
      const state =
        order === 'none' ? 'none' : orderState(r, order, atDay, dueDay, optionalDay(r.rectified, 'rectified', r.id));
      if (order === 'pay' && state === 'overdue') triggers.overduePayOrder(r, day, dueDay);
      if (b < 0) continue;
      const prior = nv > 1 ? lowerBound(violating, nv, day) - lowerBound(violating, nv, day - ci.repeat.windowDays) : 0;
      const pts =
        b * inspectionFactor(r, order, state, ci) * repeatFactor(prior, ci.repeat) * inspectionDecay[atDay - day]!;
      rawI += pts;
      top.offer(pts, SRC_INSPECTION, i, prior);
    }

    let rawP = 0;
    const pets = input.petitions;
    for (let i = 0; i < pets.length; i++) {
      const p = pets[i]!;
      const day = requireDay(p.received, 'received', p.id);
      const age = atDay - day;
      if (age < 0 || age > h.petitionDays || recordedAfter(p.at, atMs)) continue;
      triggers.petition(p, day);
      const pts = petitionPoints(p, cp) * petitionDecay[age]!;
      rawP += pts;
      top.offer(pts, SRC_PETITION, i, 0);
    }

    return { rawI, rawP };
  }

  /** Mentions: raw opinion points with the spike bonus, top-list offers and triggers. */
  function mentionsPhase(ms: readonly MentionEvidence[]): { rawO: number; spike: SpikeFacts } {
    let rawO = 0;
    let rawNational = 0;
    let nn = 0;
    let recentRaw = 0;
    let recent = 0;
    let baseline = 0;
    // The caller should pass one mention per item; the Set guards against a repeat.
    const dedupe = ms.length > 1;
    if (dedupe) seen.clear();
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      const t = requireInstant(m.at, 'at', m.id);
      if (t > atMs || atMs - t > h.opinionMs) continue;
      if (dedupe) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
      }
      triggers.mention(m, t);
      const local = isLocalMention(m);
      // The burst counts local risk-bearing mentions only: eight neutral
      // finance paragraphs in a day are not a burst of trouble, nor is news
      // from elsewhere or national news (issue 14). The baseline counts every
      // local mention (how often the firm is in the news at all), so raising
      // a severity can never move the baseline and lower the score.
      const isRecent = local && t > windowStart;
      if (isRecent) {
        if (m.maxSeverity > 0) recent++;
      } else if (local && t > baselineStart) baseline++;
      let pts = mentionPoints(m, co) * Math.exp(-(atMs - t) * opinionRate) * reachFactor(m, atMs, co.reach);
      if (pts === 0) continue;
      if (m.place === 'elsewhere') pts *= co.place.elsewhereFactor;
      else if (m.place === 'national') {
        // National items about a platform form their own signal, capped below.
        if (nn === nationalIdx.length) {
          nationalIdx = Int32Array.from({ length: nn * 2 }, (_, k) => nationalIdx[k] ?? 0);
          nationalPts = Float64Array.from({ length: nn * 2 }, (_, k) => nationalPts[k] ?? 0);
        }
        nationalIdx[nn] = i;
        nationalPts[nn++] = pts;
        rawNational += pts;
        continue;
      }
      rawO += pts;
      if (isRecent) recentRaw += pts;
      top.offer(pts, SRC_OPINION, i, 0);
    }
    if (rawNational > 0) {
      const scale = rawNational > co.place.nationalCap ? co.place.nationalCap / rawNational : 1;
      rawO += rawNational * scale;
      for (let k = 0; k < nn; k++) top.offer(nationalPts[k]! * scale, SRC_OPINION, nationalIdx[k]!, 0);
    }
    let surprise = 0;
    let perDay = 0;
    if (recent >= sp.minCount && recentRaw > 0 && sp.gain > 0) {
      perDay = baseline / sp.baselineDays;
      surprise = poissonSurprise(recent, (Math.max(sp.minBaselinePerDay, perDay) * sp.windowHours) / 24);
      const bonus = ((sp.gain * Math.min(surprise, sp.maxSurprise)) / sp.maxSurprise) * recentRaw;
      rawO += bonus;
      top.offer(bonus, SRC_SPIKE, -1, recent);
    }

    return { rawO, spike: { recent, perDay, surprise } };
  }

  function assemble(rawI: number, rawP: number, rawO: number, contributions: Contribution[]): FirmScore {
    return assembleScore({
      config,
      model,
      at: atIso,
      rawComponents: { inspections: rawI, petitions: rawP, opinion: rawO, affiliation: 0 },
      contributions,
      triggers: triggers.result(),
    });
  }

  function score(evidence: FirmEvidence): FirmScore {
    const input = countChainsOnce(evidence, atDay, atMs);
    top.reset();
    triggers.reset();
    const { rawI, rawP } = recordsPhase(input);
    const { rawO, spike } = mentionsPhase(input.mentions);
    return assemble(rawI, rawP, rawO, explainTop(top, input, atDay, at, config, spike));
  }

  function scoreKeepingPart(evidence: FirmEvidence): { score: FirmScore; part: RecordsPart } {
    const input = countChainsOnce(evidence, atDay, atMs);
    top.reset();
    triggers.reset();
    const { rawI, rawP } = recordsPhase(input);
    const part = capturePart(
      model,
      atMs,
      atDay,
      rawI,
      rawP,
      explainTop(top, input, atDay, at, config, NO_SPIKE),
      triggers,
    );
    const { rawO, spike } = mentionsPhase(input.mentions);
    return { score: assemble(rawI, rawP, rawO, explainTop(top, input, atDay, at, config, spike)), part };
  }

  function scoreFromPart(part: RecordsPart, mentions: readonly MentionEvidence[]): FirmScore {
    if (!partValidAt(part, model, atMs, atDay))
      throw new Invalid('scoreFromPart: the stored part does not hold at this instant');
    top.reset();
    triggers.restore(part.triggers);
    // Offered in list order, the kept entries rebuild the very list the records phase left.
    for (let k = 0; k < part.top.length; k++) top.offer(part.top[k]!.raw, SRC_KEPT, k, 0);
    const { rawO, spike } = mentionsPhase(mentions);
    const input: FirmEvidence = { inspections: [], petitions: [], mentions };
    return assemble(part.rawI, part.rawP, rawO, explainTop(top, input, atDay, at, config, spike, part.top));
  }

  return { at: new Date(atMs), model, score, scoreKeepingPart, scoreFromPart };
}

/** The score of one firm at `at`. For many firms, createScorer once and reuse it. */
export function scoreFirm(input: FirmEvidence, at: Date, config: ModelConfig = defaultModelConfig): FirmScore {
  return createScorer(at, config).score(input);
}
