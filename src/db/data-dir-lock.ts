import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive } from '../runtime/process-id.ts';

export { alive };

export class DataDirBusy extends Error {
  override name = 'DataDirBusy';
}

const busy = (dir: string, pid: number) =>
  new DataDirBusy(
    `the embedded database in ${dir} is in use by process ${pid} (is "qianshao serve" running?); ` +
      'stop it, use its HTTP API, or set DATABASE_URL to share a PostgreSQL server',
  );

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The content of a file, or null when it does not exist. */
function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Creates `file` holding `tmp`'s content, atomically and only if it does not exist (link fails with EEXIST). */
function createFrom(tmp: string, file: string): boolean {
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

const removeIf = (file: string, content: string) => {
  try {
    if (read(file) === content) unlinkSync(file);
  } catch {
    /* already gone */
  }
};

/**
 * The embedded database serves one process at a time. The lock file holds
 * the owner's pid and is created atomically with its content (written to
 * a private file, then hard-linked into place: the link fails if the lock
 * exists, and nobody ever sees it empty). A lock left by a dead process is
 * taken over under a guard file named after that dead pid, itself created
 * by link: only the guard's holder may remove the stale lock, after reading
 * it again, and then it competes for the lock like anyone else. A guard
 * whose holder died is passed by through the next guard level. So among
 * processes racing, with or without a stale lock, exactly one gets it.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'qianshao.lock');
  const mine = `${process.pid}\n`;
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, mine);
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (createFrom(tmp, file)) {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          removeIf(file, mine);
        };
      }
      const held = read(file);
      if (held === null) continue;
      const pid = Number(held.trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw busy(dir, pid);
      if (!takeOverStale(file, held, tmp, mine)) sleepSync(5 + Math.floor(Math.random() * 10));
    }
  } finally {
    unlinkSync(tmp);
  }
  throw new DataDirBusy(`could not lock ${file}: other processes keep competing for it`);
}

/** Removes the stale lock `held` if this process wins its guard; true when it did (the caller then competes for the lock). */
function takeOverStale(file: string, held: string, tmp: string, mine: string): boolean {
  const key = held.trim().replace(/[^0-9A-Za-z]/g, '') || 'empty';
  for (let level = 0; level < 100; level++) {
    const guard = `${file}.takeover-${key}.${level}`;
    if (createFrom(tmp, guard)) {
      try {
        // Only the guard's holder removes a lock, and only the stale one it read.
        if (read(file) !== held) return false;
        unlinkSync(file);
        return true;
      } finally {
        removeIf(guard, mine);
      }
    }
    const owner = Number((read(guard) ?? '').trim());
    // A live holder is taking the lock over: wait and look again.
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) return false;
    // Its holder died inside the takeover (or it is gone already): the next level.
  }
  return false;
}
