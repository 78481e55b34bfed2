import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeFeedHtml } from '../../../src/ingest/feeds/html.ts';
import { parseFeed } from '../../../src/ingest/feeds/parse-feed.ts';
import { CORPUS_DIR, readCorpusFile } from './corpus-helpers.ts';

// Feed content is hostile input: whatever reaches `html` / `titleHtml` is
// shown in the console, so scripts, event handlers, javascript: URLs and
// styles must never survive.

const FORBIDDEN = [
  /<script/i,
  /<\/script/i,
  /\son[a-z]+\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /\sstyle\s*=/i,
  /<style/i,
  /<iframe/i,
  /<object/i,
  /<embed/i,
  /<form/i,
];
// Scripts, any on*= handler (onclick, onerror and their kin) and javascript:
// URLs, whether the payload is inline markup or escaped HTML.
const HOSTILE_SOURCE = /<script|&lt;script|\bon[a-z]+\s*=|javascript:/i;

const sanitizeDir = 'wellformed/sanitize/';
const hostileFiles = readdirSync(CORPUS_DIR + sanitizeDir)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => sanitizeDir + f)
  .filter((rel) => HOSTILE_SOURCE.test(readCorpusFile(rel).toString('utf8')));

describe('sanitizing the feedparser sanitize/ corpus', () => {
  it('finds the hostile documents', () => {
    expect(hostileFiles.length).toBe(301);
  });

  it('never lets scripts or event handlers through to the HTML output', async () => {
    let checked = 0;
    for (const rel of hostileFiles) {
      const result = await parseFeed(readCorpusFile(rel));
      expect(result.ok, rel).toBe(true);
      if (!result.ok) continue;
      // Titles are plain text: markup from HTML titles never leaks into them.
      for (const title of [result.title, ...result.items.map((i) => i.title)]) {
        expect(title ?? '', rel).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
      }
      for (const item of result.items) {
        for (const html of [item.html, item.titleHtml]) {
          if (html === null) continue;
          checked++;
          for (const pattern of FORBIDDEN) expect(html, `${rel}: ${pattern}`).not.toMatch(pattern);
        }
        expect(item.text, rel).not.toMatch(/alert\(|<script/i);
      }
    }
    // Many hostile files put the payload in feed-level fields we do not
    // output; enough of them reach items for this check to mean something.
    expect(checked).toBeGreaterThan(100);
  }, 30_000);
});

describe('sanitizeFeedHtml', () => {
  it.each([
    ['<p onclick="steal()">hi</p>', '<p>hi</p>'],
    ['<img src="x.png" onerror="alert(1)">', '<img src="https://news.example.cn/a/x.png" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,<script>">x</a>', '<a>x</a>'],
    ['<div style="position:fixed">x</div>', '<div>x</div>'],
    ['<script>alert(1)</script>骑手', '骑手'],
    ['<iframe src="https://evil.example/">fallback</iframe>讨薪', '讨薪'],
    ['<svg><g onload="alert(1)"></g></svg>ok', 'ok'],
    ['<a href="/news/1.html" target="_blank">新闻</a>', '<a href="https://news.example.cn/news/1.html">新闻</a>'],
  ])('%s', (input, expected) => {
    expect(sanitizeFeedHtml(input, 'https://news.example.cn/a/')).toBe(expected);
  });
});

describe('htmlToText', () => {
  it('decodes entities, drops tags and scripts, collapses whitespace', () => {
    expect(htmlToText('<p>外卖&nbsp;骑手</p>\n\n<p>聚集&amp;讨薪</p><script>var x = 1;</script>')).toBe(
      '外卖 骑手 聚集&讨薪',
    );
  });

  it('keeps words apart across block boundaries', () => {
    expect(htmlToText('<li>one</li><li>two</li>line<br>break')).toBe('one two line break');
  });
});
