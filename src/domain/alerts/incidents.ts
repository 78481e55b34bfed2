// Incidents (pure): alerts that share a cause are one event and page people
// once, as Alertmanager's group_by with group_wait / group_interval, but
// durable. An alert's group keys name its causes: its firm, the story of
// the feed item that fired it (every reprint of a story has the same
// story), the petition that fired it, and the partners whose risk lifted a
// platform. A new alert joins the oldest open incident that shares a key
// and had an alert within the window (group_interval); otherwise it opens
// one and is its lead: the lead alone pages people and carries the
// escalation chain. A later alert updates its incident without paging,
// unless it raises the incident's level. group_wait is 0 for every level:
// the alerts of one evaluation are grouped before anything is sent, and a
// red alert must reach people at once (bench:alerts, import → first
// notification p99 ≤ 2 s).

import type { Level } from '../scoring/types.ts';

const RANK: Readonly<Record<Level, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };

export interface IncidentConfig {
  /** How long after its latest alert an incident still takes new ones (group_interval). */
  windowMinutes: number;
}

export const DEFAULT_INCIDENT_CONFIG: IncidentConfig = { windowMinutes: 6 * 60 };

/** What an alert's causes are, as the alert rules and the stored records tell them. */
export interface CauseInput {
  firmId: number;
  /** The record that fired a trigger alert: a feed item (with its story) or a petition. */
  trigger?:
    | { source: 'opinion'; storyId: number }
    | { source: 'petition' | 'inspection'; id: string | number }
    | undefined;
  /** Partner firms whose risk contributed to a platform's score. */
  partnerFirmIds?: readonly number[];
}

/** The group keys of an alert, sorted and unique. */
export function groupKeys(c: CauseInput): string[] {
  const keys = [`firm:${c.firmId}`];
  if (c.trigger?.source === 'opinion') keys.push(`story:${c.trigger.storyId}`);
  else if (c.trigger) keys.push(`${c.trigger.source}:${String(c.trigger.id)}`);
  for (const p of c.partnerFirmIds ?? []) keys.push(`firm:${p}`);
  return [...new Set(keys)].sort();
}

/** The feed item id of an `opinion:<id>` fingerprint, or null. */
export function opinionItemOf(fingerprint: string): number | null {
  const m = /^opinion:(\d+)$/.exec(fingerprint);
  return m ? Number(m[1]) : null;
}

export interface OpenIncident {
  id: number;
  keys: readonly string[];
  level: Level;
  openedAt: Date;
  lastAlertAt: Date;
}

/**
 * The incident a new alert at `at` joins: the oldest open one that shares a
 * key with it and whose latest alert is within the window; null: it opens
 * a new incident.
 */
export function pickIncident(
  keys: readonly string[],
  open: readonly OpenIncident[],
  at: Date,
  config: IncidentConfig = DEFAULT_INCIDENT_CONFIG,
): OpenIncident | null {
  const from = at.getTime() - config.windowMinutes * 60_000;
  let best: OpenIncident | null = null;
  for (const inc of open) {
    if (inc.lastAlertAt.getTime() < from || inc.openedAt.getTime() > at.getTime()) continue;
    if (!inc.keys.some((k) => keys.includes(k))) continue;
    if (
      best === null ||
      inc.openedAt < best.openedAt ||
      (inc.openedAt.getTime() === best.openedAt.getTime() && inc.id < best.id)
    )
      best = inc;
  }
  return best;
}

export type Membership =
  /** Opens an incident: pages people, carries the chain. */
  | { kind: 'lead' }
  /** Joins one: recorded on the incident, pages nobody. */
  | { kind: 'member'; incidentId: number }
  /** Joins one at a higher level than it had: pages people as a lead would, and the incident takes its level. */
  | { kind: 'raises'; incidentId: number };

/** What a new alert at `level` does, given the incident it joins (pickIncident). */
export function membership(level: Level, joins: OpenIncident | null): Membership {
  if (joins === null) return { kind: 'lead' };
  return RANK[level] > RANK[joins.level]
    ? { kind: 'raises', incidentId: joins.id }
    : { kind: 'member', incidentId: joins.id };
}

/** The incident after an alert joined it. */
export function joined(inc: OpenIncident, keys: readonly string[], level: Level, at: Date): OpenIncident {
  return {
    ...inc,
    keys: [...new Set([...inc.keys, ...keys])].sort(),
    level: RANK[level] > RANK[inc.level] ? level : inc.level,
    lastAlertAt: at > inc.lastAlertAt ? at : inc.lastAlertAt,
  };
}
