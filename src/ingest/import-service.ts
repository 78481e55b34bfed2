import type { Db } from '../db/connect.ts';
import type { Actor } from '../audit/audit.ts';
import type { Logger } from '../log/logger.ts';
import { createRowHasher, createSealer } from '../crypto/sealer.ts';
import type { ImportContext } from './import-types.ts';
import type { Scope } from '../domain/jurisdiction.ts';

/** The keyed pieces an import needs, derived once from the secret key. */
export function importContext(
  deps: { db: Db; log: Logger; secretKey: string },
  actor: Actor,
  now: Date,
  opts: { onProgress?: (n: number) => void; defaultDistrict?: string | null; scope?: Scope } = {},
): ImportContext {
  return {
    db: deps.db,
    actor,
    now,
    log: deps.log,
    onProgress: opts.onProgress,
    defaultDistrict: opts.defaultDistrict ?? null,
    scope: opts.scope,
    sealer: createSealer(deps.secretKey),
    rowHash: createRowHasher(deps.secretKey),
  };
}
