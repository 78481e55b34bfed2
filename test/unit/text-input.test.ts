import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, hasNul, jsonDepth, nulPath, showNul, stripNul } from '../../src/domain/values/text-input.ts';

describe('text-input limits', () => {
  it('finds NUL in keys and values at any depth, naming the path', () => {
    expect(nulPath({ a: 'x', b: { c: ['ok', 'n\u0000'] } })).toBe('b.c.1');
    expect(nulPath({ 'k\u0000': 1 })).toBe('k\u2400');
    expect(nulPath({ a: 'x', b: [1, null, true] })).toBeNull();
  });

  it('strips and shows NUL without touching other text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(hasNul(stripNul(s))).toBe(false);
        expect(hasNul(showNul(s))).toBe(false);
        if (!hasNul(s)) expect(stripNul(s)).toBe(s);
      }),
    );
  });

  it('measures JSON nesting, ignoring brackets inside strings, and stops past the limit', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
    expect(jsonDepth('['.repeat(50_000))).toBe(MAX_JSON_DEPTH + 1);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expect(jsonDepth(JSON.stringify(v))).toBeLessThanOrEqual(7);
      }),
    );
  });
});
