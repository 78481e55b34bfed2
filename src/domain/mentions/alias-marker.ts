// The firms file marks an alias ambiguous (a short brand that is also an
// ordinary word, so it needs a cue before it counts as a mention) with a
// trailing `?` or `*`, half- or full-width: 别名 `饿了么?、饿了么外卖`.
// A marker keeps the 别名 column one cell of plain names, so files written
// before the marker existed still import unchanged.

const MARKER = /[?？*＊]+$/u;

export interface AliasEntry {
  alias: string;
  ambiguous: boolean;
}

/** `饿了么?` → { alias: '饿了么', ambiguous: true }; an alias of markers only is empty. */
export function parseAliasMarker(raw: string): AliasEntry {
  const trimmed = raw.trim();
  const alias = trimmed.replace(MARKER, '').trim();
  return { alias, ambiguous: alias.length < trimmed.length };
}
