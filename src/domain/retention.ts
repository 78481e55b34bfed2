import { z } from 'zod';

// How long each kind of data is kept (days), and the legal period after
// which a closed petition's personal data is dropped (PIPL art. 19: no
// longer than the purpose needs). The audit log must outlive everything it
// describes, so it is kept at least as long as any other kind.

const days = z.number().int().min(1).max(36_500);

export const retentionSchema = z
  .object({
    /** Inspections and closed petitions, by their own date (inspection date, petition received). */
    records: days,
    /** Quarantined rows (may hold personal data in the sealed raw row). */
    quarantine: days,
    feedItems: days,
    /** Delivered, dead and cancelled deliveries (pending ones are never dropped). */
    deliveries: days,
    jobRuns: days,
    audit: days,
    /** Days after a petition's closing date after which its personal data is dropped. */
    petitionPersonalData: days,
    /** Rows per statement: each batch is its own short transaction. */
    batchSize: z.number().int().min(10).max(100_000),
  })
  .strict();

export type RetentionConfig = z.infer<typeof retentionSchema>;

export const defaultRetention: RetentionConfig = {
  records: 5 * 365,
  quarantine: 365,
  feedItems: 2 * 365,
  deliveries: 180,
  jobRuns: 90,
  audit: 10 * 365,
  petitionPersonalData: 3 * 365,
  batchSize: 2000,
};

/** Defaults overridden by `json`; throws naming the field when the audit log would not be kept longest. */
export function parseRetention(json: unknown): RetentionConfig {
  const merged = retentionSchema.parse({ ...defaultRetention, ...(json as object) });
  const others = ['records', 'quarantine', 'feedItems', 'deliveries', 'jobRuns', 'petitionPersonalData'] as const;
  const longest = others.reduce((a, k) => (merged[k] > merged[a] ? k : a), others[0]);
  if (merged.audit < merged[longest]) {
    throw new Error(
      `audit: ${merged.audit} days is shorter than ${longest} (${merged[longest]}); the audit log is kept longest`,
    );
  }
  return merged;
}

export type RetentionKind =
  | 'records'
  | 'quarantine'
  | 'feedItems'
  | 'deliveries'
  | 'jobRuns'
  | 'audit'
  | 'petitionPersonalData';

/** The instant before which each kind is dropped, for a run at `now`. */
export function retentionCutoffs(cfg: RetentionConfig, now: Date): Record<RetentionKind, Date> {
  const before = (d: number) => new Date(now.getTime() - d * 86_400_000);
  return {
    records: before(cfg.records),
    quarantine: before(cfg.quarantine),
    feedItems: before(cfg.feedItems),
    deliveries: before(cfg.deliveries),
    jobRuns: before(cfg.jobRuns),
    audit: before(cfg.audit),
    petitionPersonalData: before(cfg.petitionPersonalData),
  };
}
