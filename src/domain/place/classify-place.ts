// Where an item happens: in the configured district (its name or one of its
// streets), elsewhere (another province, city or Shanghai district), or
// nowhere in particular (national news, a platform's policy). Local wins
// over elsewhere: "长沙来沪的骑手在晨光路街道讨薪" is a local matter. The
// deployment's own city (上海) alone says neither. Pure; build once per
// registry and reuse, since building the automaton costs more than a scan.

import { Automaton, type Hit, leftmostLongest } from '../mentions/automaton.ts';
import { gazetteerNames, LOCAL_CUES, ROAD_SUFFIX } from './gazetteer.ts';

export const PLACES = ['local', 'elsewhere', 'none'] as const;
export type Place = (typeof PLACES)[number];

export interface PlaceResult {
  place: Place;
  /** Names found as written, local ones first, each once. */
  names: string[];
}

export interface LocalPlaces {
  /** The configured districts (示范区, 长宁区). */
  districts: readonly string[];
  /** Their streets and towns (晨光路街道, 松涛镇). */
  streets: readonly string[];
}

export interface Span {
  offset: number;
  length: number;
}

export interface PlaceClassifier {
  classify(text: string, exclude?: readonly Span[]): PlaceResult;
}

// A cue like 区人社局 belongs to the district unless another place name runs
// into it (长宁区人社局: the gazetteer hit takes the span first). A district
// the gazetteer does not know (朝阳区人社局) reads as local: a false local
// costs one item's full weight, a missed one silences every bureau notice.

/** 晨光路街道 → 晨光路, 松涛镇 → 松涛: people write either. */
function streetStems(street: string): string[] {
  const m = /^(.{2,})(街道|镇|乡)$/u.exec(street);
  return m ? [street, m[1]!] : [street];
}

function districtStems(d: string): string[] {
  const m = /^(.{2,})(新区|区|县)$/u.exec(d);
  return m ? [d, m[1]!] : [d];
}

/**
 * What a place classifier needs from a scan: its words (local names, other
 * places, local cues) and the reading of their hits. The item judge
 * (mentions/judge.ts) scans them with every other cue in one automaton.
 */
export interface PlaceParts {
  readonly words: readonly string[];
  /** The place from every hit of `words` in the text (ids as in `words`, plus `base`). */
  select(text: string, all: readonly Hit[], exclude?: readonly Span[], base?: number): PlaceResult;
}

const LOCAL = 0;
const ELSEWHERE = 1;
const CUE = 2;

export function preparePlaces(local: LocalPlaces): PlaceParts {
  const localNames = new Set<string>();
  for (const d of local.districts) for (const n of districtStems(d.trim())) if (n) localNames.add(n);
  for (const s of local.streets) for (const n of streetStems(s.trim())) if (n) localNames.add(n);
  // A configured district that is also in the gazetteer (长宁区) is local here.
  const elsewhere = gazetteerNames().filter((n) => !localNames.has(n));
  const words = [...localNames, ...elsewhere, ...LOCAL_CUES];
  const kinds = Uint8Array.from([
    ...[...localNames].map(() => LOCAL),
    ...elsewhere.map(() => ELSEWHERE),
    ...LOCAL_CUES.map(() => CUE),
  ]);

  function select(text: string, all: readonly Hit[], exclude: readonly Span[] = [], base = 0): PlaceResult {
    if (all.length === 0) return { place: 'none', names: [] };
    // Roads named after places are dropped before the selection, so 南京东路 frees its span.
    const hits = leftmostLongest(all, (h) => admitted(text, h, exclude, base));
    const localFound: string[] = [];
    const elsewhereFound: string[] = [];
    let prevEnd = -1;
    let prevKind = -1;
    for (const h of hits) {
      const kind = kinds[h.pattern - base]!;
      const name = text.slice(h.start, h.end);
      if (kind === CUE) {
        if (!(prevEnd === h.start && prevKind === ELSEWHERE)) localFound.push(name);
      } else (kind === LOCAL ? localFound : elsewhereFound).push(name);
      prevEnd = h.end;
      prevKind = kind;
    }
    const names: string[] = [];
    for (const n of localFound) if (!names.includes(n)) names.push(n);
    for (const n of elsewhereFound) if (!names.includes(n)) names.push(n);
    const place: Place = localFound.length > 0 ? 'local' : elsewhereFound.length > 0 ? 'elsewhere' : 'none';
    return { place, names };
  }

  function admitted(text: string, h: Hit, exclude: readonly Span[], base: number): boolean {
    for (const x of exclude) if (h.start < x.offset + x.length && h.end > x.offset) return false;
    return !(kinds[h.pattern - base] === ELSEWHERE && ROAD_SUFFIX.test(text.slice(h.end, h.end + 3)));
  }
  return { words, select };
}

export function createPlaceClassifier(local: LocalPlaces): PlaceClassifier {
  const parts = preparePlaces(local);
  const automaton = parts.words.length > 0 ? Automaton.build(parts.words) : undefined;
  return {
    classify(text: string, exclude: readonly Span[] = []): PlaceResult {
      if (!automaton) return { place: 'none', names: [] };
      return parts.select(text, automaton.scan(text), exclude);
    },
  };
}
