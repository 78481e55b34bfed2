import type { Db } from '../db/connect.ts';
import type { Sealer } from '../crypto/sealer.ts';
import { maskPiiInText } from '../domain/pii.ts';
import type { RowReason } from './rows/index.ts';
import type { ImportKind } from './import-types.ts';

export interface Rejected {
  line: number;
  raw: string;
  reasons: RowReason[];
  /** Personal values parsed from the row, masked wherever they occur in the preview. */
  personal?: string[];
}

const PREVIEW_CHARS = 500;

/** A quarantine row ready to insert. */
export type QuarantineEntry = ReturnType<typeof quarantineEntries>[number];

/**
 * Rejected rows with everything needed to fix and re-send them: the raw
 * text (sealed, since a petition row carries personal data), a masked
 * preview for display, the line and every reason. Computed before the
 * batch's transaction opens, so sealing does not hold it open.
 */
export function quarantineEntries(
  sealer: Sealer,
  kind: ImportKind,
  source: string,
  importId: number,
  rows: readonly Rejected[],
) {
  return rows.map((r) => ({
    kind,
    source,
    import_id: importId,
    line: r.line,
    raw_sealed: sealer.seal(r.raw),
    raw_preview: preview(r),
    reasons: JSON.stringify(r.reasons),
  }));
}

export async function storeQuarantine(db: Db, entries: readonly QuarantineEntry[]): Promise<void> {
  if (entries.length > 0)
    await db
      .insertInto('quarantine')
      .values([...entries])
      .execute();
}

/**
 * A rejected row's text (its preview, or a reason that quotes a cell) as it
 * may be stored and shown: phones, ID numbers and e-mail addresses masked,
 * and the row's own personal values (name, phone, ID) starred wherever they
 * occur.
 */
export function maskRejectedText(text: string, personal: readonly string[] = []): string {
  let out = maskPiiInText(text);
  for (const value of personal) if (value.length > 0) out = out.split(value).join('*'.repeat([...value].length));
  return out;
}

/** The rejected row with the personal data its reasons quote masked (stored, returned and logged that way). */
export function rejectedRow(
  line: number,
  raw: string,
  reasons: readonly RowReason[],
  personal: string[] = [],
): Rejected {
  return {
    line,
    raw,
    personal,
    reasons: reasons.map((r) => ({ ...r, message: maskRejectedText(r.message, personal) })),
  };
}

function preview(r: Rejected): string {
  const text = maskRejectedText(r.raw, r.personal);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}
