import { showNul } from '../../domain/values/text-input.ts';
import { type RowKind, mapHeader } from './columns.ts';

// The columns of an import that match no header of its kind (issue 15 item
// 12): their cells are kept in `extra`, and the summary names them so a
// plausible header that means nothing here (违法行为 before it was a
// synonym) is never dropped silently.

const MAX_KEYS = 2048;
const MAX_LISTED = 100;

export class UnknownColumns {
  private readonly checked = new Map<string, boolean>();
  private readonly found: string[] = [];

  constructor(private readonly kind: RowKind) {}

  /** Notes the keys of one record (CSV: the header's names; JSON: each object's keys). */
  see(record: Record<string, unknown>): void {
    for (const key in record) {
      if (this.checked.has(key) || this.checked.size >= MAX_KEYS) continue;
      const unknown = mapHeader(this.kind, key) === null;
      this.checked.set(key, unknown);
      // Named as the reader can see it and the database can store it: NUL as ␀, at most 100 characters.
      if (unknown && this.found.length < MAX_LISTED) this.found.push(showNul(key).slice(0, 100));
    }
  }

  /** The unknown columns, in the order first seen. */
  list(): string[] {
    return [...this.found];
  }
}
