import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton, buildMatcher, leftmostLongest, normalizeText } from '../../../src/domain/mentions/index.ts';

// Small alphabets on purpose: aliases and filler share characters, so random
// texts are full of nested, overlapping and accidental matches.
// Generous: the shared CI machine can be slow, and 300 runs is a few seconds.
const PROPERTY_TIMEOUT_MS = 60_000;

const CHARS = [...'快兔跑腿达马盒鲜生骑手，Aaｂ（(']; // includes full-width and case pairs
const char = fc.constantFrom(...CHARS);
const word = fc.array(char, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
const filler = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));

/** Every occurrence by brute force on folded text, as [pattern, start, end]. */
function bruteForce(patterns: string[], text: string): [number, number, number][] {
  const t = normalizeText(text);
  const out: [number, number, number][] = [];
  patterns.forEach((p, id) => {
    const q = normalizeText(p);
    for (let i = t.indexOf(q); i !== -1; i = t.indexOf(q, i + 1)) {
      const asciiWord = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c);
      if (/^[a-z0-9]/.test(q) && asciiWord(t[i - 1])) continue;
      if (/[a-z0-9]$/.test(q) && asciiWord(t[i + q.length])) continue;
      out.push([id, i, i + q.length]);
    }
  });
  return out;
}

describe('normalizeText', () => {
  it('keeps the length of any string, so offsets carry over', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => normalizeText(s).length === s.length));
  });

  it('folds full-width ASCII, the ideographic space and case', () => {
    expect(normalizeText('ＡＢｃ（１）\u3000Kuai')).toBe('abc(1) kuai');
    expect(normalizeText('快兔跑腿')).toBe('快兔跑腿');
  });
});

describe('Automaton.scan', () => {
  it(
    'finds exactly the occurrences a brute-force search finds',
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
          fc.array(char, { maxLength: 40 }),
          (pats, cs) => {
            const text = cs.join('');
            const key = (h: [number, number, number]): string => h.join(',');
            const got = Automaton.build(pats)
              .scan(text)
              .map((h): [number, number, number] => [h.pattern, h.start, h.end]);
            expect(got.map(key).sort()).toEqual(bruteForce(pats, text).map(key).sort());
          },
        ),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** Reference leftmost-longest: at each position, the longest occurrence. */
function referenceSelection(hits: [number, number, number][], length: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < length; ) {
    const here = hits.filter((h) => h[1] === i);
    const longest = Math.max(0, ...here.map((h) => h[2] - h[1]));
    if (longest === 0) {
      i++;
      continue;
    }
    for (const h of here.filter((x) => x[2] - x[1] === longest).sort((a, b) => a[0] - b[0])) out.push(h.join(','));
    i += longest;
  }
  return out;
}

describe('leftmostLongest', () => {
  it(
    'agrees with a position-by-position reference',
    () => {
      fc.assert(
        fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(char, { maxLength: 40 }), (pats, cs) => {
          const text = cs.join('');
          const got = leftmostLongest(Automaton.build(pats).scan(text)).map((h) =>
            [h.pattern, h.start, h.end].join(','),
          );
          expect(got).toEqual(referenceSelection(bruteForce(pats, text), text.length));
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('findMentions (property)', () => {
  const aliasSet = fc.uniqueArray(word, { minLength: 1, maxLength: 8, selector: normalizeText });

  it(
    'finds every inserted plain alias at its offset unless a longer or earlier one covers it',
    () => {
      fc.assert(
        fc.property(
          aliasSet.chain((aliases) =>
            fc.tuple(
              fc.constant(aliases),
              fc.array(fc.boolean(), { minLength: aliases.length, maxLength: aliases.length }),
              fc.array(fc.tuple(filler, fc.nat(aliases.length - 1)), { minLength: 1, maxLength: 6 }),
              filler,
            ),
          ),
          ([aliases, ambiguous, pieces, tail]) => {
            // Three firms share the aliases, so ambiguous ones can be vouched for.
            const patterns = aliases.map((text, i) => ({ text, firmId: (i % 3) + 1, ambiguous: ambiguous[i]! }));
            // Short Han aliases need a boundary (test/unit/mentions/short-alias.test.ts); here every alias is plain.
            const matcher = buildMatcher(patterns, { sectorCues: [], shortAlias: 0 });
            let text = '';
            const inserted: { offset: number; length: number }[] = [];
            for (const [fill, k] of pieces) {
              text += fill;
              if (!ambiguous[k]) inserted.push({ offset: text.length, length: aliases[k]!.length });
              text += aliases[k];
            }
            text += tail;
            const found = matcher.findMentions(text);
            // Surface text always folds to the alias; mentions never overlap.
            let end = 0;
            for (const m of found) {
              expect(normalizeText(text.slice(m.offset, m.offset + m.length))).toBe(normalizeText(m.alias));
              expect(m.offset).toBeGreaterThanOrEqual(end);
              end = m.offset + m.length;
              // Without sector cues, an ambiguous alias needs a plain one of its firm.
              if (m.ambiguous) expect(found.some((o) => !o.ambiguous && o.firmId === m.firmId)).toBe(true);
            }
            for (const ins of inserted) {
              const t = normalizeText(text);
              const word = (i: number): boolean => /[a-z0-9]/.test(t[i] ?? '');
              const glued =
                (word(ins.offset) && word(ins.offset - 1)) ||
                (word(ins.offset + ins.length - 1) && word(ins.offset + ins.length));
              // A Latin alias glued to Latin filler is not a word on its own.
              if (glued) continue;
              const cover = found.find((m) => m.offset <= ins.offset && ins.offset < m.offset + m.length);
              expect(cover).toBeDefined();
              if (!cover) continue;
              if (cover.offset === ins.offset) expect(cover.length).toBeGreaterThanOrEqual(ins.length);
            }
          },
        ),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
