import type { Db } from '../../../src/db/connect.ts';
import { detach } from '../../../src/domain/values/index.ts';
import { type CandidateScope, candidateKey, EVERYWHERE } from '../../../src/ingest/firm-candidates.ts';
import { type FirmRefKey, type Resolution, refKey, resolveFirmRefs } from '../../../src/ingest/resolve-firms.ts';

// The row path's per-import memory of firm resolutions (issue 16: the
// reference model of the property test; imports resolve in SQL now,
// stage-resolve.ts).

// An import of 100,000 records names a few thousand distinct firms; past
// the first batches nearly every reference is one seen before.
const MAX_REMEMBERED = 100_000;

/**
 * resolveFirmRefs with memory, for the length of one import: each distinct
 * reference is looked up once, in the batch where it first appears. A firm
 * registered by someone else while the import runs is found by references
 * first seen after that, as with per-batch lookups; linking unresolved
 * records afterwards (unresolved.ts) covers the rest.
 */
export class FirmResolver {
  private readonly known = new Map<string, Resolution>();

  /** Looks up whatever of `refs` is not known yet within `scope`; then get() answers each. */
  async load(db: Db, refs: readonly FirmRefKey[], scope: CandidateScope = EVERYWHERE): Promise<void> {
    const where = candidateKey(scope);
    const missing = new Map<string, FirmRefKey>();
    for (const r of refs) {
      const key = refKey(r);
      if (!this.known.has(`${where}#${key}`)) missing.set(key, r);
    }
    if (missing.size === 0) return;
    if (this.known.size + missing.size > MAX_REMEMBERED) {
      // Start over, looking up this batch's references in full.
      this.known.clear();
      for (const r of refs) missing.set(refKey(r), r);
    }
    // Keys are detached copies: the parts of a reference are views into
    // a chunk of the file, which a remembered key would keep alive.
    for (const [key, resolution] of await resolveFirmRefs(db, [...missing.values()], scope))
      this.known.set(detach(`${where}#${key}`), resolution);
  }

  get(ref: FirmRefKey, scope: CandidateScope = EVERYWHERE): Resolution {
    const r = this.known.get(`${candidateKey(scope)}#${refKey(ref)}`);
    if (r === undefined) throw new Error(`firm reference ${refKey(ref)} was not loaded`);
    return r;
  }
}
