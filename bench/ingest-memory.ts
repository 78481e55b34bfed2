// Child process of bench/ingest.ts: imports one large inspections CSV (or
// petitions, with --kind=petitions) into a migrated PostgreSQL database
// (firms already loaded) while sampling its own RSS every 100 ms, and prints
// one JSON line with the peak. A process of its own, so the parent's
// generated data and earlier runs do not count.
//
//   node --import tsx bench/ingest-memory.ts FILE DATABASE_URL [--limit-sec=360] [--kind=petitions] [--heap-growing-percent=N]
//   node --expose-gc --import tsx bench/ingest-memory.ts FILE URL --gc-trace   (live heap in the trace)
//
// The process bounds its heap growth as the CLI does (src/entry/heap-growth.ts);
// --heap-growing-percent=N tries another figure, 0 leaves V8's default.
//
// Past the time limit the file stream is cut; the import then fails as any
// interrupted import does and the figures cover the rows read until then.

import { createReadStream, statSync } from 'node:fs';
import { connectPostgres } from '../src/db/connect.ts';
import { HEAP_GROWING_PERCENT, boundHeapGrowth } from '../src/entry/heap-growth.ts';
import { importPath } from './lib/ingest-run.ts';

const [file, url] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file || !url) {
  console.error('usage: ingest-memory.ts FILE DATABASE_URL [--limit-sec=N] [--kind=inspections|petitions] [--heap-growing-percent=N]');
  process.exit(2);
}
const limitArg = process.argv.find((a) => a.startsWith('--limit-sec='));
const limitSec = limitArg ? Number(limitArg.split('=')[1]) : 360;
const gcTrace = process.argv.includes('--gc-trace');
const kind = process.argv.includes('--kind=petitions') ? 'petitions' : 'inspections';
const growthArg = process.argv.find((a) => a.startsWith('--heap-growing-percent='));
const heapGrowingPercent = growthArg ? Number(growthArg.split('=')[1]) : HEAP_GROWING_PERCENT;
if (heapGrowingPercent > 0) boundHeapGrowth(heapGrowingPercent);

const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
let peak = process.memoryUsage().rss;
let samples = 0;
let read = 0;
// Every 5 s: where the memory is, to tell a plateau from a leak.
const trace: Array<{ s: number; rows: number; rssMB: number; heapUsedMB: number; externalMB: number; arrayBuffersMB: number }> = [];
const started = performance.now();
const sample = () => {
  samples++;
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  if (samples % 50 === 0) {
    // Diagnostic (node --expose-gc … --gc-trace): the live heap, not garbage.
    if (gcTrace) (globalThis as { gc?: () => void }).gc?.();
    trace.push({ s: Math.round((performance.now() - started) / 1000), rows: read, rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers) });
  }
};
const sampler = setInterval(sample, 100);

const handle = await connectPostgres(url, { max: 2 });
const rssBefore = process.memoryUsage().rss;
const stream = createReadStream(file, { highWaterMark: 1 << 16 });
let partial: string | null = null;
const timer = setTimeout(() => {
  partial = `stopped after ${limitSec} s (time limit)`;
  stream.destroy(new Error(partial));
}, limitSec * 1000);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let rows = 0;
let accepted = 0;
try {
  const { summary } = await importPath(handle.db, kind, file, { source: `big-${kind}.csv`, stream, onProgress: (n) => (read = n) });
  accepted = summary.accepted;
  rows = summary.accepted + summary.updated + summary.duplicates + summary.rejected.length + (summary.rejectedNotListed ?? 0);
} catch (e) {
  if (partial === null) throw e;
  rows = read;
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearTimeout(timer);
sample();
clearInterval(sampler);
await handle.close();

console.log(JSON.stringify({
  kind,
  fileMB: mb(statSync(file).size),
  rows,
  accepted,
  seconds: Number(seconds.toFixed(1)),
  rowsPerSec: Math.round(rows / seconds),
  // Less sensitive than the wall time to other load on a shared machine.
  nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
  peakRssMB: mb(peak),
  // Kernel high-water mark: catches a spike between two samples.
  maxRssMB: mb(process.resourceUsage().maxRSS * 1024),
  rssBeforeImportMB: mb(rssBefore),
  heapGrowingPercent: heapGrowingPercent > 0 ? heapGrowingPercent : 'V8 default',
  samples,
  partial,
  trace,
}));
