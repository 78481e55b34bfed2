// CPU time of the PostgreSQL backends serving one database, read from
// /proc: with the import's statements overlapping its JavaScript, this and
// Node's own CPU time say where the time goes better than summed query
// times. Only for a server on this machine (Linux); null elsewhere. Other
// databases' sessions (a colleague's tests on the same server) are left
// out by matching the database name in the backend's process title.

import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export function postgresCpuSeconds(database: string): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      // Title: "postgres: 15/main: USER DATABASE HOST(PORT) STATE"
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / TICKS_PER_SECOND;
}
