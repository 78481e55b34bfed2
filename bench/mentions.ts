// Mention-matching benchmark: findMentions + classify over ~50 MB of Chinese
// feed items against 10,000 firm aliases, next to `grep -F -c -f aliases`
// on the same files. Target: >= 20 MB/s. MB = 10^6 UTF-8 bytes (what grep
// reads). Items are matched one by one, as the pipeline does; the corpus is
// split into items before timing, since items arrive already separate.
//
//   npx tsx bench/mentions.ts [--mb=50] [--aliases=10000] [--runs=5]
//
// Writes bench/results/mentions.json. The machine is shared, so figures are
// medians and the grep runs are interleaved with ours to see the same load.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMatcher, classify } from '../src/domain/mentions/index.ts';
import { makeAliases, makeItems } from './mentions-data.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const TARGET_MB_PER_SEC = 20;
const textMbWanted = arg('mb', 50);
const aliasCount = arg('aliases', 10_000);
const runs = arg('runs', 5);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const patterns = makeAliases(aliasCount);
const items = makeItems(patterns, textMbWanted * 1e6);
const textBytes = items.reduce((n, it) => n + Buffer.byteLength(it, 'utf8') + 1, 0);
const textMB = textBytes / 1e6;

const dir = mkdtempSync(join(tmpdir(), 'qianshao-mentions-'));
const aliasesPath = join(dir, 'aliases.txt');
const textPath = join(dir, 'text.txt');
writeFileSync(aliasesPath, `${patterns.map((p) => p.text).join('\n')}\n`);
writeFileSync(textPath, `${items.join('\n')}\n`);

let t = performance.now();
const matcher = buildMatcher(patterns);
classify('');
const buildMs = performance.now() - t;

function ours(withClassify: boolean): { secs: number; mentions: number; risks: number } {
  let mentions = 0;
  let risks = 0;
  const t0 = performance.now();
  for (const item of items) {
    mentions += matcher.findMentions(item).length;
    if (withClassify) risks += classify(item).length;
  }
  return { secs: (performance.now() - t0) / 1000, mentions, risks };
}

function grep(): { secs: number; lines: number } {
  const t0 = performance.now();
  const r = spawnSync('grep', ['-F', '-c', '-f', aliasesPath, textPath], {
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    encoding: 'utf8',
  });
  const secs = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`grep failed: ${r.stderr || r.error?.message}`);
  return { secs, lines: Number(r.stdout.trim()) };
}

try {
  ours(true); // warm-up: JIT, and the default classifier is built
  grep(); // warm-up: page cache
  const oursSecs: number[] = [];
  const findSecs: number[] = [];
  const grepSecs: number[] = [];
  let counts = { mentions: 0, risks: 0, grepLines: 0 };
  for (let r = 0; r < runs; r++) {
    const o = ours(true);
    const g = grep();
    oursSecs.push(o.secs);
    grepSecs.push(g.secs);
    findSecs.push(ours(false).secs);
    counts = { mentions: o.mentions, risks: o.risks, grepLines: g.lines };
  }
  const mbPerSec = textMB / median(oursSecs);
  const grepMbPerSec = textMB / median(grepSecs);
  const result = {
    mbPerSec: Number(mbPerSec.toFixed(1)),
    grepMbPerSec: Number(grepMbPerSec.toFixed(1)),
    ratio: Number((mbPerSec / grepMbPerSec).toFixed(2)),
    aliases: matcher.aliasCount,
    textMB: Number(textMB.toFixed(1)),
    node: process.version,
    date: new Date().toISOString(),
    targetMbPerSec: TARGET_MB_PER_SEC,
    targetMet: mbPerSec >= TARGET_MB_PER_SEC,
    findMentionsOnlyMbPerSec: Number((textMB / median(findSecs)).toFixed(1)),
    runs,
    runsMbPerSec: oursSecs.map((s) => Number((textMB / s).toFixed(1))),
    grepRunsMbPerSec: grepSecs.map((s) => Number((textMB / s).toFixed(1))),
    buildMs: Math.round(buildMs),
    items: items.length,
    mentions: counts.mentions,
    riskHits: counts.risks,
    grepMatchingLines: counts.grepLines,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    loadAvg1m: Number(loadavg()[0]!.toFixed(2)),
  };
  const outDir = new URL('./results/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL('mentions.json', outDir), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `findMentions+classify: ${result.mbPerSec} MB/s (findMentions alone ${result.findMentionsOnlyMbPerSec} MB/s), ` +
      `grep -F: ${result.grepMbPerSec} MB/s, ratio ${result.ratio}; ${result.textMB} MB, ${result.aliases} aliases, ` +
      `target ${TARGET_MB_PER_SEC} MB/s ${result.targetMet ? 'met' : 'MISSED'}`,
  );
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
