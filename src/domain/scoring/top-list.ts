// The N largest contributions of one firm, kept in typed arrays that live
// as long as the scorer: the hot loop offers every record, and only the few
// that make the list are turned into objects with reasons afterwards.

export const SRC_INSPECTION = 0;
export const SRC_PETITION = 1;
export const SRC_OPINION = 2;
export const SRC_SPIKE = 3;
/** An entry kept from a stored records part (own-part.ts); its index points into the part's list. */
export const SRC_KEPT = 4;

export class TopList {
  readonly raw: Float64Array;
  readonly source: Int8Array;
  readonly index: Int32Array;
  /** Per entry: the repeat count of an inspection, the burst size of a spike. */
  readonly extra: Int32Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.raw = new Float64Array(capacity);
    this.source = new Int8Array(capacity);
    this.index = new Int32Array(capacity);
    this.extra = new Int32Array(capacity);
  }

  reset(): void {
    this.size = 0;
  }

  /** Keeps the entry when it beats the smallest kept one; ties keep the earlier entry. */
  offer(raw: number, source: number, index: number, extra: number): void {
    if (!(raw > 0) || this.capacity === 0) return;
    let pos = this.size;
    if (pos === this.capacity) {
      if (raw <= this.raw[pos - 1]!) return;
      pos--;
    } else {
      this.size++;
    }
    // Insertion from the end; N is small (10 by default).
    while (pos > 0 && this.raw[pos - 1]! < raw) {
      this.raw[pos] = this.raw[pos - 1]!;
      this.source[pos] = this.source[pos - 1]!;
      this.index[pos] = this.index[pos - 1]!;
      this.extra[pos] = this.extra[pos - 1]!;
      pos--;
    }
    this.raw[pos] = raw;
    this.source[pos] = source;
    this.index[pos] = index;
    this.extra[pos] = extra;
  }
}
