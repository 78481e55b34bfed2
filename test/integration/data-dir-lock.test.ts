import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The embedded database's data-directory lock under contention (issue 20
// item 8): several processes call it at the same instant, with no lock and
// with a lock left by a dead process; in every round exactly one gets it.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONTENDERS = 6;
const ROUNDS = 8;

interface Contender {
  child: ChildProcess;
  out: () => string;
  exited: Promise<unknown>;
}

function contender(env: Record<string, string>): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/lock-child.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  return { child, out: () => out, exited: new Promise((r) => child.on('close', r)) };
}

const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('data-directory lock', () => {
  it(`${CONTENDERS} processes at once, ${ROUNDS} rounds with and without a stale lock: exactly one wins each round`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qianshao-lock-'));
    const signals = mkdtempSync(join(tmpdir(), 'qianshao-lock-go-'));
    const lock = join(dir, 'qianshao.lock');
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const all = Array.from({ length: CONTENDERS }, () =>
      contender({ LOCK_DIR: dir, SIGNAL_DIR: signals, ROUNDS: String(ROUNDS) }),
    );
    try {
      await waitFor(() => all.every((c) => c.out().includes('ready')), 120_000);
      for (let round = 0; round < ROUNDS; round++) {
        const stale = round % 2 === 1;
        rmSync(lock, { force: true });
        // A lock whose owner died: alternately as the old code wrote it and as the new one does.
        if (stale) writeFileSync(lock, round % 4 === 1 ? String(deadPid) : `${deadPid}\n`);
        writeFileSync(join(signals, `go-${round}`), '');
        const said = (c: Contender) =>
          c
            .out()
            .split('\n')
            .find((l) => l.startsWith(`${round} `));
        await waitFor(() => all.every((c) => said(c) !== undefined), 60_000);
        const winners = all.filter((c) => said(c) === `${round} got`);
        expect(
          winners.map((w) => w.child.pid),
          `round ${round} (${stale ? 'stale lock' : 'no lock'})`,
        ).toHaveLength(1);
        expect(all.filter((c) => said(c) === `${round} busy DataDirBusy`)).toHaveLength(CONTENDERS - 1);
        writeFileSync(join(signals, `end-${round}`), '');
        await waitFor(() => all.every((c) => c.out().includes(`${round} done`)), 60_000);
      }
      await Promise.all(all.map((c) => c.exited));
      // Released at the end, and no guard or temporary files left behind.
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      for (const c of all) c.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      rmSync(signals, { recursive: true, force: true });
    }
  }, 300_000);
});
