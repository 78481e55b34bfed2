import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { NODE_ONLY_JOBS, schedule, workerSchedule } from '../../jobs/schedule.ts';
import { shanghaiCronToUtc } from '../../src/domain/cron-utc.ts';

const wrangler = readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8');

function wranglerCrons(): string[] {
  const triggers = wrangler.split(/^\[triggers\]\s*$/m)[1] ?? '';
  const m = /^crons\s*=\s*\[([^\]]*)\]/m.exec(triggers);
  if (!m) throw new Error('wrangler.toml has no [triggers] crons');
  return [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!);
}

describe('the single cron table', () => {
  it("wrangler.toml's [triggers] crons equal the Worker's jobs (converted to UTC), each once", () => {
    // One trigger per distinct cron: the worker runs every job whose cron matches the trigger.
    expect(wranglerCrons()).toEqual([...new Set(workerSchedule.map((j) => shanghaiCronToUtc(j.cron)))]);
  });

  it('the Worker runs every job of the table but the Node-only ones', () => {
    const names = (jobs: readonly { name: string }[]) => jobs.map((j) => j.name).sort();
    expect(names(workerSchedule)).toEqual(
      names(schedule.filter((j) => !(NODE_ONLY_JOBS as readonly string[]).includes(j.name))),
    );
    for (const j of workerSchedule) expect(schedule).toContain(j);
  });

  it('every job has a valid 5-field cron, a unique name and the Shanghai zone', () => {
    expect(new Set(schedule.map((j) => j.name)).size).toBe(schedule.length);
    for (const j of schedule) {
      expect(cron.validate(j.cron)).toBe(true);
      expect(j.cron.split(' ')).toHaveLength(5);
      expect(j.timezone).toBe('Asia/Shanghai');
      expect(j.leaseMs).toBeGreaterThan(0);
    }
  });
});

describe('Asia/Shanghai cron → UTC', () => {
  it.each([
    ['9 * * * *', '9 * * * *'],
    ['40 3 * * *', '40 19 * * *'],
    ['0 8 * * 1', '0 0 * * 1'],
    ['30 7 * * 1', '30 23 * * 0'],
    ['0 2 * * 0', '0 18 * * 6'],
    ['0 9,21 * * *', '0 1,13 * * *'],
    ['*/15 9-10 * * *', '*/15 1,2 * * *'],
    ['0 */6 * * *', '0 4,10,16,22 * * *'],
  ])('%s → %s', (local, utc) => {
    expect(shanghaiCronToUtc(local)).toBe(utc);
  });

  it('refuses what a fixed shift cannot express', () => {
    expect(() => shanghaiCronToUtc('0 3 1 * *')).toThrow(/day-of-month/);
    expect(() => shanghaiCronToUtc('0 3,12 * * 1')).toThrow(/cross midnight/);
    expect(() => shanghaiCronToUtc('*/2 * * * * *')).toThrow(/5 cron fields/);
  });
});
