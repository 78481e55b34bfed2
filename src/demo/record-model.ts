// The demo records before they are written out: what happened, on which
// day, at which firm. Formatting (date forms, amount forms, how the firm is
// named, deliberate mistakes) is a separate step, so the story can be read
// here without the noise that makes the files realistic.

import type {
  IncidentKind,
  InspectionKind,
  InspectionStatus,
  Order,
  PetitionCategory,
  PetitionChannel,
  PetitionStatus,
  Sector,
  Violation,
} from '../domain/values/index.ts';

/** A demo firm, or a "ghost" the district does not know (key null). */
export interface FirmLike {
  key: string | null;
  name: string;
  uscc: string | null;
  aliases: readonly string[];
  sector: Sector;
  /** 'platform' for platforms; ghosts have none. */
  role?: string;
  district: string;
  street: string | null;
}

/** How a record names its firm; 'auto' lets the formatter vary it. */
export type RefStyle = 'auto' | 'name' | 'uscc' | 'both' | 'alias';

export interface InspectionSpec {
  /** Days before now (0 = today). */
  daysAgo: number;
  firm: FirmLike;
  kind: InspectionKind;
  violations: Violation[];
  workers?: number;
  amount?: number;
  order?: Order;
  /** Days before now; negative = a deadline still ahead. */
  dueDaysAgo?: number;
  rectifiedDaysAgo?: number;
  status: InspectionStatus;
  notes?: string;
  ref?: RefStyle;
  /** A deliberately bad row, for the quarantine to show. */
  spoil?: boolean;
}

export interface PetitionSpec {
  daysAgo: number;
  firm: FirmLike;
  channel: PetitionChannel;
  categories: PetitionCategory[];
  petitioners: number;
  repeat: boolean;
  summary: string;
  status: PetitionStatus;
  closedDaysAgo?: number;
  ref?: RefStyle;
  spoil?: boolean;
}

export interface IncidentSpec {
  daysAgo: number;
  firm: FirmLike;
  kind: IncidentKind;
}

export type DemoStoryKind =
  | 'wage-arrears'
  | 'fines-and-bans'
  | 'stoppage'
  | 'platform-partners'
  | 'partner'
  | 'unforeseen';

export interface DemoStory {
  firmKey: string;
  firmName: string;
  uscc: string | null;
  kind: DemoStoryKind;
  /** One line, Chinese: what a reader of the demo should notice. */
  summary: string;
  /** YYYY-MM-DD of the key events, oldest first. */
  dates: string[];
  /** For partners: the platform whose partners accumulate problems. */
  platformKey?: string;
}

export interface StoryPart {
  inspections: InspectionSpec[];
  petitions: PetitionSpec[];
  incidents: IncidentSpec[];
  story: DemoStory[];
  /** Firm keys whose background noise must stay older than this many days. */
  quietSince: Map<string, number>;
}

/** What workers at a firm of this sector are called in summaries and posts. */
export function workerNoun(sector: Sector): string {
  switch (sector) {
    case 'food_delivery':
    case 'instant_delivery':
      return '骑手';
    case 'courier':
      return '快递员';
    case 'ride_hailing':
      return '网约车司机';
    case 'live_streaming':
      return '主播';
    case 'freight':
      return '货车司机';
    default:
      return '员工';
  }
}

/** 12000 → '12,000'. Written out by hand: Intl output depends on the runtime's ICU. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** ¥186400 → '18.64万元', as bureau documents write large sums. */
export function wan(amount: number): string {
  return `${(amount / 10_000).toFixed(4).replace(/\.?0+$/, '')}万元`;
}
