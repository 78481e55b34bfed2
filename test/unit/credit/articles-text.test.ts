import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARTICLES, type Citation, type LawId } from '../../../src/domain/credit/articles.ts';

// Each citation marked verified is checked against the published text
// vendored in test/fixtures/law/ (source, commit and licence in each file):
// the article exists there and every quoted phrase is in that article.

const FIXTURE: Partial<Record<LawId, string>> = {
  O45: 'renshebu-ling-45-2021.md',
  XZFY: 'xingzheng-fuyi-fa-2023.md',
  XZSS: 'xingzheng-susong-fa-2017.md',
  MSSS: 'minshi-susong-fa-2023.md',
  XZCF: 'xingzheng-chufa-fa-2021.md',
  SHXY: 'shanghai-shehui-xinyong-tiaoli-2017.md',
  XXGK: 'zhengfu-xinxi-gongkai-tiaoli-2019.md',
  LDJC: 'laodong-baozhang-jiancha-tiaoli-2004.md',
};

/** 第X条 → the article's text (its first line up to the next article's heading). */
function articlesOf(file: string): Map<string, string> {
  const text = readFileSync(new URL(`../../fixtures/law/${file}`, import.meta.url), 'utf8');
  const out = new Map<string, string>();
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^(第[一二三四五六七八九十百零]+条)\s/.exec(line);
    if (m) {
      current = m[1]!;
      out.set(current, '');
    }
    if (current !== null) out.set(current, `${out.get(current)! + line}\n`);
  }
  return out;
}

const entries = Object.entries(ARTICLES) as Array<[string, Citation]>;

describe('credit citations against the vendored law texts', () => {
  it('has a vendored text for the law of every verified citation, and the whole 45号令 (20 articles)', () => {
    for (const [key, a] of entries.filter(([, a]) => a.verified)) expect(FIXTURE[a.law], key).toBeDefined();
    expect([...articlesOf(FIXTURE.O45!).keys()]).toHaveLength(20);
  });

  it.each(entries.filter(([, a]) => a.verified))('%s: the article is in the text and quotes it verbatim', (_key, a) => {
    expect(a.quotes.length).toBeGreaterThan(0);
    const body = articlesOf(FIXTURE[a.law]!).get(a.article!);
    expect(body, `${a.law} ${a.article}`).toBeDefined();
    for (const q of a.quotes) expect(body).toContain(q);
  });

  it('leaves unverified every citation of a law whose text is not vendored (人社部令第29号), and quotes nothing for them', () => {
    const unverified = entries.filter(([, a]) => !a.verified);
    expect(unverified.length).toBeGreaterThan(0);
    for (const [key, a] of unverified) {
      expect(FIXTURE[a.law], key).toBeUndefined();
      expect(a.quotes, key).toEqual([]);
    }
  });

  it('the parser finds a quote only in its own article (a wrong article number fails)', () => {
    const o45 = articlesOf(FIXTURE.O45!);
    expect(o45.get('第十一条')).toContain('期限为3年');
    expect(o45.get('第十二条')).not.toContain('期限为3年');
    expect(o45.get('第十七条')).toContain('10个工作日内');
  });
});
