// Summarizes a V8 .cpuprofile (node --cpu-prof) by self time per function
// and per source file, to see where an import's JavaScript time goes.
//
//   npx tsx bench/lib/cpu-profile-summary.ts FILE.cpuprofile [--top=30]

import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summarize(profile: Profile, top = 30) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const totalUs = profile.endTime - profile.startTime;
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url.replace(/^.*\/(node_modules\/|src\/|bench\/)/, '$1') || '(native)';
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const f = short.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*$/, 'node_modules/$1');
    file.set(f, (file.get(f) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) => `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${k}`,
      );
  return { totalSeconds: totalUs / 1e6, functions: rows(fn), files: rows(file) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  if (!path) throw new Error('usage: cpu-profile-summary.ts FILE.cpuprofile [--top=N]');
  const topArg = process.argv.find((a) => a.startsWith('--top='));
  const s = summarize(JSON.parse(readFileSync(path, 'utf8')), topArg ? Number(topArg.slice(6)) : 30);
  console.log(
    `profile: ${s.totalSeconds.toFixed(1)} s\n\nby file (self time):\n${s.files.join('\n')}\n\nby function (self time):\n${s.functions.join('\n')}`,
  );
}
