// `npx tsx bench/rows.ts`: parse + validate throughput of the row pipeline
// alone (no database), median of 3 runs, with JSON.parse of the same rows as
// the in-process baseline. Result: bench/results/rows.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseRow, readRows } from '../src/ingest/rows/index.ts';

const N = Number(process.env.ROWS_BENCH_N ?? 200_000);
const HEADER =
  '检查编号,单位名称,统一社会信用代码,检查日期,检查类型,违法事项,涉及人数,涉及金额,处理措施,整改期限,整改完成日期,状态,区,街镇,检查人员,备注\n';
const KINDS = ['日常巡查', 'complaint', '专项检查'];
const row = (k: number) =>
  `JC-${k},上海示例配送服务有限公司第${k % 500}分公司,,2026/${1 + (k % 12)}/${1 + (k % 28)},${KINDS[k % 3]},拖欠工资|超时加班,${k % 50},"${(k % 90) + 1},000元",责令支付,2026-12-01,,办理中,浦东新区,花木街道,示例检查员,"备注 ${k}"\n`;

function* csv(): Generator<Buffer> {
  yield Buffer.from(HEADER);
  for (let i = 0; i < N; i += 500) {
    let s = '';
    for (let k = i; k < Math.min(N, i + 500); k++) s += row(k);
    yield Buffer.from(s);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pipeline: number[] = [];
const baseline: number[] = [];
for (let run = 0; run < 3; run++) {
  let t0 = performance.now();
  let accepted = 0;
  for await (const raw of readRows(csv(), 'csv', { kind: 'inspections' }))
    if (raw.record !== null && parseRow('inspections', raw.record).ok) accepted++;
  if (accepted !== N) throw new Error(`expected ${N} accepted rows, got ${accepted}`);
  pipeline.push(N / ((performance.now() - t0) / 1000));
  const json = Array.from({ length: N }, (_, k) =>
    JSON.stringify({
      record_id: `JC-${k}`,
      firm: `上海示例配送服务有限公司第${k % 500}分公司`,
      date: '2026-11-03',
      amount: '12,000元',
    }),
  );
  t0 = performance.now();
  for (const j of json) JSON.parse(j);
  baseline.push(N / ((performance.now() - t0) / 1000));
}
const result = {
  date: new Date().toISOString(),
  node: process.version,
  rows: N,
  rowsPerSec: Math.round(median(pipeline)),
  jsonParseRowsPerSec: Math.round(median(baseline)),
  ratioToJsonParse: +(median(pipeline) / median(baseline)).toFixed(3),
  rssMB: Math.round(process.memoryUsage().rss / 1e6),
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/rows.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(
  `rows: ${result.rowsPerSec} rows/s parse+validate (JSON.parse baseline ${result.jsonParseRowsPerSec}/s, ratio ${result.ratioToJsonParse}); rss ${result.rssMB} MB\n`,
);
