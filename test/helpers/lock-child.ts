// One contender for the data-directory lock (data-dir-lock.test.ts), for
// ROUNDS rounds: waits until the round's go file exists so that all
// contenders call at once, prints "<round> got" or "<round> busy", and the
// winner releases the lock once the round's end file exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from '../../src/db/data-dir-lock.ts';

const signals = process.env.SIGNAL_DIR!;
const rounds = Number(process.env.ROUNDS);
const pause = new Int32Array(new SharedArrayBuffer(4));
// Polled every millisecond: close enough to start together, without six spinning processes starving the others.
const waitFile = (name: string) => {
  while (!existsSync(join(signals, name))) Atomics.wait(pause, 0, 0, 1);
};
process.stdout.write('ready\n');
for (let round = 0; round < rounds; round++) {
  waitFile(`go-${round}`);
  let release: (() => void) | undefined;
  try {
    release = lockDataDir(process.env.LOCK_DIR!);
    process.stdout.write(`${round} got\n`);
  } catch (e) {
    process.stdout.write(`${round} busy ${(e as Error).name}\n`);
  }
  waitFile(`end-${round}`);
  release?.();
  process.stdout.write(`${round} done\n`);
}
