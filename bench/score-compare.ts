// Full rescore next to the pre-issue-14 code, in one sitting (issue 14:
// rescore time may grow by at most 10 %). The same file runs in this tree
// and in an export of the commit before issue 14 (its own schema and
// model); each makes its own PostgreSQL database with bench:score's data
// and times the bare read of the evidence, the model alone on evidence in
// memory (median of 3) and a first full rescore (runScoring, as bench:score).
//
//   npx tsx bench/score-compare.ts [label]      prints one JSON line
//
// Run it alternately in both trees so both see the same load. The other tree:
//   git archive fd5144f | tar -x -C /tmp/pre14 && ln -s "$PWD/node_modules" /tmp/pre14/
//   cp bench/score-compare.ts /tmp/pre14/bench/ && cp bench/lib/scoring-data.ts /tmp/pre14/bench/lib/
// (bench/results/score-issue14-compare.json holds the pairs measured so.)

import { loadavg } from 'node:os';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createScorer, defaultModelConfig, evidenceWindow, type FirmEvidence } from '../src/domain/scoring/index.ts';
import { loadEvidence } from '../src/scoring/evidence.ts';
import { runScoring } from '../src/scoring/score-run.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { generateScoringData } from './lib/scoring-data.ts';

const AT = new Date('2026-11-28T04:00:00Z');
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const made = await createDatabase(server, `qianshao_bench_cmp_${process.pid}`);
const h = await connectPostgres(made.url);
try {
  await migrateToLatest(h.db);
  await generateScoringData(h);
  const ids = (await h.db.selectFrom('firms').select('id').orderBy('id').execute()).map((r) => r.id);
  const window = evidenceWindow(AT, defaultModelConfig);
  const evidence = new Map<number, FirmEvidence>();
  let t0 = performance.now();
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = await loadEvidence(h.db, { from: ids[i]!, to: ids[Math.min(i + 1999, ids.length - 1)]! }, window);
    for (const [k, v] of chunk) evidence.set(k, v);
  }
  const readSeconds = seconds(t0);
  const models: number[] = [];
  for (let r = 0; r < 3; r++) {
    t0 = performance.now();
    const scorer = createScorer(AT, defaultModelConfig);
    for (const id of ids) scorer.score(evidence.get(id) ?? { inspections: [], petitions: [], mentions: [] });
    models.push(seconds(t0));
  }
  evidence.clear();
  t0 = performance.now();
  await runScoring(h.db, defaultModelConfig, {
    at: AT,
    firms: 'all',
    reason: 'bench',
    actor: { id: null, name: 'bench' },
  });
  const fullSeconds = seconds(t0);
  console.log(
    JSON.stringify({
      label: process.argv[2] ?? 'this tree',
      loadavg: loadavg().map((x) => Number(x.toFixed(2))),
      readEvidenceSeconds: readSeconds,
      modelOnlySeconds: median(models),
      modelRuns: models,
      fullRescoreSeconds: fullSeconds,
    }),
  );
} finally {
  await h.close();
  await made.drop();
}
