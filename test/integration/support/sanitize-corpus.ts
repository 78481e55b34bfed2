// Hostile feed items for the console's XSS tests: every file of feedparser's
// sanitize corpus (test/fixtures/corpora/feedparser/wellformed/sanitize/, vendored),
// parsed with the real parser and stored with the real storer, each item
// naming a test firm's alias next to a risk term so that it becomes a
// mention of the firm and the evidence of one of its alerts.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import type { Db } from '../../../src/db/connect.ts';
import { parseFeed } from '../../../src/ingest/feeds/parse-feed.ts';
import { storeFeedItems } from '../../../src/ingest/opinion/store-items.ts';
import { insertFirm } from '../../helpers/app.ts';

export const SANITIZE_DIR =
  process.env.SANITIZE_CORPUS ??
  fileURLToPath(new URL('../../fixtures/corpora/feedparser/wellformed/sanitize', import.meta.url));
/** Items per firm: the alert detail shows up to 20 feed items, the firm profile its 20 latest. */
const CHUNK = 20;
const SYLLABLES = '甲乙丙丁戊己庚辛壬癸';

export interface SeededXss {
  files: number;
  items: number;
  firms: Array<{ id: number; alias: string; alertId: number; itemIds: number[] }>;
}

export async function seedSanitizeCorpus(db: Db, district: string, limitFiles?: number): Promise<SeededXss> {
  const files = readdirSync(SANITIZE_DIR)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .slice(0, limitFiles);
  const feed = await db
    .insertInto('feeds')
    .values({ name: 'sanitize-corpus', url: null, next_poll_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const parsed = [];
  for (const f of files) {
    const r = await parseFeed(readFileSync(join(SANITIZE_DIR, f)), { baseUrl: `http://example.com/${f}` });
    if (r.ok) for (const item of r.items) parsed.push({ file: f, item });
  }
  const out: SeededXss = { files: files.length, items: 0, firms: [] };
  const at = new Date('2026-11-20T04:00:00Z');
  for (let k = 0; k * CHUNK < parsed.length; k++) {
    const alias = `${SYLLABLES[k % 10]}${SYLLABLES[Math.floor(k / 10) % 10]}星链骑手站`;
    const firm = await insertFirm(db, { name: `XSS测试${k}号配送服务有限公司`, district, street: null });
    await db.insertInto('firm_aliases').values({ firm_id: firm.id, alias, alias_norm: alias }).execute();
    // The alias and a risk term in title and body; the file name keeps items apart (no dedup by content).
    const items = parsed.slice(k * CHUNK, (k + 1) * CHUNK).map(({ file, item }, i) => ({
      ...item,
      guid: `${file}#${i}`,
      title: `${alias}拖欠工资：${item.title || file}`,
      text: `${item.text} ${alias}骑手反映拖欠工资（${file}）`,
      published: new Date(at.getTime() - (k * CHUNK + i) * 60_000).toISOString(),
    }));
    await storeFeedItems(db, feed.id, items, at);
    const rows = await db.selectFrom('mentions').select('item_id').distinct().where('firm_id', '=', firm.id).execute();
    const itemIds = rows.map((r) => r.item_id);
    out.items += itemIds.length;
    const alert = await db
      .insertInto('alerts')
      .values({
        firm_id: firm.id,
        rule: 'major_opinion',
        category: 'opinion',
        level: 'red',
        status: 'open',
        title: `【红色预警·重大舆情】${firm.name}`,
        fingerprint: `xss:${k}`,
        score: 90,
        evidence: JSON.stringify(itemIds.map((id) => ({ source: 'opinion', id, date: at.toISOString() }))),
        raised_at: at,
        updated_at: at,
        ack_due_at: new Date(at.getTime() + 1_800_000),
        handle_due_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    out.firms.push({ id: firm.id, alias, alertId: alert.id, itemIds });
  }
  return out;
}

/**
 * What makes a page active: script elements other than the page's own
 * (inline, no src, and the same count as a page without feed content),
 * event-handler attributes, and javascript:/vbscript:/data: URLs.
 */
export function activeContent(html: string): { scripts: string[]; handlers: string[]; badUrls: string[] } {
  const scripts: string[] = [];
  const handlers: string[] = [];
  const badUrls: string[] = [];
  let inScript = false;
  let scriptText = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        for (const [k, v] of Object.entries(attrs)) {
          if (/^on/i.test(k)) handlers.push(`<${name} ${k}="${v}">`);
          if (
            ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'cite'].includes(
              k.toLowerCase(),
            ) &&
            // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore control characters in a URL scheme
            /^\s*(javascript|vbscript|data):/i.test(v.replace(/[\u0000-\u0020]/g, ''))
          )
            badUrls.push(`<${name} ${k}="${v}">`);
        }
        if (name === 'script') {
          inScript = true;
          scriptText = Object.keys(attrs).length > 0 ? `[attrs ${Object.keys(attrs).join(',')}]` : '';
        }
      },
      ontext(t) {
        if (inScript) scriptText += t;
      },
      onclosetag(name) {
        if (name === 'script') {
          scripts.push(scriptText);
          inScript = false;
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { scripts, handlers, badUrls };
}
