// The labelled judgement set (test/fixtures/judgement/) run through the real
// analysis pipeline: the item judge the ingest uses (firm matcher built from
// the set's registry, the labor-risk classifier with its negation rules, the
// place classifier with the registry's districts and streets), and the story
// comparison. Prints
// and returns precision and recall per label. Used by `npm run
// eval:judgement` and by test/unit/judgement-eval.test.ts (CI thresholds).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AliasPattern, createItemJudge } from '../../src/domain/mentions/index.ts';
import { isSameStory, storyKey } from '../../src/domain/stories/near-duplicate.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'judgement');

export interface LabelledItem {
  id: string;
  firms: string[];
  place: string;
  risks: string[];
  negated: boolean;
  story: string | null;
  text: string;
}

export interface Registry {
  keys: string[];
  patterns: AliasPattern[];
  districts: string[];
  streets: string[];
}

export function loadRegistry(): Registry {
  const [, ...rows] = readFileSync(join(DIR, 'registry.csv'), 'utf8').trim().split('\n');
  const r: Registry = { keys: [], patterns: [], districts: [], streets: [] };
  rows.forEach((row, id) => {
    const [key, name, aliases, ambiguous, , district, street] = row.split(',') as string[];
    r.keys[id] = key!;
    const amb = new Set(ambiguous ? ambiguous.split('|') : []);
    r.patterns.push({ text: name!, firmId: id });
    for (const a of aliases ? aliases.split('|') : []) r.patterns.push({ text: a, firmId: id, ambiguous: amb.has(a) });
    if (district && !r.districts.includes(district)) r.districts.push(district);
    if (street && !r.streets.includes(street)) r.streets.push(street);
  });
  return r;
}

export function loadItems(): LabelledItem[] {
  const out: LabelledItem[] = [];
  for (const line of readFileSync(join(DIR, 'items.txt'), 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [id, firms, place, risks, negated, story, ...text] = line.split(' | ');
    if (!id || !firms || !place || !risks || !negated || !story || text.length === 0)
      throw new Error(`items.txt: bad line: ${line}`);
    out.push({
      id,
      firms: firms === '-' ? [] : firms.split(','),
      place,
      risks: risks === 'neutral' ? [] : risks.split(','),
      negated: negated === '1',
      story: story === '-' ? null : story,
      text: text.join(' | '),
    });
  }
  return out;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  add(predicted: boolean, actual: boolean): void {
    if (predicted && actual) this.tp++;
    else if (predicted) this.fp++;
    else if (actual) this.fn++;
  }
  score(): Score {
    const precision = this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
    const recall = this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
    return { tp: this.tp, fp: this.fp, fn: this.fn, precision, recall };
  }
}

export interface Miss {
  id: string;
  label: string;
  expected: string;
  got: string;
}

export interface EvalResult {
  items: number;
  firms: Score;
  risks: Score;
  perRisk: Record<string, Score>;
  place: Record<string, Score>;
  negation: Score;
  stories: Score;
  misses: Miss[];
}

export function evaluate(items: LabelledItem[] = loadItems(), registry: Registry = loadRegistry()): EvalResult {
  // The judge the ingest uses: every rule over one scan of the item.
  const judge = createItemJudge(registry.patterns, {
    places: { districts: registry.districts, streets: registry.streets },
  });
  const firms = new Tally();
  const risks = new Tally();
  const perRisk = new Map<string, Tally>();
  const place = new Map<string, Tally>(['local', 'elsewhere', 'none'].map((p) => [p, new Tally()]));
  const negation = new Tally();
  const misses: Miss[] = [];
  const keys = [];
  for (const item of items) {
    const a = judge.judge(item.text);
    const gotFirms = [...new Set(a.mentions.map((m) => registry.keys[m.firmId]!))].sort();
    for (const f of new Set([...gotFirms, ...item.firms])) firms.add(gotFirms.includes(f), item.firms.includes(f));
    // 与…无关 clears the firms it names: an item whose every firm is cleared
    // says nothing against any of them (what store-items writes per mention).
    const cleared = a.mentions.length > 0 && a.mentions.every((m) => m.negated);
    const gotRisks = cleared ? [] : a.summary.categories;
    for (const c of new Set([...gotRisks, ...item.risks])) {
      risks.add(gotRisks.includes(c), item.risks.includes(c));
      if (!perRisk.has(c)) perRisk.set(c, new Tally());
      perRisk.get(c)!.add(gotRisks.includes(c), item.risks.includes(c));
    }
    const placed = a.place;
    const gotPlace = placed.place;
    for (const [p, t] of place) t.add(gotPlace === p, item.place === p);
    const gotNegated = a.risks.some((r) => r.negated) || a.mentions.some((m) => m.negated);
    negation.add(gotNegated, item.negated);
    const miss = (label: string, expected: string, got: string) => {
      if (expected !== got) misses.push({ id: item.id, label, expected, got });
    };
    miss('firms', [...item.firms].sort().join(','), gotFirms.join(','));
    miss('risks', [...item.risks].sort().join(','), [...gotRisks].sort().join(','));
    miss('place', item.place, gotPlace);
    miss('negated', String(item.negated), String(gotNegated));
    keys.push(storyKey(item.text, '', [...new Set(a.mentions.map((m) => m.firmId))], placed.names));
  }
  const stories = new Tally();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const actual = items[i]!.story !== null && items[i]!.story === items[j]!.story;
      const predicted = isSameStory(keys[i]!, keys[j]!);
      stories.add(predicted, actual);
      if (predicted !== actual)
        misses.push({
          id: `${items[i]!.id}~${items[j]!.id}`,
          label: 'story',
          expected: String(actual),
          got: String(predicted),
        });
    }
  }
  const scores = (m: Map<string, Tally>) =>
    Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, t.score()]));
  return {
    items: items.length,
    firms: firms.score(),
    risks: risks.score(),
    perRisk: scores(perRisk),
    place: scores(place),
    negation: negation.score(),
    stories: stories.score(),
    misses,
  };
}

const pct = (x: number) => x.toFixed(3);

/** A plain-text table of the figures (what `npm run eval:judgement` prints). */
export function formatResult(r: EvalResult, withMisses = false): string {
  const row = (label: string, s: Score) =>
    `${label.padEnd(22)} ${pct(s.precision)}     ${pct(s.recall)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  const lines = [
    `judgement evaluation: ${r.items} labelled items`,
    `${'label'.padEnd(22)} precision recall`,
    row('firm mentions', r.firms),
    row('risk categories (all)', r.risks),
    ...Object.entries(r.perRisk).map(([k, s]) => row(`  risk: ${k}`, s)),
    ...Object.entries(r.place).map(([k, s]) => row(`place: ${k}`, s)),
    row('negated', r.negation),
    row('same story (pairs)', r.stories),
  ];
  if (withMisses)
    lines.push(
      '',
      ...r.misses.map(
        (m) => `${m.id.padEnd(12)} ${m.label.padEnd(8)} expected ${m.expected || '∅'}  got ${m.got || '∅'}`,
      ),
    );
  return lines.join('\n');
}
