// The normalized rows the importers receive. Dates are Asia/Shanghai
// calendar dates as 'YYYY-MM-DD'; the `...At` instants are the same cells
// read as instants (00:00 Shanghai when no time was given), for as-of
// queries. Absent optional cells are null, never ''.

import type {
  FirmRef,
  FirmRole,
  IncidentKind,
  InspectionKind,
  InspectionStatus,
  Order,
  PetitionCategory,
  PetitionChannel,
  PetitionStatus,
  Sector,
  Violation,
} from '../../domain/values/index.ts';

export type { FirmRef };

/** Cells of columns the contract does not name, keyed by their header as written. */
export type Extra = Record<string, unknown>;

export interface FirmRow {
  name: string;
  /** normalizeFirmName(name): what matching compares. */
  nameKey: string;
  uscc: string | null;
  aliases: string[];
  sector: Sector | null;
  role: FirmRole | null;
  /** The platform(s) this firm works for, each by USCC or by name. */
  parents: FirmRef[];
  district: string | null;
  street: string | null;
  address: string | null;
  extra: Extra;
}

export interface InspectionRow {
  recordId: string;
  /** At least one of firm and uscc is non-null. */
  firm: string | null;
  firmKey: string | null;
  uscc: string | null;
  date: string;
  at: Date;
  kind: InspectionKind | null;
  /** Empty: the inspection found nothing. */
  violations: Violation[];
  workers: number | null;
  /** CNY. */
  amount: number | null;
  order: Order | null;
  due: string | null;
  rectified: string | null;
  status: InspectionStatus | null;
  district: string | null;
  street: string | null;
  inspector: string | null;
  notes: string | null;
  /** 关联案号: the inspection (or order number) this one follows up. */
  related: string | null;
  extra: Extra;
}

export interface PetitionRow {
  recordId: string;
  received: string;
  receivedAt: Date;
  channel: PetitionChannel | null;
  firm: string | null;
  firmKey: string | null;
  uscc: string | null;
  /** The 诉求类别 cell; one value usually, several when separated by | 、 ；. */
  categories: PetitionCategory[];
  /** Defaults to 1. */
  petitioners: number;
  /** Defaults to false. */
  repeat: boolean;
  summary: string | null;
  // Personal data below: the store encrypts these and shows them masked.
  petitionerName: string | null;
  phone: string | null;
  /** As written when invalid (kept, not rejected); compacted when valid. */
  idNumber: string | null;
  /** True only for a present, valid number. */
  idNumberValid: boolean;
  /** Why a present number is invalid, for the review flag; null otherwise. */
  idNumberProblem: string | null;
  status: PetitionStatus | null;
  closed: string | null;
  extra: Extra;
}

export interface IncidentRow {
  firm: FirmRef;
  date: string;
  at: Date;
  /** 'other' when the cell is empty. */
  kind: IncidentKind;
  extra: Extra;
}
