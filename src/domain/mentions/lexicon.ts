import { z } from 'zod';
import { Invalid } from '../errors.ts';
import { Automaton, type Hit, leftmostLongest } from './automaton.ts';
import {
  DEFAULT_LEXICON,
  LABOR_RISK_CATEGORIES,
  type Lexicon,
  type LexiconPair,
  type LexiconTerm,
} from './lexicon-data.ts';
import { CLAUSE_BREAK, inSpans, isNegated, NEGATION_BLOCKERS, REFUTATION_CUES, refutedSpans } from './negation.ts';
import { normalizeText } from './normalize.ts';

// Labor-risk classification of one feed item against a lexicon (defaults in
// lexicon-data.ts). Terms are matched leftmost-longest on folded text, so
// 拖欠工资 counts once (not again as 拖欠), and 集体停运 is a stoppage, not
// a gathering (集体). Offsets are into the original text, as for mentions.
// A user override (JSON) is validated by lexiconOverrideSchema and merged by
// applyLexiconOverride before createClassifier.

const termSchema = z.object({
  term: z.string().trim().min(1).max(32),
  category: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'expected a snake_case category such as arrears'),
  severity: z.number().int().min(1).max(5),
  /** Defaults to true for the extreme category, false otherwise. */
  major: z.boolean().optional(),
});

export const lexiconOverrideSchema = z
  .object({
    /** true: `terms` is the whole lexicon; false: merged onto the defaults. */
    replace: z.boolean().default(false),
    /** New terms; a term already present is redefined. */
    terms: z.array(termSchema).max(5000).default([]),
    /** Default terms to drop (ignored with replace). */
    remove: z.array(z.string().trim().min(1)).default([]),
    /** Replaces the negation cues when given; [] turns negation off. */
    negations: z.array(z.string().trim().min(1).max(16)).optional(),
  })
  .strict();
export type LexiconOverride = z.infer<typeof lexiconOverrideSchema>;

/** Validates parsed JSON; throws Invalid listing every problem. */
export function parseLexiconOverride(json: unknown): LexiconOverride {
  const parsed = lexiconOverrideSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Invalid(`invalid lexicon override: ${issues.join('; ')}`, { issues });
  }
  return parsed.data;
}

/** Terms are keyed by their folded form, as the matcher sees them. */
export function applyLexiconOverride(base: Lexicon, override: LexiconOverride): Lexicon {
  const byTerm = new Map<string, LexiconTerm>();
  if (!override.replace) {
    const removed = new Set(override.remove.map(normalizeText));
    for (const t of base.terms) if (!removed.has(normalizeText(t.term))) byTerm.set(normalizeText(t.term), t);
  }
  for (const t of override.terms) {
    byTerm.set(normalizeText(t.term), {
      term: t.term,
      category: t.category,
      severity: t.severity,
      major: t.major ?? t.category === 'extreme',
    });
  }
  return {
    terms: [...byTerm.values()],
    pairs: override.replace ? [] : base.pairs,
    negations: override.negations ?? base.negations,
  };
}

export interface RiskHit {
  category: string;
  term: string;
  severity: number;
  major: boolean;
  /** UTF-16 offset and length in the original text. */
  offset: number;
  length: number;
  /** Negated in its clause (并未拖欠), denied (否认欠薪) or refuted (辟谣); summaries skip it. */
  negated: boolean;
}

export interface RiskSummary {
  /** No risk term, or only negated ones: the item is kept but neutral. */
  neutral: boolean;
  /** 0 when neutral. */
  maxSeverity: number;
  /** Distinct categories, in LABOR_RISK_CATEGORIES order, then others. */
  categories: string[];
  major: boolean;
}

export interface Classifier {
  readonly lexicon: Lexicon;
  classify(text: string): RiskHit[];
}

/** Longest negator (4) plus its widest reach (6), with room to spare. */
const NEGATION_WINDOW = 12;

/**
 * What a classifier needs from a scan: its words (terms, pair heads and
 * tails, refutation cues), its negation words (negators, then blockers) and
 * the classification over their hits. The item judge (judge.ts) scans them
 * with everything else in one automaton; createClassifier gives them their own.
 */
export interface ClassifierParts {
  readonly lexicon: Lexicon;
  readonly words: readonly string[];
  /** Negators then NEGATION_BLOCKERS; [] when negation is off. */
  readonly negationWords: readonly string[];
  /**
   * Risk hits from every hit of `words` in the text (scan order, ids as in
   * `words`). `negationHits`: every hit of `negationWords` in the whole
   * text (ids as in `negationWords` plus `negationBase`), or undefined to
   * scan the few characters before each term.
   */
  select(text: string, all: Hit[], negationHits?: readonly Hit[], negationBase?: number): RiskHit[];
}

