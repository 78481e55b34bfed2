// How a scoring run splits its firms into the chunks whose evidence is read
// and scored together. A chunk is bounded by firms AND by evidence records:
// a chunk's records arrive as one JSON value and stay in memory while it is
// scored (and the next chunk's while it loads), so a bound on firms alone
// let one chunk of an import's 2,000 touched firms carry a million records
// (~550 MB in Node, and a JSON value near PostgreSQL's 1 GB limit).

export interface ChunkLimits {
  /** Firms per chunk at most. */
  firms: number;
  /** Evidence records per chunk at most, unless one firm alone has more. */
  records: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = Object.freeze({ firms: 2000, records: 50_000 });

/**
 * Consecutive runs of `firms`, in their order, each within the limits. A
 * firm is never split (the model needs all its evidence at once), so a firm
 * with more records than the limit forms a chunk of its own.
 */
export function planChunks<T extends { id: number }>(
  firms: readonly T[],
  recordsOf: (id: number) => number,
  limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let records = 0;
  for (const firm of firms) {
    const n = recordsOf(firm.id);
    if (current.length > 0 && (current.length >= limits.firms || records + n > limits.records)) {
      chunks.push(current);
      current = [];
      records = 0;
    }
    current.push(firm);
    records += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
