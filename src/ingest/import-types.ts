import type { Db } from '../db/connect.ts';
import type { Actor } from '../audit/audit.ts';
import type { Logger } from '../log/logger.ts';
import type { RowHasher, Sealer } from '../crypto/sealer.ts';
import type { RowReason } from './rows/index.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import type { RecordStore } from './store-records.ts';

export type RecordKind = 'inspections' | 'petitions';
export type ImportKind = 'firms' | RecordKind;

export interface ImportContext {
  db: Db;
  actor: Actor;
  now: Date;
  log: Logger;
  sealer: Sealer;
  rowHash: RowHasher;
  /**
   * District stamped on records that carry none: records belong to the
   * bureau that imported them (null for city-level importers).
   */
  defaultDistrict?: string | null;
  /** The importer's jurisdiction: records resolve only to firms inside it (absent: everywhere, e.g. the CLI). */
  scope?: Scope;
  /** Called every few thousand rows (progress bars). */
  onProgress?: (rowsRead: number) => void;
  /** Rows per chunk (and per transaction); absent: chunks start small and grow (import-file.ts). */
  batchSize?: number;
  /** How records are stored: the staged, set-based path (store-records.ts) unless a test supplies its reference model. */
  recordStore?: RecordStore;
}

/** CONTRACT §1: the import summary. accepted + updated + duplicates + rejected = rows read. */
export interface ImportSummary {
  kind: ImportKind;
  accepted: number;
  updated: number;
  duplicates: number;
  /** Of the rows stored, how many name a firm that resolved to none or to several. */
  unresolved: number;
  rejected: Array<{ line: number; reasons: RowReason[] }>;
  /** Columns that match no header of the kind (kept in `extra`): CONTRACT §2, issue 15 item 12. */
  unknown_columns: string[];
  /** When over REJECTED_LISTED rows were rejected, the rest are counted here only. */
  rejectedNotListed?: number;
  importId: number;
  /** Firms whose records this import touched (for rescoring). */
  touchedFirmIds: number[];
}

export const REJECTED_LISTED = 10_000;
