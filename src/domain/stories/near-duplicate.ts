// One story, many copies: the same article reprinted by several sites (one
// GB2312 portal, one UTF-8 news site, a forum repost with a byline added)
// must count once. Items are compared on their normalised text as sets of
// character 3-grams; MinHash signatures cut into bands give cheap
// candidates (stored as an int[] column with a GIN index), and the exact
// Jaccard / containment of the shingle sets decides. Pure: no I/O.

import { normalizeText } from '../mentions/normalize.ts';

export const SHINGLE = 3;
const HASHES = 32;
const ROWS_PER_BAND = 2; // 16 bands: a pair at Jaccard 0.5 shares a band with p ≈ 0.99
/** Jaccard of the shingle sets at or above which two items are one story. */
export const JACCARD_MIN = 0.5;
/** Share of the smaller item's shingles found in the larger (a summary of a full text). */
export const CONTAINMENT_MIN = 0.8;
/** Below this many shingles only an identical text is a copy: short headlines collide too easily. */
export const MIN_SHINGLES = 8;
/** A contained item needs this many shingles: a bare headline quoted in another story is not a copy. */
export const CONTAINED_MIN_SHINGLES = 20;

// Han, letters and digits survive; punctuation, spaces, bylines' brackets
// and HTML left-overs do not, so re-punctuated copies still compare equal.
const KEEP = /[\p{Script=Han}\p{L}\p{N}]/u;

/** Folded (full-width → half-width, lower case) text with only Han characters, letters and digits. */
export function storyText(title: string, text: string): string {
  const folded = normalizeText(`${title}\n${text}`);
  let out = '';
  for (const ch of folded) if (KEEP.test(ch)) out += ch;
  return out;
}

function fnv32(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The set of 3-gram hashes of a storyText (one gram for texts shorter than 3). */
export function shingles(norm: string): Set<number> {
  const out = new Set<number>();
  if (norm.length === 0) return out;
  if (norm.length < SHINGLE) {
    out.add(fnv32(norm, 0, norm.length));
    return out;
  }
  for (let i = 0; i + SHINGLE <= norm.length; i++) out.add(fnv32(norm, i, i + SHINGLE));
  return out;
}

// A 32-bit finaliser (murmur3 fmix) keyed per hash function.
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(i + 1, 0x9e3779b9));

/** MinHash signature: HASHES unsigned 32-bit minima. */
export function minhash(set: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < HASHES; i++) {
      const v = mix(x, SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/**
 * LSH band keys of a signature, as signed 32-bit integers (PostgreSQL int4);
 * the band number is mixed in so equal values in different bands differ.
 * Two items are candidates when they share any key. Empty text: no keys.
 */
export function bandKeys(set: ReadonlySet<number>): number[] {
  if (set.size === 0) return [];
  const sig = minhash(set);
  const keys: number[] = [];
  for (let b = 0; b < HASHES / ROWS_PER_BAND; b++) {
    let h = mix(b, 0x5bd1e995);
    for (let r = 0; r < ROWS_PER_BAND; r++) h = mix(sig[b * ROWS_PER_BAND + r]!, h);
    keys.push(h | 0);
  }
  return keys;
}

export interface Similarity {
  jaccard: number;
  /** |A ∩ B| / min(|A|, |B|). */
  containment: number;
}

export function similarity(a: ReadonlySet<number>, b: ReadonlySet<number>): Similarity {
  if (a.size === 0 || b.size === 0) return { jaccard: 0, containment: 0 };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return { jaccard: common / (a.size + b.size - common), containment: common / small.size };
}

/** What is compared: the storyText, its shingles, the firms and the places the item names. */
export interface StoryKey {
  norm: string;
  shingles: ReadonlySet<number>;
  firmIds: readonly number[];
  places: readonly string[];
}

export function storyKey(
  title: string,
  text: string,
  firmIds: readonly number[],
  places: readonly string[] = [],
): StoryKey {
  const norm = storyText(title, text);
  return { norm, shingles: shingles(norm), firmIds, places };
}

// "湖南长沙一站点拖欠骑手工资" and "晨光路街道一站点拖欠骑手工资" share most
// of their words and none of their places: two events. Names that contain
// one another (长沙 / 长沙市, 晨光路 / 晨光路街道) are the same place.
function placesConflict(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return !a.some((x) => b.some((y) => x.includes(y) || y.includes(x)));
}

// Templated copy (a bureau's "督办 X 公司拖欠劳动报酬案件" notices) differs
// only in the firm named: two items that each name firms, neither set
// covering the other, are different stories however alike their words.
function firmsConflict(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const sa = new Set(a);
  const sb = new Set(b);
  const aInB = [...sa].every((x) => sb.has(x));
  const bInA = [...sb].every((x) => sa.has(x));
  return !aInB && !bInA;
}

/** Whether two items are copies of one story. */
export function isSameStory(a: StoryKey, b: StoryKey): boolean {
  if (firmsConflict(a.firmIds, b.firmIds) || placesConflict(a.places, b.places)) return false;
  if (a.norm === b.norm) return a.norm.length > 0;
  const small = Math.min(a.shingles.size, b.shingles.size);
  if (small < MIN_SHINGLES) return false;
  const s = similarity(a.shingles, b.shingles);
  return s.jaccard >= JACCARD_MIN || (small >= CONTAINED_MIN_SHINGLES && s.containment >= CONTAINMENT_MIN);
}
