// Alert rules (pure): which alerts a firm's new score calls for, and what
// to do given the alert already open for the same firm and rule.
//
// Rules: one per hard trigger (major public opinion, collective action,
// collective wage petition, overdue order to pay wages) and `risk_level`,
// raised when the score's own level is yellow or above and no alert covers
// its episode (episodeCovered). Dedup follows Alertmanager's
// fingerprints but keeps history: one open alert per firm and rule; new
// evidence updates it, a higher level escalates it, a lower one never
// closes it. A trigger alert that was closed is not raised again for the
// same record (its fingerprint), only for a new one.

import type { FirmScore, HardTrigger, Level, TriggerKind } from './scoring/index.ts';

export type AlertRule = TriggerKind | 'risk_level' | 'credit_objection_overdue' | 'credit_clock_due' | 'coverage_gap';
export type AlertCategory = 'opinion' | 'labor';

export const LEVEL_RANK: Readonly<Record<Level, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };
export const rankOf = (l: Level | null | undefined): number => (l ? LEVEL_RANK[l] : 0);

export const LEVEL_ZH: Readonly<Record<Level, string>> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
export const RULE_ZH: Readonly<Record<AlertRule, string>> = {
  major_opinion: '重大舆情',
  collective_action: '集体行动',
  collective_wage_petition: '集体欠薪信访',
  overdue_wage_order: '逾期未支付工资',
  risk_level: '风险等级上升',
  credit_objection_overdue: '信用异议处理超时',
  credit_clock_due: '信用惩戒法定期限将届满',
  coverage_gap: '无人值班',
};

export interface EvidenceLink {
  source: string;
  id: string | number;
  recordId?: string;
  date: string;
}

export interface AlertCandidate {
  rule: AlertRule;
  level: Level;
  category: AlertCategory;
  /** What the alert is about: the firing record for triggers, the level for risk_level. */
  fingerprint: string;
  title: string;
  evidence: EvidenceLink[];
  /** risk_level only: the score level rose with this result. */
  rose?: boolean;
}

export interface AlertRuleOptions {
  /** risk_level alerts from this level up (default yellow; blue is for watching, not for waking people). */
  minLevel: Level;
}

export const DEFAULT_ALERT_RULES: AlertRuleOptions = { minLevel: 'yellow' };

const evidenceOf = (s: FirmScore, n = 5): EvidenceLink[] =>
  s.contributions
    .slice(0, n)
    .map((c) =>
      c.recordId === undefined
        ? { source: c.source, id: c.id, date: c.date }
        : { source: c.source, id: c.id, recordId: c.recordId, date: c.date },
    );

/**
 * A trigger's alert carries the firm's level when the score is higher than
 * the trigger's floor (a collective wage petition at a firm already red is
 * a red alert), so the score's own alert is inhibited rather than doubled.
 */
function fromTrigger(firmName: string, t: HardTrigger, s: FirmScore): AlertCandidate {
  const level = rankOf(s.scoreLevel) > rankOf(t.level) ? s.scoreLevel! : t.level;
  const link: EvidenceLink =
    t.recordId === undefined
      ? { source: t.source, id: t.id, date: t.date }
      : { source: t.source, id: t.id, recordId: t.recordId, date: t.date };
  return {
    rule: t.kind,
    level,
    // Collective action seen in the news goes to opinion response (same day); in petitions, to labor.
    category:
      t.kind === 'major_opinion' || (t.kind === 'collective_action' && t.source === 'opinion') ? 'opinion' : 'labor',
    fingerprint: `${t.source}:${String(t.id)}`,
    title: `【${LEVEL_ZH[level]}预警·${RULE_ZH[t.kind]}】${firmName}：${t.why.text}`,
    evidence: [
      link,
      ...evidenceOf(s).filter((e) => !(e.source === link.source && String(e.id) === String(link.id))),
    ].slice(0, 5),
  };
}

/**
 * The alerts a score calls for. `previousScoreLevel` is the firm's score
 * level before this result (null: none or never scored); risk_level fires
 * only on a rise to minLevel or above.
 */
