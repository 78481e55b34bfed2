// Turns the top-N buffer of a firm into contribution objects with reasons.
// Kept apart from the scoring loops because it is the only place that
// allocates per record, and it runs for at most contributionsLimit records.

import { shanghaiDate } from './calendar.ts';
import type { ModelConfig } from './config.ts';
import { inspectionReason, mentionReason, petitionReason, spikeReason } from './explain.ts';
import { credibilityOf, effectiveOrder, isCollective, stateAt } from './points.ts';
import { SRC_INSPECTION, SRC_KEPT, SRC_OPINION, SRC_PETITION, type TopList } from './top-list.ts';
import type { Contribution, FirmEvidence } from './types.ts';

/** What the spike reason reports: mentions in the window, the baseline rate, −log10 P. */
export interface SpikeFacts {
  recent: number;
  perDay: number;
  surprise: number;
}

export function explainTop(
  top: TopList,
  input: FirmEvidence,
  atDay: number,
  at: Date,
  config: ModelConfig,
  spike: SpikeFacts,
  /** The entries of a stored records part, for SRC_KEPT. */
  kept: readonly Contribution[] = [],
): Contribution[] {
  const out: Contribution[] = new Array(top.size);
  for (let k = 0; k < top.size; k++) {
    const i = top.index[k]!;
    const raw = top.raw[k]!;
    const src = top.source[k]!;
    if (src === SRC_INSPECTION) {
      const r = input.inspections[i]!;
      const order = effectiveOrder(r);
      const why = inspectionReason(r, order, stateAt(r, order, atDay), top.extra[k]!);
      out[k] = { source: 'inspection', id: r.id, recordId: r.recordId, date: r.date, points: 0, raw, why };
    } else if (src === SRC_PETITION) {
      const p = input.petitions[i]!;
      out[k] = {
        source: 'petition',
        id: p.id,
        recordId: p.recordId,
        date: p.received,
        points: 0,
        raw,
        why: petitionReason(p, isCollective(p, config.petition)),
      };
    } else if (src === SRC_OPINION) {
      const m = input.mentions[i]!;
      out[k] = {
        source: 'opinion',
        id: m.id,
        date: shanghaiDate(m.at),
        points: 0,
        raw,
        why: mentionReason(m, credibilityOf(m, config.opinion), m.copies?.filter((t) => t <= at.getTime()).length ?? 0),
      };
    } else if (src === SRC_KEPT) {
      out[k] = { ...kept[i]! };
    } else {
      const sp = config.opinion.spike;
      const why = spikeReason(spike.recent, spike.perDay, sp.windowHours, sp.baselineDays, spike.surprise);
      out[k] = { source: 'opinion', id: 'spike', date: shanghaiDate(at), points: 0, raw, why };
    }
  }
  return out;
}
