// The alert lifecycle as states and moves (pure), beside credit's
// (src/domain/credit/states.ts): open → acknowledged → in_progress →
// resolved | dismissed. The one definition of which statuses are "open";
// SQL that cannot import it spells it with OPEN_STATUS_SQL.

export const ALERT_STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Statuses in which an alert still wants work (one such alert per firm and rule). */
export const OPEN_STATUSES = ['open', 'acknowledged', 'in_progress'] as const satisfies readonly AlertStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export const isOpenStatus = (status: string): status is OpenStatus =>
  (OPEN_STATUSES as readonly string[]).includes(status);

/** The open statuses as a SQL list literal, for raw SQL and index predicates: ('open','acknowledged','in_progress'). */
export const OPEN_STATUS_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(',')})`;

export const ALERT_TRANSITIONS = ['ack', 'start', 'resolve', 'dismiss'] as const;
export type Transition = (typeof ALERT_TRANSITIONS)[number];

export type AlertEventKind = 'alert.raised' | 'alert.escalated' | 'alert.acknowledged' | 'alert.resolved';

/** Where each move may start, where it leads, the event it sends (if any) and its timeline kind. */
export const ALERT_MOVES: Readonly<
  Record<
    Transition,
    {
      from: readonly AlertStatus[];
      to: Exclude<AlertStatus, 'open'>;
      event: AlertEventKind | null;
      kind: 'acknowledged' | 'in_progress' | 'resolved' | 'dismissed';
    }
  >
> = {
  ack: { from: ['open'], to: 'acknowledged', event: 'alert.acknowledged', kind: 'acknowledged' },
  start: { from: ['open', 'acknowledged'], to: 'in_progress', event: null, kind: 'in_progress' },
  resolve: { from: OPEN_STATUSES, to: 'resolved', event: 'alert.resolved', kind: 'resolved' },
  dismiss: { from: OPEN_STATUSES, to: 'dismissed', event: 'alert.resolved', kind: 'dismissed' },
};

/** Whether `t` may be applied to an alert in `status`. */
export const canMove = (status: string, t: Transition): boolean =>
  (ALERT_MOVES[t].from as readonly string[]).includes(status);

export const isClosingMove = (t: Transition): boolean =>
  ALERT_MOVES[t].to === 'resolved' || ALERT_MOVES[t].to === 'dismissed';

export const DISMISS_REASONS = [
  'false_positive',
  'duplicate',
  'not_labor_risk',
  'outside_jurisdiction',
  'other',
] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];
