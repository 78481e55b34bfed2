// `npm run bench:cli`: how long the `qianshao` command takes to start, as
// the user runs it (node bin/qianshao.mjs, the compiled build in dist/).
// Each command is timed end to end in a child process, interleaved with the
// baselines measured in the same run, so a noisy machine shows as noise in
// both: `node -e 1` (Node's own start) and opening then closing the same
// embedded database with PGlite alone (the floor of any command that reads
// it). Targets (issue 21): --help ≤ 0.5 s, alerts --json ≤ 1.5 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResult } from './lib/results.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const dataDir = mkdtempSync(join(tmpdir(), 'qianshao-bench-cli-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  QIANSHAO_DATA_DIR: dataDir,
  QIANSHAO_SECRET_KEY: 'bench-secret-key-0123456789abcdef0123456789',
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;

const PGLITE_OPEN = `
const { PGlite } = await import('@electric-sql/pglite');
const db = await PGlite.create(process.argv[1], { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] });
await db.query('select 1');
await db.close();`;

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build failed');
timed(['bin/qianshao.mjs', 'migrate', '--json']);

const cases: Record<string, string[]> = {
  'node -e 1': ['-e', '1'],
  'PGlite open+close': ['--input-type=module', '-e', PGLITE_OPEN, join(dataDir, 'pglite')],
  'qianshao --help': ['bin/qianshao.mjs', '--help'],
  'qianshao alerts --json': ['bin/qianshao.mjs', 'alerts', '--json'],
  'qianshao --help (from source, tsx)': ['bin/qianshao.mjs', '--help'],
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(cases)) {
    if (name.includes('from source')) env.QIANSHAO_FROM_SOURCE = '1';
    samples[name]!.push(timed(args));
    delete env.QIANSHAO_FROM_SOURCE;
  }
}
rmSync(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))]));
const node = med['node -e 1']!;
const pglite = med['PGlite open+close']!;
writeResult('cli-start', {
  at: new Date().toISOString(),
  rounds: ROUNDS,
  medianMs: med,
  ratios: {
    helpToNodeStart: +(med['qianshao --help']! / node).toFixed(2),
    alertsToPgliteOpen: +(med['qianshao alerts --json']! / pglite).toFixed(2),
    sourceHelpToBuiltHelp: +(med['qianshao --help (from source, tsx)']! / med['qianshao --help']!).toFixed(1),
  },
  targetsMs: { help: 500, alertsJson: 1500 },
});