export function alertCandidates(
  firmName: string,
  score: FirmScore,
  previousScoreLevel: Level | null,
  opts: AlertRuleOptions = DEFAULT_ALERT_RULES,
): AlertCandidate[] {
  const out = score.triggers.map((t) => fromTrigger(firmName, t, score));
  const lv = score.scoreLevel;
  if (lv !== null && rankOf(lv) >= rankOf(opts.minLevel)) {
    out.push({
      rule: 'risk_level',
      level: lv,
      category: 'labor',
      fingerprint: `level:${lv}`,
      title: `【${LEVEL_ZH[lv]}预警·${RULE_ZH.risk_level}】${firmName}：风险分 ${score.score.toFixed(1)}`,
      evidence: evidenceOf(score),
      rose: rankOf(lv) > rankOf(previousScoreLevel),
    });
  }
  return out;
}

export interface OpenAlert {
  level: Level;
  fingerprint: string;
  score: number;
}

export type AlertDecision = { kind: 'raise' } | { kind: 'update'; levelRaised: boolean } | { kind: 'none' };

/** What the firm's alert history says about a candidate with no open alert for its rule. */
export interface AlertHistory {
  /** Triggers: an alert for the same firm, rule and record (fingerprint) exists, open or closed. */
  fingerprintSeen: boolean;
  /** risk_level: the current episode at this level is already covered (see episodeCovered). */
  covered: boolean;
}

/**
 * What to do with a candidate, given the open alert for the same firm and
 * rule (if any), the firm's alert history and its new score. The decision
 * is driven by state, not by change alone: a firm at a level, or with an
 * active hard trigger, that has no open alert for it gets one whatever run
 * set its level (a run with --no-alerts, a crash between storing a score
 * and evaluating it) unless a person already closed one for the same
 * episode (risk_level) or the same record (triggers).
 */
export function decide(c: AlertCandidate, open: OpenAlert | null, history: AlertHistory, score: number): AlertDecision {
  if (open !== null) {
    if (rankOf(c.level) > rankOf(open.level)) return { kind: 'update', levelRaised: true };
    if (c.fingerprint !== open.fingerprint || score !== open.score) return { kind: 'update', levelRaised: false };
    return { kind: 'none' };
  }
  if (c.rule === 'risk_level') return c.rose || !history.covered ? { kind: 'raise' } : { kind: 'none' };
  return history.fingerprintSeen ? { kind: 'none' } : { kind: 'raise' };
}

/** A past alert of the firm, as the episode rule reads it. */
export interface PastAlert {
  level: Level;
  raisedAt: Date;
  /** When a person (or the system) closed it; null while open. */
  closedAt: Date | null;
}

/**
 * The episode rule for risk_level. The firm's episode at level L began
 * with the first stored result at L or above after its last result below L
 * (`episodeStart`). The episode is covered when some alert of the firm (its
 * risk_level alert or a hard-trigger alert, which inhibits it) stood at L or
 * above and was still open at or after that start: people have seen the
 * firm at this level in this episode, so an alert they closed is not raised
 * again every sweep. A new episode (the level fell below L and came back,
 * or rose above it) is not covered, and a firm whose level was set while
 * alerts were off (or lost in a crash) has no covering alert, so it gets one.
 */
export function episodeCovered(level: Level, episodeStart: Date, alerts: readonly PastAlert[]): boolean {
  return alerts.some(
    (a) => rankOf(a.level) >= rankOf(level) && (a.closedAt === null || a.closedAt.getTime() >= episodeStart.getTime()),
  );
}

/**
 * Inhibition (as in Alertmanager): a risk_level alert adds nothing while the
 * firm has a hard-trigger alert open at the same level or higher: the
 * trigger already says why, and one event should page people once.
 */
export function inhibited(c: AlertCandidate, openTriggerLevels: readonly Level[]): boolean {
  return c.rule === 'risk_level' && openTriggerLevels.some((l) => rankOf(l) >= rankOf(c.level));
}
