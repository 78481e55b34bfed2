import type { Hit } from './automaton.ts';

// Chinese has no spaces, so a short brand (美团, 滴滴, 百世, 中通) occurs inside
// ordinary words: 完美团队, 点点滴滴, 流芳百世, 中通客车. What a reader uses to
// tell them apart is what sits on each side of the brand:
//   strong: the text edge, a non-Han character (punctuation, Latin, digits),
//           or a cue word / another firm's alias right against it (美团外卖,
//           外卖平台美团, 美团饿了么);
//   weak:   a function character that commonly borders a name (在美团, 美团的,
//           据美团, 美团称);
//   glued:  any other Han character (完美团队: 完 and 队).
// What stands before a brand is telling: a function word, punctuation, a
// cue or a verb of dealing with a firm (投诉, 加入, 约谈). A brand glued to
// the character before it (完美团队, 点点滴滴, 流芳百世, 你饿了么) is inside
// another word, unless a cue word or alias follows right after (…滴滴出行).
// Glued after (美团拖欠, 中通客车) is common for a subject, so it only asks
// for a cue. A short alias strong on both sides is a word of its own and
// counts like any alias; everything else needs a cue.

export type Standing = 'embedded' | 'standalone' | 'needs-cue';

/** Han characters (CJK unified ideographs, ext. A, compatibility, astral via surrogates). */
export function isHan(u: number): boolean {
  return (
    (u >= 0x4e00 && u <= 0x9fff) ||
    (u >= 0x3400 && u <= 0x4dbf) ||
    (u >= 0xf900 && u <= 0xfaff) ||
    (u >= 0xd800 && u <= 0xdfff)
  );
}

/** True for an alias of at most `max` code units, all Han: 美团, 滴滴, 中通. */
export function isShortHan(alias: string, max: number): boolean {
  if (alias.length === 0 || alias.length > max) return false;
  for (let i = 0; i < alias.length; i++) if (!isHan(alias.charCodeAt(i))) return false;
  return true;
}

// Characters that commonly stand before / after a name in news copy.
const WEAK_BEFORE = codeUnits(
  '在据向与和及对被给从为由将把让跟同或是称到经如于的了即找问诉入谈告用册靠离职区市县镇街下',
);
const WEAK_AFTER = codeUnits('的称等与和及在将已也都是被对向就还再又则于给把方旗公员回表发里了吗呢啊、');

function codeUnits(chars: string): Uint8Array {
  const set = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

enum Side {
  Glued,
  Weak,
  Strong,
  Touching,
}

/** Another hit (alias or cue word) ends where this one starts. */
function endsAt(all: readonly Hit[], at: number): boolean {
  for (const o of all) if (o.end === at) return true;
  return false;
}

/** Another hit starts where this one ends. */
function startsAt(all: readonly Hit[], at: number): boolean {
  for (const o of all) if (o.start === at) return true;
  return false;
}

function sideBefore(text: string, start: number, all: readonly Hit[]): Side {
  if (start === 0) return Side.Strong;
  const u = text.charCodeAt(start - 1);
  if (endsAt(all, start)) return Side.Touching;
  if (!isHan(u)) return Side.Strong;
  return WEAK_BEFORE[u] === 1 ? Side.Weak : Side.Glued;
}

function sideAfter(text: string, end: number, all: readonly Hit[]): Side {
  if (end === text.length) return Side.Strong;
  const u = text.charCodeAt(end);
  if (startsAt(all, end)) return Side.Touching;
  if (!isHan(u)) return Side.Strong;
  return WEAK_AFTER[u] === 1 ? Side.Weak : Side.Glued;
}

/**
 * How a conditional alias hit stands in its text. `all` are every hit of
 * the scan (aliases and cue words); one ending where the alias starts, or
 * starting where it ends, makes that side strong. Hits per item are few, so
 * a linear look beats building an index (and makes no garbage).
 */
export function standing(text: string, h: Hit, all: readonly Hit[]): Standing {
  const before = sideBefore(text, h.start, all);
  const after = sideAfter(text, h.end, all);
  if (before === Side.Glued) return after === Side.Touching ? 'needs-cue' : 'embedded';
  return strong(before) && strong(after) ? 'standalone' : 'needs-cue';
}

function strong(s: Side): boolean {
  return s === Side.Strong || s === Side.Touching;
}
