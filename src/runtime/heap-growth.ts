import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past the live data before its
 * next full collection, in percent. By default V8 picks a factor of up to
 * 4× live, and a bulk import allocates fast while keeping little (40–80 MB
 * live while importing a 200 MB file), so the heap fills with garbage:
 * `qianshao import` of the benchmark's 200 MB inspections file peaked at
 * ~290 MB RSS with V8's default and ~215 MB at 50% (petitions: ~220 MB),
 * for 10–20% more CPU in this process. 100% costs about half that extra
 * CPU but peaked at ~230 MB (inspections) and ~260 MB (petitions), too
 * close to the 300 MB target. Measured by sampling the CLI's RSS
 * (bench/lib/cli-rss.ts).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds heap growth for this process; called first thing by the entry
 * points that import files (the CLI, which also serves the HTTP API).
 *
 * Why this flag, set at run time, and not the usual ones:
 * - `v8.setFlagsFromString('--max-old-space-size=…')` is accepted but does
 *   nothing once the heap exists (heap_size_limit stays as it was; checked
 *   on Node 20), and NODE_OPTIONS set from inside only reaches children.
 * - Re-executing the process with `--max-old-space-size` works, but needs
 *   a parent process waiting beside the real one, signals, stdin and exit
 *   codes forwarded, and turns a legitimately large live set (a full
 *   rescore keeps many records in memory) into a fatal out-of-memory crash.
 * - V8 reads `--heap-growing-percent` at every full collection, so setting
 *   it now takes effect from the next one. It bounds garbage relative to
 *   live data rather than capping the heap: a process that needs more
 *   memory still gets it, it only collects more often.
 *
 * An operator's own `--heap-growing-percent=N` or `--max-old-space-size`
 * (on the command line or in NODE_OPTIONS) is left alone.
 */
export function boundHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  const own = /--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size)\b/;
  if (process.execArgv.some((a) => own.test(a)) || own.test(process.env.NODE_OPTIONS ?? '')) return;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
