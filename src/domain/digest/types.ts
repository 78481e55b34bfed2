// The weekly digest's content: what the loader reads from the database
// (DigestInput, every figure already "as of the end of the week") and what
// the renderers show (DigestContent, with changes and rates derived here).

import type { DispositionCount } from './dispositions.ts';

export type Level = 'red' | 'orange' | 'yellow' | 'blue';

export const HEADLINE_KEYS = [
  'alerts_red',
  'alerts_orange',
  'alerts_yellow',
  'alerts_blue',
  'major_opinion',
  'firms_red',
  'firms_orange',
  'records_inspections',
  'records_petitions',
  'records_opinion',
  'collective_petitions',
] as const;
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];

export const SERIES_WEEKS = 12;

export interface TopFirmInput {
  firmId: number;
  name: string;
  uscc: string | null;
  sector: string;
  street: string | null;
  score: number;
  /** The score as of the end of the previous week; null when it had none. */
  previousScore: number | null;
  level: Level | null;
  /** The reasons as stored (Chinese sentences). */
  reasons: string[];
  /** Their stable keys, in the same order, for readers of other languages (absent in digests stored before). */
  reasonKeys?: string[];
}

export interface BreakdownRow {
  key: string;
  /** New alerts of the week. */
  alerts: number;
  /** Firms at red or orange at the end of the week. */
  redOrange: number;
}

/** Petitions received in the week by channel (code; null: not given). */
export interface ChannelCount {
  channel: string | null;
  petitions: number;
}

export interface MajorOpinionAlert {
  alertId: number;
  firm: string;
  /** The stored (Chinese) title; other languages name the alert by its level, rule and firm. */
  title: string;
  /** Absent in digests stored before. */
  level?: Level;
  raisedAt: string;
  /** The handling deadline (null: the end of the Shanghai day it was raised). */
  handleDueAt: string | null;
  /** When it was closed, if before the end of the week. */
  closedAt: string | null;
}

export interface FeedHealthRow {
  name: string;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface NotableItem {
  title: string;
  link: string | null;
  feed: string;
  severity: number;
  major: boolean;
  at: string;
  firms: string[];
}

/** The credit-list moves the digest counts: into these states, from another. */
export const CREDIT_KINDS = ['candidate', 'proposed', 'listed', 'removed'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** One move of a credit case during the week (from its history row). */
export interface CreditEntry {
  caseId: number;
  firm: string;
  uscc: string | null;
  kind: CreditKind;
  at: string;
  /** Listing: the decision number; removal: early | expiry | revoked. */
  decisionNo: string | null;
  removalKind: 'early' | 'expiry' | 'revoked' | null;
}

export interface CreditInput {
  /** Cases that moved into each state during the week, and during the week before. */
  week: Record<CreditKind, number>;
  previous: Record<CreditKind, number>;
  /** At the end of the week: cases on the list, and cases still in the procedure (candidate … approved). */
  listedAtEnd: number;
  inProcedureAtEnd: number;
  /** The week's moves in time order, at most `entriesShown`; `entriesTotal` counts them all. */
  entries: CreditEntry[];
  entriesTotal: number;
}

export interface DigestInput {
  week: string;
  firstDay: string;
  lastDay: string;
  /** The end of the week: every figure is as of this instant. */
  asOf: string;
  /** null: the whole deployment. */
  district: string | null;
  /** 'street' inside a district, 'district' for the whole deployment. */
  areaKind: 'street' | 'district';
  /** The 12 weeks of the series, oldest first; the last is this week. */
  weeks: string[];
  series: Record<HeadlineKey, number[]>;
  topFirms: TopFirmInput[];
  sectors: BreakdownRow[];
  areas: BreakdownRow[];
  /** Absent in digests built before channels were counted. */
  petitionChannels?: ChannelCount[];
  /** Minutes from raising to acknowledgement, for the week's alerts acknowledged by its end. */
  ackMinutes: number[];
  /** The week's alerts not acknowledged by its end. */
  unacknowledged: number;
  /** Alerts whose handling deadline fell in the week, and how many were closed by it. */
  deadlines: { due: number; met: number };
  majorOpinion: MajorOpinionAlert[];
  /** The credit list's week, from credit_events before the end of the week. */
  credit: CreditInput;
  /** Feeds failing for more than a day when the digest was first built (a snapshot: feeds keep no history). */
  feeds: FeedHealthRow[];
  feedsCheckedAt: string;
  notable: NotableItem[];
  /** Structured dispositions done in the week, by action (issue 17); absent in inputs built before they were counted. */
  dispositions?: Record<string, number>;
}

export interface Headline {
  key: HeadlineKey;
  value: number;
  previous: number;
  change: number;
  series: number[];
}

export interface TopFirm extends TopFirmInput {
  /** score − previousScore; null when there was no previous score. */
  change: number | null;
}

export interface Response {
  acknowledged: number;
  unacknowledged: number;
  ackMedianMinutes: number | null;
  ackP90Minutes: number | null;
  deadlinesDue: number;
  deadlinesMet: number;
  /** met / due; null when nothing fell due. */
  deadlineShare: number | null;
  sameDay: {
    total: number;
    /** Closed within the deadline. */
    inTime: number;
    /** Deadline passed without closing. */
    overdue: number;
    /** Deadline after the end of the week and not yet closed: not counted in the rate. */
    pending: number;
    /** inTime / (inTime + overdue); null when none was decided. */
    rate: number | null;
    overdueAlerts: MajorOpinionAlert[];
  };
}

export interface CreditCount {
  kind: CreditKind;
  value: number;
  previous: number;
  change: number;
}

export interface CreditSection {
  counts: CreditCount[];
  listedAtEnd: number;
  inProcedureAtEnd: number;
  entries: CreditEntry[];
  entriesTotal: number;
}

export interface DigestContent {
  version: 1;
  week: string;
  firstDay: string;
  lastDay: string;
  asOf: string;
  district: string | null;
  areaKind: 'street' | 'district';
  weeks: string[];
  headlines: Headline[];
  topFirms: TopFirm[];
  sectors: BreakdownRow[];
  areas: BreakdownRow[];
  /** Absent in digests stored before channels were counted. */
  petitionChannels?: ChannelCount[];
  response: Response;
  credit: CreditSection;
  feeds: FeedHealthRow[];
  feedsCheckedAt: string;
  notable: NotableItem[];
  /** Absent in digests stored before dispositions were counted. */
  dispositions?: DispositionCount[];
}
