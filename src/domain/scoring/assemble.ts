// Turns raw points into the published score. Raw points add up across
// records and sources; squashing does not distribute over a sum, so the
// score is split back onto the sources (and records) in proportion to their
// raw points: part_i = score · raw_i / raw. Proportional shares are the only
// split that keeps every part's rank and still adds up exactly to the score.

import type { ModelConfig } from './config.ts';
import { apportion, round, squash } from './math.ts';
import { levelOf, maxLevel } from './triggers.ts';
import type { Components, Contribution, ContributionSource, FirmScore, HardTrigger } from './types.ts';

const SOURCE_ORDER: Readonly<Record<ContributionSource, number>> = {
  inspection: 0,
  petition: 1,
  opinion: 2,
  partner: 3,
};

function byWeight(a: Contribution, b: Contribution): number {
  if (b.raw !== a.raw) return b.raw - a.raw;
  const s = SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source];
  if (s !== 0) return s;
  const ia = String(a.id);
  const ib = String(b.id);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

export interface AssembleInput {
  config: ModelConfig;
  model: string;
  at: string;
  rawComponents: Components;
  /** Candidates with `raw` set; `points` is filled in here. */
  contributions: Contribution[];
  triggers: HardTrigger[];
}

export function assembleScore(x: AssembleInput): FirmScore {
  const rc = x.rawComponents;
  const raw = rc.inspections + rc.petitions + rc.opinion + rc.affiliation;
  const score = round(squash(raw, x.config.squash.k), 1);
  // Largest remainder, so the four 1-decimal parts add up to the shown score.
  const [inspections = 0, petitions = 0, opinion = 0, affiliation = 0] = apportion(
    score,
    [rc.inspections, rc.petitions, rc.opinion, rc.affiliation],
    1,
  );
  const kept = x.contributions.filter((c) => c.raw > 0).sort(byWeight);
  const n = Math.min(kept.length, x.config.contributionsLimit);
  const contributions: Contribution[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = kept[i]!;
    const points = raw > 0 ? round((score * c.raw) / raw, 2) : 0;
    contributions[i] =
      c.recordId === undefined
        ? { source: c.source, id: c.id, date: c.date, points, raw: c.raw, why: c.why }
        : { source: c.source, id: c.id, recordId: c.recordId, date: c.date, points, raw: c.raw, why: c.why };
  }
  const scoreLevel = levelOf(score, x.config);
  let level = scoreLevel;
  for (const t of x.triggers) level = maxLevel(level, t.level);
  return {
    at: x.at,
    model: x.model,
    score,
    level,
    scoreLevel,
    raw,
    rawComponents: { ...rc },
    components: { inspections, petitions, opinion, affiliation },
    contributions,
    triggers: x.triggers,
    flags: {
      majorOpinion: x.triggers.some((t) => t.kind === 'major_opinion'),
      creditCandidate: x.triggers.some((t) => t.kind === 'overdue_wage_order'),
    },
  };
}
