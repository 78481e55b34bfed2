import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../../src/metrics/registry.ts';
import { schedule } from '../../../jobs/schedule.ts';

// The dashboard and the alert rules name only series the service exports,
// and jobs that exist: a renamed metric or job fails here, not at 3 a.m.

const known = async () => {
  const names = new Set<string>();
  for (const m of await createMetrics().registry.getMetricsAsJSON()) {
    names.add(m.name);
    for (const sfx of ['_bucket', '_sum', '_count']) names.add(m.name + sfx);
  }
  return names;
};
const used = (expr: string) => [...expr.matchAll(/\b(qianshao_[a-z0-9_]+)/g)].map((m) => m[1]!);

describe('monitoring files under docs/monitoring', () => {
  it('the Grafana dashboard is JSON whose queries name exported series', async () => {
    const names = await known();
    const dash = JSON.parse(readFileSync('docs/monitoring/grafana-dashboard.json', 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = dash.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(10);
    for (const e of exprs) for (const n of used(e)) expect(names, `${n} in ${e}`).toContain(n);
  });

  it('the alert rules are YAML naming exported series and scheduled jobs', async () => {
    const names = await known();
    const jobs = new Set(schedule.map((j) => j.name));
    const doc = parse(readFileSync('docs/monitoring/prometheus-rules.yml', 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['QianshaoOutboxStuck', 'QianshaoFeedsFailing', 'QianshaoJobNotRunning']),
    );
    for (const r of rules) {
      for (const n of used(r.expr)) expect(names, `${n} in ${r.alert}`).toContain(n);
      for (const m of r.expr.matchAll(/job=~?"([^"]+)"/g)) {
        if (m[1] === 'qianshao') continue;
        for (const j of m[1]!.split('|')) expect(jobs, `${j} in ${r.alert}`).toContain(j);
      }
    }
  });
});
