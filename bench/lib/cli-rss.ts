// Runs a `qianshao` CLI command in a child process and samples its resident
// memory from /proc/<pid>/status every 100 ms (Linux): the current RSS and
// the kernel's high-water mark (VmHWM), which catches a spike between two
// samples. The figures are those of the real command, every phase of it.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRss {
  code: number | null;
  seconds: number;
  stdout: string;
  /** Highest VmHWM read while the process ran, MiB. */
  peakRssMB: number;
  /** RSS every 5 s: [seconds, MiB]; tells the import phase from the rescoring after it. */
  trace: Array<[number, number]>;
}

function statusMB(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

export function runCliSampled(
  args: string[],
  env: Record<string, string>,
  opts: { limitSec?: number } = {},
): Promise<CliRss> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['bin/qianshao.mjs', ...args], {
      // An empty value removes the variable (e.g. DATABASE_URL for an embedded run).
      cwd: root,
      env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== '')),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    let peak = 0;
    let ticks = 0;
    const trace: Array<[number, number]> = [];
    const sample = () => {
      const m = child.pid === undefined ? null : statusMB(child.pid);
      if (m === null) return;
      peak = Math.max(peak, m.hwm);
      if (ticks++ % 50 === 0) trace.push([Math.round((performance.now() - t0) / 1000), Math.round(m.rss)]);
    };
    const sampler = setInterval(sample, 100);
    const killer = opts.limitSec ? setTimeout(() => child.kill('SIGKILL'), opts.limitSec * 1000) : null;
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (killer) clearTimeout(killer);
      resolve({ code, seconds: (performance.now() - t0) / 1000, stdout, peakRssMB: Math.round(peak), trace });
    });
  });
}
