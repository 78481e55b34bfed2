// A touched rescore against a sweep at the same instant (issue 16 item 3):
// the platform whose partners alone changed resumes from its stored records
// part instead of re-reading its records, and must store exactly what a
// full sweep stores.

import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { importText } from '../helpers/ingest.ts';
import { AT, FIRM, firmId, seedRiskDistrict } from '../helpers/risk-district.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { parseFeed } from '../../src/ingest/feeds/parse-feed.ts';
import { feedByName } from '../../src/ingest/opinion/feeds-repo.ts';
import { storeFeedItems } from '../../src/ingest/opinion/store-items.ts';
import { defaultModelConfig } from '../../src/domain/scoring/index.ts';

const PLATFORM_RECORDS = `record_id,firm,date,kind,violations,workers,amount,order,due,rectified,status
I-P-1,${FIRM.platform},2026-03-10,complaint,wage_arrears,12,8万,pay,2026-04-10,,overdue
I-P-2,${FIRM.platform},2026-10-02,routine,no_contract|overtime,40,,rectify,2026-11-02,2026-10-20,rectified
I-P-3,${FIRM.platform},2026-11-12,campaign,social_insurance,200,,rectify,2026-12-12,,open
`;

// News about the platform, so its resumed score has mentions scored anew beside the stored part.
const PLATFORM_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>街道新闻</title><link>https://street.example.cn/</link>
<item><guid>s-1</guid><title>星火外卖晨光路街道站点骑手反映拖欠工资</title><link>https://street.example.cn/s-1</link>
<pubDate>Wed, 18 Nov 2026 09:00:00 GMT</pubDate><description>星火外卖晨光路街道站点多名骑手反映被拖欠工资。</description></item>
</channel></rss>`;

const db = useTestDb(async (t) => {
  await seedRiskDistrict(t);
  await importText(t.db, 'inspections', PLATFORM_RECORDS, { now: AT, source: 'platform.csv' });
  const feed = await feedByName(t.db, 'street-news', AT);
  const parsed = await parseFeed(Buffer.from(PLATFORM_FEED));
  if (!parsed.ok) throw new Error(parsed.error);
  await storeFeedItems(t.db, feed.id, parsed.items, AT);
});
let t: TestDb;
beforeEach(() => {
  t = db();
});

const actor = { id: null, name: 'test' };
const HOUR = 3_600_000;
const score = (at: Date, firms: 'all' | number[], store = true) =>
  runScoring(t.db, defaultModelConfig, { at, firms, reason: 'test', actor, store });
/** What is stored of a firm: its score with the explanation, and its own score. */
const ofFirm = (run: Awaited<ReturnType<typeof score>>, id: number) => {
  const f = run.firms.find((x) => x.firm.id === id)!;
  return { score: f.score, ownScore: f.ownScore };
};

async function importForPartner(): Promise<number> {
  await importText(
    t.db,
    'inspections',
    `record_id,firm,date,violations,workers,amount,order,due,status\nI-NEW,${FIRM.moderatePartner},2026-11-19,wage_arrears,30,15万,pay,2026-11-19,overdue\n`,
    { now: AT, source: 'new.csv' },
  );
  return firmId(t.db, FIRM.moderatePartner);
}

describe('touched rescore and sweep', () => {
  it('import, touched rescore, then a sweep at the same instant: the sweep changes nothing', async () => {
    await score(AT, 'all');
    const partner = await importForPartner();
    const touched = await score(AT, [partner]);
    expect(touched.changed).toBeGreaterThan(0);
    const platform = await firmId(t.db, FIRM.platform);
    expect(touched.firms.map((f) => f.firm.id)).toContain(platform);
    const sweep = await score(AT, 'all');
    expect(sweep.changed).toBe(0);
    expect(JSON.stringify(ofFirm(touched, platform))).toBe(JSON.stringify(ofFirm(sweep, platform)));
  });

  it('later the same day, the platform resumed from its stored part is scored and explained as a sweep would', async () => {
    await score(AT, 'all');
    const platform = await firmId(t.db, FIRM.platform);
    const stored = await t.db
      .selectFrom('firm_own_parts')
      .select(['at', 'model'])
      .where('firm_id', '=', platform)
      .executeTakeFirstOrThrow();
    expect(stored.at.toISOString()).toBe(AT.toISOString());
    const partner = await importForPartner();
    const later = new Date(AT.getTime() + 5 * HOUR);
    const touched = await score(later, [partner]);
    const sweep = await score(later, 'all', false);
    const p = ofFirm(touched, platform);
    expect(p.score.contributions.some((c) => c.source === 'partner')).toBe(true);
    expect(p.score.contributions.some((c) => c.source === 'inspection')).toBe(true);
    expect(p.score.contributions.some((c) => c.source === 'opinion')).toBe(true);
    expect(JSON.stringify(p)).toBe(JSON.stringify(ofFirm(sweep, platform)));
  });

  it('does not re-read the records of a platform only its partners brought in', async () => {
    await score(AT, 'all');
    const platform = await firmId(t.db, FIRM.platform);
    // A change no intake path made (none would: every one rescores the firm it touches) shows what is read.
    await sql`update inspections set workers = workers * 10 where firm_id = ${platform}`.execute(t.db);
    const partner = await importForPartner();
    const later = new Date(AT.getTime() + HOUR);
    const touched = await score(later, [partner], false);
    const full = await score(later, 'all', false);
    expect(ofFirm(full, platform).ownScore).toBeGreaterThan(ofFirm(touched, platform).ownScore);
    // The next day the part no longer holds: the platform is read in full.
    const tomorrow = new Date(AT.getTime() + 24 * HOUR);
    const nextDay = await score(tomorrow, [partner], false);
    expect(ofFirm(nextDay, platform).ownScore).toBe(ofFirm(await score(tomorrow, 'all', false), platform).ownScore);
    expect(ofFirm(nextDay, platform).ownScore).toBeGreaterThan(ofFirm(touched, platform).ownScore);
  });

  it('reads a platform in full when a record of the day was made after its part', async () => {
    await score(AT, 'all');
    const platform = await firmId(t.db, FIRM.platform);
    // Dated today, made half an hour after the sweep: it counts an hour later, and the part does not hold it.
    await sql`update inspections set date = '2026-11-20', date_at = ${new Date(AT.getTime() + HOUR / 2)}, violations = '{wage_arrears}'
      where firm_id = ${platform} and record_id = 'I-P-3'`.execute(t.db);
    const partner = await importForPartner();
    const later = new Date(AT.getTime() + HOUR);
    const touched = await score(later, [partner], false);
    const full = await score(later, 'all', false);
    expect(JSON.stringify(ofFirm(touched, platform))).toBe(JSON.stringify(ofFirm(full, platform)));
  });
});
