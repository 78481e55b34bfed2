// A platform shares responsibility for the stations, franchisees and
// dispatch firms it works through (DOMAIN: 突出"合"字). Its score therefore
// includes a share of its partners' risk, on the score scale so the rule
// reads plainly: with the defaults, a platform with nothing of its own and
// one partner at 90 scores 0.5 × 90 = 45.
//
//   combined = s₁ + d·s₂ + d²·s₃ + …   (partners' own scores, largest first)
//   A        = min(maxPoints, share · combined)
//   platform = 100 − (100 − own)·(1 − A/100)
//
// The last line is the same as adding A's raw equivalent (−k·ln(1 − A/100))
// to the platform's raw points, so A becomes one more additive component.
// Partners are passed with their own scores (no affiliation of their own),
// which rules out cycles and double counting along chains of firms.

import { Invalid } from '../errors.ts';
import { assembleScore } from './assemble.ts';
import { formatDay, shanghaiDayOf } from './calendar.ts';
import { defaultModelConfig, type ModelConfig, modelVersion } from './config.ts';
import { partnerReason } from './explain.ts';
import { unsquash } from './math.ts';
import type { Contribution, FirmScore, PartnerScore } from './types.ts';

/** Partners with a positive score, each firm once, largest first (ties by id). */
function rankPartners(partners: readonly PartnerScore[]): PartnerScore[] {
  const best = new Map<string, PartnerScore>();
  for (const p of partners) {
    if (!(p.score > 0) || !Number.isFinite(p.score)) continue;
    const key = String(p.firmId);
    const cur = best.get(key);
    if (cur === undefined || p.score > cur.score) best.set(key, p);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (String(a.firmId) < String(b.firmId) ? -1 : 1));
}

/**
 * The platform's score with its partners' share added. Idempotent: any
 * affiliation already in `platformOwn` is replaced, not added to.
 */
export function applyAffiliation(
  platformOwn: FirmScore,
  partners: readonly PartnerScore[],
  config: ModelConfig = defaultModelConfig,
): FirmScore {
  const model = modelVersion(config);
  if (platformOwn.model !== model) {
    throw new Invalid(`applyAffiliation: the platform was scored with model ${platformOwn.model}, not ${model}`);
  }
  const a = config.affiliation;
  const ranked = rankPartners(partners);
  let combined = 0;
  let w = 1;
  const weights: number[] = [];
  for (const p of ranked) {
    weights.push(w);
    combined += w * Math.min(p.score, 100);
    w *= a.decay;
  }
  const points = Math.min(a.maxPoints, a.share * combined);
  const rawA = unsquash(points, config.squash.k);
  // Each partner carries the part of A its own term brought in.
  const scale = combined > 0 ? points / combined : 0;
  const date = formatDay(shanghaiDayOf(new Date(platformOwn.at)));
  const partnerRows: Contribution[] = ranked.map((p, i) => {
    const part = weights[i]! * Math.min(p.score, 100) * scale;
    return {
      source: 'partner',
      id: p.firmId,
      date,
      points: 0,
      raw: points > 0 ? (rawA * part) / points : 0,
      why: partnerReason(p.name, p.score, weights[i]! * scale),
    };
  });
  return assembleScore({
    config,
    model,
    at: platformOwn.at,
    rawComponents: { ...platformOwn.rawComponents, affiliation: rawA },
    contributions: [...platformOwn.contributions.filter((c) => c.source !== 'partner'), ...partnerRows],
    triggers: platformOwn.triggers,
  });
}
