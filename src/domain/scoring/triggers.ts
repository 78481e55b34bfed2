// Hard triggers: facts that set a floor under the warning level whatever the
// score says, because the law or the bureau's own rules single them out
// (重大舆情不过夜; collective disputes, art. 7; unpaid wage orders, 人社部令第45号).
// They never change the score, only the level, so the score stays a faithful
// sum of its contributions.

import { countChainsOnce } from './chains.ts';
import {
  DAY_MS,
  optionalDay,
  recordedAfter,
  requireDay,
  requireInstant,
  shanghaiDate,
  shanghaiDayOf,
} from './calendar.ts';
import type { ModelConfig } from './config.ts';
import {
  collectiveActionTrigger,
  collectivePetitionTrigger,
  majorOpinionTrigger,
  overdueOrderTrigger,
} from './explain.ts';
import { effectiveOrder, isLocalMention, orderState } from './points.ts';
import type {
  EvidenceId,
  FirmEvidence,
  HardTrigger,
  InspectionEvidence,
  Level,
  MentionEvidence,
  PetitionEvidence,
} from './types.ts';
import { horizons } from './window.ts';

const RANK: Readonly<Record<Level, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };

/** The level of a score (already rounded as shown): red ≥ 80, orange ≥ 60, yellow ≥ 40, blue ≥ 20. */
export function levelOf(score: number, config: ModelConfig): Level | null {
  const l = config.levels;
  if (score >= l.red) return 'red';
  if (score >= l.orange) return 'orange';
  if (score >= l.yellow) return 'yellow';
  if (score >= l.blue) return 'blue';
  return null;
}

export function maxLevel(a: Level | null, b: Level | null): Level | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Whether arrears certainly reach the 拒不支付劳动报酬罪 amount line: one
 * worker owed the single-worker figure, or ≥ 10 workers owed the collective
 * figure in total. With 2–9 workers the split is unknown, so it says no.
 */
export function reachesCrimeAmount(
  workers: number | null,
  amount: number | null,
  t: ModelConfig['triggers']['overdueWageOrder'],
): boolean {
  if (amount === null) return false;
  const n = workers ?? 1;
  return (n <= 1 && amount >= t.crimeAmountSingle) || (n >= 10 && amount >= t.crimeAmountCollective);
}

export interface Best<R> {
  record: R;
  key: number;
  count: number;
}

/** The trigger state of a firm's inspections and petitions, as plain data (stored as JSON). */
export interface RecordTriggers {
  collective: Best<PetitionEvidence> | null;
  overdue: Best<InspectionEvidence> | null;
  actionPetition: Best<PetitionEvidence> | null;
}

// keep() updates a Best in place, so states are copied on the way in and out.
const copy = <R>(b: Best<R> | null): Best<R> | null => (b === null ? null : { ...b });

// Keeps the most recent record per kind (equal dates: the smaller id), so
// the answer does not depend on the order the records arrive in.
function keep<R extends { id: EvidenceId }>(best: Best<R> | null, record: R, key: number): Best<R> {
  if (best === null) return { record, key, count: 1 };
  best.count++;
  if (key > best.key || (key === best.key && String(record.id) < String(best.record.id))) {
    best.record = record;
    best.key = key;
  }
  return best;
}

/**
 * Collects triggers while the model walks the records, so dates are parsed
 * once. The model passes only records dated at or before `at` and inside
 * the horizon; the windows of each trigger are checked here.
 */
export class TriggerCollector {
  private major: Best<MentionEvidence> | null = null;
  private collective: Best<PetitionEvidence> | null = null;
  private overdue: Best<InspectionEvidence> | null = null;
  // Collective action: items keyed by instant, petitions by Shanghai day; the
  // more recent of the two reports it (both counted).
  private actionItem: Best<MentionEvidence> | null = null;
  private actionPetition: Best<PetitionEvidence> | null = null;
  private readonly majorFrom: number;
  private readonly actionFrom: number;

  constructor(
    private readonly config: ModelConfig,
    atMs: number,
    private readonly atDay: number,
  ) {
    this.majorFrom = atMs - config.triggers.majorOpinion.days * DAY_MS;
    this.actionFrom = atMs - config.triggers.collectiveAction.days * DAY_MS;
  }

  reset(): void {
    this.major = this.collective = this.overdue = this.actionItem = this.actionPetition = null;
  }

  /** What inspections and petitions left (a stored records part, own-part.ts); mentions add the rest. */
  recordsState(): RecordTriggers {
    return {
      collective: copy(this.collective),
      overdue: copy(this.overdue),
      actionPetition: copy(this.actionPetition),
    };
  }

  /** Starts a firm from a records state instead of from nothing. */
  restore(s: RecordTriggers): void {
    this.reset();
    this.collective = copy(s.collective);
    this.overdue = copy(s.overdue);
    this.actionPetition = copy(s.actionPetition);
  }

  mention(m: MentionEvidence, ms: number): void {
    if (!isLocalMention(m)) return; // elsewhere and national items never trigger (issue 14)
    if (m.major && ms > this.majorFrom) this.major = keep(this.major, m, ms);
    if (
      ms > this.actionFrom &&
      m.maxSeverity > 0 &&
      (m.collective === true || (m.people ?? 0) >= this.config.triggers.collectiveAction.minPeople)
    ) {
      this.actionItem = keep(this.actionItem, m, ms);
    }
  }

