import { describe, expect, it } from 'vitest';
import { evaluate, formatResult, loadItems } from '../helpers/judgement-eval.ts';

// Issue 14: the labelled judgement set (test/fixtures/judgement/) through
// the real analysis pipeline must hold precision ≥ 0.95 and recall ≥ 0.9
// for firm mentions and for risk categories. CI runs this with `npm test`;
// `npm run eval:judgement -- --misses` shows every miss.

const result = evaluate();

describe('judgement evaluation set', () => {
  it('has at least 300 labelled items, every kind of hard case included', () => {
    const items = loadItems();
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.filter((i) => i.negated).length).toBeGreaterThanOrEqual(20);
    expect(items.filter((i) => i.place === 'elsewhere').length).toBeGreaterThanOrEqual(20);
    expect(items.filter((i) => i.story !== null).length).toBeGreaterThanOrEqual(20);
    expect(items.filter((i) => i.id.startsWith('d')).length).toBeGreaterThanOrEqual(20);
  });

  it('firm mentions: precision ≥ 0.95, recall ≥ 0.9', () => {
    expect(result.firms.precision, formatResult(result)).toBeGreaterThanOrEqual(0.95);
    expect(result.firms.recall, formatResult(result)).toBeGreaterThanOrEqual(0.9);
  });

  it('risk categories: precision ≥ 0.95, recall ≥ 0.9', () => {
    expect(result.risks.precision, formatResult(result)).toBeGreaterThanOrEqual(0.95);
    expect(result.risks.recall, formatResult(result)).toBeGreaterThanOrEqual(0.9);
  });

  it('places and stories hold the figures documented in docs/scoring.md', () => {
    for (const [p, s] of Object.entries(result.place)) {
      expect(s.precision, p).toBeGreaterThanOrEqual(0.95);
      expect(s.recall, p).toBeGreaterThanOrEqual(0.85);
    }
    expect(result.stories.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.stories.recall).toBeGreaterThanOrEqual(0.9);
  });
});
