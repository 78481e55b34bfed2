// Deterministic random helpers for generated benchmark data: the same seed
// gives the same files on every machine, so runs compare like with like.

export type Rand = () => number;

/** mulberry32, the same generator the demo data uses. */
export { mulberry32 as prng } from '../../src/demo/prng.ts';

export const int = (rand: Rand, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export const chance = (rand: Rand, p: number): boolean => rand() < p;

/** k distinct items of xs (k <= xs.length), in random order. */
export function pickSome<T>(rand: Rand, xs: readonly T[], k: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  for (let i = 0; i < k && pool.length > 0; i++) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return out;
}