  petition(p: PetitionEvidence, day: number): void {
    if (p.petitioners < this.config.petition.collectiveThreshold) return;
    if (optionalDay(p.closed, 'closed', p.id) <= this.atDay) return;
    // A wage-arrears petition has its own rule; any other collective one (封号, 扣款 …) is collective action.
    if (p.categories.includes('wage_arrears')) {
      if (this.atDay - day < this.config.triggers.collectiveWagePetition.days)
        this.collective = keep(this.collective, p, day);
    } else if (this.atDay - day < this.config.triggers.collectiveAction.petitionDays) {
      this.actionPetition = keep(this.actionPetition, p, day);
    }
  }

  private collectiveAction(): HardTrigger | null {
    const item = this.actionItem;
    const pet = this.actionPetition;
    if (item === null && pet === null) return null;
    const level = this.config.triggers.collectiveAction.level;
    const count = (item?.count ?? 0) + (pet?.count ?? 0);
    const itemDay = item ? shanghaiDate(item.record.at) : '';
    if (pet !== null && (item === null || pet.record.received > itemDay)) {
      const p = pet.record;
      return {
        kind: 'collective_action',
        level,
        source: 'petition',
        id: p.id,
        recordId: p.recordId,
        date: p.received,
        count,
        why: collectiveActionTrigger(p),
      };
    }
    const m = item!.record;
    return {
      kind: 'collective_action',
      level,
      source: 'opinion',
      id: m.id,
      date: itemDay,
      count,
      why: collectiveActionTrigger(m),
    };
  }

  /** An inspection whose effective order is 'pay' and whose state as of `at` is 'overdue'. */
  overduePayOrder(r: InspectionEvidence, day: number, dueDay: number): void {
    // The window runs from the deadline: that is when non-payment became defiance of the order.
    const since = Number.isNaN(dueDay) ? day : dueDay;
    if (this.atDay - since < this.config.triggers.overdueWageOrder.days) this.overdue = keep(this.overdue, r, since);
  }

  /** Strongest first. */
  result(): HardTrigger[] {
    const t = this.config.triggers;
    const out: HardTrigger[] = [];
    if (this.major !== null) {
      const m = this.major.record;
      out.push({
        kind: 'major_opinion',
        level: t.majorOpinion.level,
        source: 'opinion',
        id: m.id,
        date: shanghaiDate(m.at),
        count: this.major.count,
        why: majorOpinionTrigger(m),
      });
    }
    const action = this.collectiveAction();
    if (action !== null) out.push(action);
    if (this.collective !== null) {
      const p = this.collective.record;
      out.push({
        kind: 'collective_wage_petition',
        level: t.collectiveWagePetition.level,
        source: 'petition',
        id: p.id,
        recordId: p.recordId,
        date: p.received,
        count: this.collective.count,
        why: collectivePetitionTrigger(p),
      });
    }
    if (this.overdue !== null) {
      const r = this.overdue.record;
      out.push({
        kind: 'overdue_wage_order',
        level: t.overdueWageOrder.level,
        source: 'inspection',
        id: r.id,
        recordId: r.recordId,
        date: r.date,
        count: this.overdue.count,
        why: overdueOrderTrigger(r, reachesCrimeAmount(r.workers, r.amount, t.overdueWageOrder)),
      });
    }
    // Stable sort: equal levels keep the kind order above.
    return out.length > 1 ? out.sort((a, b) => RANK[b.level] - RANK[a.level]) : out;
  }
}

/** The hard triggers that hold at `at`, strongest first; nothing dated after `at` counts. */
export function evaluateTriggers(evidence: FirmEvidence, at: Date, config: ModelConfig): HardTrigger[] {
  const atMs = requireInstant(at, 'at');
  const atDay = shanghaiDayOf(at);
  const input = countChainsOnce(evidence, atDay, atMs);
  const h = horizons(config);
  const c = new TriggerCollector(config, atMs, atDay);
  const seen = new Set<unknown>(); // one item counts once, as in the score
  for (const m of input.mentions) {
    const ms = requireInstant(m.at, 'at', m.id);
    if (ms > atMs || atMs - ms > h.opinionMs || seen.has(m.id)) continue;
    seen.add(m.id);
    c.mention(m, ms);
  }
  for (const p of input.petitions) {
    const day = requireDay(p.received, 'received', p.id);
    if (day <= atDay && atDay - day <= h.petitionDays && !recordedAfter(p.at, atMs)) c.petition(p, day);
  }
  for (const r of input.inspections) {
    const day = requireDay(r.date, 'date', r.id);
    if (day > atDay || atDay - day > h.inspectionDays || recordedAfter(r.at, atMs)) continue;
    const order = effectiveOrder(r);
    if (order !== 'pay') continue;
    const dueDay = optionalDay(r.due, 'due', r.id);
    if (orderState(r, order, atDay, dueDay, optionalDay(r.rectified, 'rectified', r.id)) === 'overdue')
      c.overduePayOrder(r, day, dueDay);
  }
  return c.result();
}
