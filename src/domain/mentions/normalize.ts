// Text is folded one UTF-16 code unit at a time, onto exactly one code unit.
// That keeps the folded string the same length as the original, so every
// offset found in folded text is also an offset into the original: callers
// slice the original with it and never need an offset map. The price is
// that folds which change length (NFKC expansions like ㈱ → (株), 'İ' → 'i̇')
// are not applied; none of them matter for Chinese firm names or headlines.

/** Code unit → folded code unit, for every UTF-16 code unit. */
export const FOLD: Uint16Array = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    let f = c;
    // Full-width ASCII (Ｋ, （, ０) is common in Chinese copy; fold it first so
    // the case fold below sees the half-width letter.
    if (f >= 0xff01 && f <= 0xff5e) f -= 0xfee0;
    else if (f === 0x3000 || f === 0x00a0) f = 0x20;
    // Lone surrogates must stay themselves so astral characters still match
    // pair-for-pair.
    if (f < 0xd800 || f > 0xdfff) {
      const lower = String.fromCharCode(f).toLowerCase();
      if (lower.length === 1) f = lower.charCodeAt(0);
    }
    table[c] = f;
  }
  return table;
}

/** Full-width → half-width and lower case, same length as the input. */
export function normalizeText(s: string): string {
  let out = '';
  let runStart = 0;
  // Most characters fold to themselves; copy unchanged runs in one slice.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = FOLD[c] as number;
    if (f !== c) {
      out += s.slice(runStart, i) + String.fromCharCode(f);
      runStart = i + 1;
    }
  }
  return runStart === 0 ? s : out + s.slice(runStart);
}

/** True for a folded ASCII letter or digit, which need word boundaries. */
export function isAsciiWordUnit(folded: number): boolean {
  return (folded >= 0x61 && folded <= 0x7a) || (folded >= 0x30 && folded <= 0x39);
}
