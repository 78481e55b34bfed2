import { hostname } from 'node:os';

/** This process as job runs and imports name their owner: host:pid. */
export function processRunner(): string {
  return `${hostname()}:${process.pid}`;
}

/** Whether a process with this pid exists (EPERM: it does, owned by someone else). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the owner named by a host:pid runner string is known to be gone:
 * only a process on this host can be checked; another host's is not known.
 */
export function ownerGone(runner: string | null): boolean {
  if (runner === null) return false;
  const i = runner.lastIndexOf(':');
  if (i < 0 || runner.slice(0, i) !== hostname()) return false;
  const pid = Number(runner.slice(i + 1));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
}