export function prepareClassifier(lexicon: Lexicon = DEFAULT_LEXICON): ClassifierParts {
  // A term listed twice (after folding) keeps its last definition.
  const byTerm = new Map<string, LexiconTerm>();
  for (const t of lexicon.terms) byTerm.set(normalizeText(t.term), t);
  const terms = [...byTerm.values()];
  // Pair heads and tails ride in the term automaton (ids past the terms) so
  // the text is scanned once; a matched pair becomes one synthetic hit.
  const pairs = lexicon.pairs;
  const partOf: Array<{ pair: number; head: boolean }> = [];
  const partWords: string[] = [];
  pairs.forEach((p, k) => {
    for (const w of p.heads) {
      partWords.push(w);
      partOf.push({ pair: k, head: true });
    }
    for (const w of p.tails) {
      partWords.push(w);
      partOf.push({ pair: k, head: false });
    }
  });
  // Refutation cues ride in the same automaton (past the pair words): the
  // one scan tells whether refutedSpans needs to look at all.
  const words = [...terms.map((t) => t.term), ...partWords, ...REFUTATION_CUES];
  const T = terms.length;
  const firstRefutation = T + partWords.length;
  const negators = lexicon.negations;
  const negationWords = negators.length > 0 ? [...negators, ...NEGATION_BLOCKERS] : [];
  // Built on first use: the item judge brings its own hits.
  let negations: Automaton | undefined;

  const describe = (h: Hit): LexiconTerm => {
    if (h.pattern < T) return terms[h.pattern]!;
    const p = pairs[h.pattern - T]!;
    return { term: p.term, category: p.category, severity: p.severity, major: p.category === 'extreme' };
  };

  /** Negators and blockers inside text[from, to), as a scan of just that window finds them. */
  const negationsIn = (
    text: string,
    from: number,
    to: number,
    negationHits: readonly Hit[] | undefined,
    base: number,
  ): Hit[] => {
    if (negationHits === undefined) {
      negations ??= Automaton.build(negationWords);
      return negations.scan(text, from, to);
    }
    const out: Hit[] = [];
    for (const n of negationHits)
      if (n.start >= from && n.end <= to) out.push({ pattern: n.pattern - base, start: n.start, end: n.end });
    return out;
  };

  function select(text: string, found: Hit[], negationHits?: readonly Hit[], negationBase = 0): RiskHit[] {
    let all = found;
    if (all.length === 0) return [];
    let refuting = false;
    for (const h of all) if (h.pattern >= firstRefutation) refuting = true;
    if (refuting) all = all.filter((h) => h.pattern < firstRefutation);
    const candidates = partWords.length > 0 ? withPairs(text, all, T, pairs, partOf) : all;
    const chosen = leftmostLongest(candidates);
    if (chosen.length === 0) return [];
    const refuted = refuting ? refutedSpans(text) : [];
    const out: RiskHit[] = [];
    for (let k = 0; k < chosen.length; k++) {
      const h = chosen[k]!;
      const t = describe(h);
      // Negators reach a few characters back: look at just that window, not the item.
      let negated = inSpans(refuted, h.start);
      if (!negated && negationWords.length > 0 && (negationHits === undefined || negationHits.length > 0)) {
        const negs = leftmostLongest(
          negationsIn(text, Math.max(0, h.start - NEGATION_WINDOW), h.start, negationHits, negationBase),
        );
        negated = negs.length > 0 && isNegated(text, h, negs, negators, chosen[k - 1]);
      }
      out.push({
        category: t.category,
        term: t.term,
        severity: t.severity,
        major: t.major,
        offset: h.start,
        length: h.end - h.start,
        negated,
      });
    }
    return out;
  }
  return { lexicon, words, negationWords, select };
}

export function createClassifier(lexicon: Lexicon = DEFAULT_LEXICON): Classifier {
  const parts = prepareClassifier(lexicon);
  const automaton = Automaton.build(parts.words);
  return { lexicon, classify: (text) => parts.select(text, automaton.scan(text)) };
}

/**
 * Plain term hits plus one synthetic hit (pattern T + pair index) per head
 * followed, within the pair's gap and the same clause, by one of its tails.
 * A zero gap is left to the plain terms (拖欠工资), so a span never counts twice.
 */
function withPairs(
  text: string,
  all: Hit[],
  T: number,
  pairs: readonly LexiconPair[],
  partOf: ReadonlyArray<{ pair: number; head: boolean }>,
): Hit[] {
  let anyHead = false;
  let anyTail = false;
  let anyPart = false;
  for (const h of all) {
    if (h.pattern < T) continue;
    anyPart = true;
    if (partOf[h.pattern - T]!.head) anyHead = true;
    else anyTail = true;
  }
  // The usual item has no head-and-tail pair: no copy, no garbage.
  if (!anyPart) return all;
  const out: Hit[] = [];
  const heads: Hit[] = [];
  const tails: Hit[] = [];
  for (const h of all) {
    if (h.pattern < T) out.push(h);
    else if (partOf[h.pattern - T]!.head) heads.push(h);
    else tails.push(h);
  }
  if (!anyHead || !anyTail) return out;
  for (const h of heads) {
    const k = partOf[h.pattern - T]!.pair;
    const gap = pairs[k]!.gap;
    for (const t of tails) {
      if (partOf[t.pattern - T]!.pair !== k || t.start <= h.end || t.start - h.end > gap) continue;
      if (CLAUSE_BREAK.test(text.slice(h.end, t.start))) continue;
      out.push({ pattern: T + k, start: h.start, end: t.end });
      break;
    }
  }
  return out;
}

let defaultClassifier: Classifier | undefined;

/** Classifies with the default lexicon (built on first use). */
export function classify(text: string): RiskHit[] {
  defaultClassifier ??= createClassifier();
  return defaultClassifier.classify(text);
}

export function summarizeRisk(hits: readonly RiskHit[]): RiskSummary {
  if (hits.length === 0) return { neutral: true, maxSeverity: 0, categories: [], major: false };
  // Loops rather than filter/Set/spread: this runs for every stored item.
  let live = 0;
  let maxSeverity = 0;
  let major = false;
  const seen: string[] = [];
  for (const h of hits) {
    if (h.negated) continue;
    live++;
    maxSeverity = Math.max(maxSeverity, h.severity);
    if (h.major) major = true;
    if (!seen.includes(h.category)) seen.push(h.category);
  }
  const categories: string[] = [];
  if (seen.length > 0) {
    const known: readonly string[] = LABOR_RISK_CATEGORIES;
    for (const c of known) if (seen.includes(c)) categories.push(c);
    for (const c of seen) if (!known.includes(c)) categories.push(c);
  }
  return { neutral: live === 0, maxSeverity, categories, major };
}
