// A small strict parser of the Prometheus text exposition format (0.0.4):
// every sample must belong to a family declared by # TYPE before it, label
// values must be properly quoted and escaped, values must be numbers. Any
// deviation throws, naming the line.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count', ''],
  counter: ['', '_total'],
  gauge: [''],
  untyped: [''],
};

function parseValue(s: string, line: number): number {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s))
    throw new Error(`line ${line}: bad value ${JSON.stringify(s)}`);
  return Number(s);
}

function parseLabels(s: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(s.slice(i));
    if (!m) throw new Error(`line ${line}: bad label at ${JSON.stringify(s.slice(i))}`);
    i += m[0].length;
    let v = '';
    for (;;) {
      if (i >= s.length) throw new Error(`line ${line}: unterminated label value`);
      const ch = s[i]!;
      if (ch === '\\') {
        const nx = s[i + 1];
        if (nx === 'n') v += '\n';
        else if (nx === '\\' || nx === '"') v += nx;
        else throw new Error(`line ${line}: bad escape \\${nx}`);
        i += 2;
      } else if (ch === '"') {
        i++;
        break;
      } else {
        v += ch;
        i++;
      }
    }
    if (m[1]! in labels) throw new Error(`line ${line}: label ${m[1]} repeated`);
    labels[m[1]!] = v;
    if (s[i] === ',') i++;
    else if (i < s.length) throw new Error(`line ${line}: expected , or } after label ${m[1]}`);
  }
  return labels;
}

export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('exposition must end with a newline');
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw === '') return;
    if (raw.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!m) return; // other comments are allowed
      const [, what, name, rest] = m as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
      const f = families.get(name) ?? { name, type: 'untyped', help: '', samples: [] };
      if (what === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`line ${line}: bad type ${rest}`);
        if (f.samples.length) throw new Error(`line ${line}: TYPE after samples of ${name}`);
        f.type = rest;
      } else f.help = rest;
      families.set(name, f);
      return;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(raw);
    if (!m) throw new Error(`line ${line}: not a sample: ${JSON.stringify(raw)}`);
    const name = m[1]!;
    const family = [...families.values()].find((f) => (SUFFIXES[f.type] ?? ['']).some((sfx) => f.name + sfx === name));
    if (!family) throw new Error(`line ${line}: sample ${name} has no # TYPE before it`);
    family.samples.push({ name, labels: m[3] ? parseLabels(m[3], line) : {}, value: parseValue(m[4]!, line) });
  });
  for (const f of families.values()) {
    if (f.type !== 'histogram') continue;
    for (const s of f.samples)
      if (s.name.endsWith('_bucket') && !('le' in s.labels)) throw new Error(`${f.name}: bucket without le`);
  }
  return families;
}

/** The value of the one sample of `name` whose labels include `labels`. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
