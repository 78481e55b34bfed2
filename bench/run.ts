// `npm run bench`: every benchmark in turn, each in its own process so one
// does not warm or pollute the other. Results land in bench/results/.
import { spawnSync } from 'node:child_process';

const BENCHES = [
  'bench/cli-start.ts',
  'bench/rows.ts',
  'bench/mentions.ts',
  'bench/ingest.ts',
  'bench/score.ts',
  'bench/alerts.ts',
  'bench/console.ts',
  'bench/digest.ts',
];
// The fault soak takes 10 minutes: only when asked (BENCH_SOAK=1), or alone with `npm run bench:soak`.
if (process.env.BENCH_SOAK === '1') BENCHES.push('bench/soak.ts');
let failed = 0;
for (const file of BENCHES) {
  process.stderr.write(`\n==> ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
