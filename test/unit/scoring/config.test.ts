import { describe, expect, it } from 'vitest';
import {
  defaultModelConfig,
  type ModelConfig,
  modelConfigSchema,
  modelVersion,
  parseModelConfig,
} from '../../../src/domain/scoring/index.ts';
import { canonicalJson, fnv1a64 } from '../../../src/domain/scoring/hash.ts';

/** Every numeric leaf of the config as a path, e.g. ['levels', 'red']. */
function numericPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => numericPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => numericPaths(v, [...path, k]));
  return [];
}

/** A partial override that changes one leaf a little, staying valid. */
function nudge(path: Array<string | number>): unknown {
  const read = path.reduce<unknown>(
    (o, k) => (o as Record<string, unknown>)[k as string],
    defaultModelConfig,
  ) as number;
  // Lowering keeps orders (levels, severity table) valid for most leaves; raise where lowering cannot work.
  const lowerable = read > 1 && !(path[0] === 'opinion' && path[1] === 'severityPoints') && path[0] !== 'levels';
  let next = Number.isInteger(read) ? (lowerable ? read - 1 : read + 1) : lowerable ? read * 0.99 : read * 1.01 + 0.001;
  if (path[0] === 'levels') next = read + (path[1] === 'red' ? 1 : 0.5);
  if (path[0] === 'opinion' && path[1] === 'severityPoints') next = read + 0.001;
  if (path.join('.') === 'affiliation.share' || path.join('.') === 'affiliation.decay') next = read * 0.99;
  let out: unknown = next;
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i]!;
    if (typeof k === 'number') {
      const arr = [
        ...(path
          .slice(0, i)
          .reduce<unknown>((o, p) => (o as Record<string, unknown>)[p as string], defaultModelConfig) as number[]),
      ];
      arr[k] = out as number;
      out = arr;
    } else out = { [k]: out };
  }
  return out;
}

describe('model config', () => {
  it('the defaults satisfy the schema and are frozen', () => {
    expect(modelConfigSchema.parse(defaultModelConfig)).toEqual(defaultModelConfig);
    expect(Object.isFrozen(defaultModelConfig.inspection.violationWeights)).toBe(true);
  });

  it('merges a partial override over the defaults (arrays replace)', () => {
    const c = parseModelConfig({ halfLifeDays: { opinion: 3 }, opinion: { severityPoints: [0, 1, 2, 3, 4, 5] } });
    expect(c.halfLifeDays).toEqual({ inspections: 180, petitions: 60, opinion: 3 });
    expect(c.opinion.severityPoints).toEqual([0, 1, 2, 3, 4, 5]);
    expect(c.opinion.majorFactor).toBe(2);
    expect(parseModelConfig(undefined)).toEqual(defaultModelConfig);
    expect(parseModelConfig(null)).toEqual(defaultModelConfig);
  });

  it.each([
    [{ levels: { orange: 85 } }, /levels\.orange: must be below red/],
    [{ inspection: { violationWeights: { wage_arrears: -1 } } }, /inspection\.violationWeights\.wage_arrears: /],
    [{ inspection: { violationWeights: { wage_arears: 5 } } }, /inspection\.violationWeights: .*wage_arears/],
    [{ petition: { collectiveThreshold: 9.5 } }, /petition\.collectiveThreshold: /],
    [{ petition: { repeatFactor: 0.5 } }, /petition\.repeatFactor: /],
    [{ opinion: { severityPoints: [0, 2, 1, 3, 4, 5] } }, /opinion\.severityPoints\.2: must not be below/],
    [{ opinion: { severityPoints: [0, 1] } }, /opinion\.severityPoints: /],
    [{ halfLifeDays: { petitions: 0 } }, /halfLifeDays\.petitions: /],
    [{ triggers: { majorOpinion: { level: 'purple' } } }, /triggers\.majorOpinion\.level: /],
    [{ squash: { k: 'fifty' } }, /squash\.k: /],
    [{ colour: 'red' }, /\(root\): Unrecognized key: "colour"/],
    [[1, 2], /\(root\): expected an object/],
  ])('rejects %j naming the path', (override, message) => {
    expect(() => parseModelConfig(override)).toThrow(message);
    expect(() => parseModelConfig(override)).toThrow(/^invalid scoring model config: /);
  });
});

describe('modelVersion', () => {
  it('is short, stable and independent of key order', () => {
    const v = modelVersion(defaultModelConfig);
    expect(v).toMatch(/^risk-[0-9a-f]{12}$/);
    expect(modelVersion(parseModelConfig({}))).toBe(v);
    const reversed = JSON.parse(JSON.stringify(defaultModelConfig), function (this: unknown, _k, val: unknown) {
      return val && typeof val === 'object' && !Array.isArray(val)
        ? Object.fromEntries(Object.entries(val).reverse())
        : val;
    }) as ModelConfig;
    expect(Object.keys(reversed)[0]).toBe('contributionsLimit');
    expect(modelVersion(reversed)).toBe(v);
  });

  it('changes when any single parameter changes', () => {
    const paths = numericPaths(defaultModelConfig);
    expect(paths.length).toBeGreaterThan(60);
    const versions = new Set([modelVersion(defaultModelConfig)]);
    for (const p of paths) {
      const v = modelVersion(parseModelConfig(nudge(p)));
      expect(versions.has(v), p.join('.')).toBe(false);
      versions.add(v);
    }
    // Non-numeric parameters too: a trigger level and an added category.
    expect(versions.has(modelVersion(parseModelConfig({ triggers: { majorOpinion: { level: 'orange' } } })))).toBe(
      false,
    );
    expect(versions.has(modelVersion(parseModelConfig({ opinion: { categoryFactors: { injury: 1.1 } } })))).toBe(false);
  });

  it('FNV-1a 64 matches the reference vectors; canonical JSON sorts keys', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('欠薪')).toBe(fnv1a64('\u6b20\u85aa'));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});
