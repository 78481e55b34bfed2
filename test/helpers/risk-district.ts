// A hand-built district whose right answers are known without the model:
// severe firms (overdue wage orders, a collective wage petition), moderate
// ones (a rectified minor violation, a single petition), clean ones, a firm
// with only future-dated records, and a platform named in a feed item
// about a rider's suicide attempt at its station in the district (an item
// with no place would be national news, capped: issue 14). Scored as of AT (Friday noon, Shanghai).

import type { Db } from '../../src/db/connect.ts';
import { parseFeed } from '../../src/ingest/feeds/parse-feed.ts';
import { feedByName } from '../../src/ingest/opinion/feeds-repo.ts';
import { storeFeedItems } from '../../src/ingest/opinion/store-items.ts';
import { importText } from './ingest.ts';

export const AT = new Date('2026-11-20T04:00:00.000Z');

export const FIRM = {
  platform: '星火外卖平台科技有限公司',
  severePartner: '星火晨光站有限公司',
  moderatePartner: '星火松涛站有限公司',
  cleanPartnerElsewhere: '星火北苑站有限公司',
  severe: '青石劳务派遣有限公司',
  moderate: '白桦配送有限公司',
  clean: '绿洲配送有限公司',
  futureOnly: '未来配送有限公司',
  inTheNews: '红枫网络科技有限公司',
} as const;

export const PLATFORM_USCC = '91310105700010058E';

export const DISTRICT_FIRMS = `单位名称,统一社会信用代码,别名,类型,关联平台,区,街镇
${FIRM.platform},${PLATFORM_USCC},星火外卖,平台,,示范区,晨光路街道
${FIRM.severePartner},,,代理商,${FIRM.platform},示范区,晨光路街道
${FIRM.moderatePartner},,,代理商,${FIRM.platform},示范区,松涛镇
${FIRM.cleanPartnerElsewhere},,,代理商,${FIRM.platform},邻区,北苑街道
${FIRM.severe},,,劳务派遣,,示范区,晨光路街道
${FIRM.moderate},,,加盟商,,示范区,松涛镇
${FIRM.clean},,,加盟商,,示范区,松涛镇
${FIRM.futureOnly},,,加盟商,,示范区,松涛镇
${FIRM.inTheNews},,红枫外卖,平台,,示范区,晨光路街道
`;

export const DISTRICT_INSPECTIONS = `record_id,firm,date,kind,violations,workers,amount,order,due,rectified,status
I-S1-1,${FIRM.severePartner},2026-06-10,complaint,wage_arrears|social_insurance,40,30万,pay,2026-07-10,,overdue
I-S1-2,${FIRM.severePartner},2026-09-15,complaint,wage_arrears,25,12万,pay,2026-10-15,,overdue
I-S1-3,${FIRM.severePartner},2026-11-05,campaign,min_wage|overtime,30,,rectify,2026-12-05,,open
I-S2-1,${FIRM.severe},2026-08-01,complaint,illegal_dispatch|wage_arrears,60,50万,pay,2026-09-01,,overdue
I-S2-2,${FIRM.severe},2026-10-20,complaint,child_labor,2,,rectify,2026-11-10,,overdue
I-M1-1,${FIRM.moderatePartner},2026-09-01,routine,no_contract,3,,rectify,2026-10-01,2026-09-20,rectified
I-M2-1,${FIRM.moderate},2026-07-01,routine,social_insurance,5,2万,rectify,2026-08-01,2026-07-25,rectified
I-C1-1,${FIRM.cleanPartnerElsewhere},2026-10-01,routine,,,,none,,,closed
I-C2-1,${FIRM.clean},2026-10-01,routine,,,,none,,,closed
I-F-1,${FIRM.futureOnly},2026-12-01,complaint,wage_arrears,50,100万,pay,2026-12-10,,open
`;

const petition = (id: string, firm: string, received: string, category: string, petitioners: number, repeat = false) =>
  JSON.stringify({
    record_id: id,
    firm,
    received,
    category,
    petitioners,
    repeat,
    summary: '反映拖欠工资，联系人张三 13812345678',
    name: '张三',
    phone: '13812345678',
  });

export const DISTRICT_PETITIONS = `${[
  petition('P-S1-1', FIRM.severePartner, '2026-11-10', 'wage_arrears', 25),
  petition('P-S1-2', FIRM.severePartner, '2026-11-15', 'wage_arrears', 3, true),
  petition('P-S2-1', FIRM.severe, '2026-10-25', 'wage_arrears', 12),
  petition('P-M1-1', FIRM.moderatePartner, '2026-10-10', 'social_insurance', 1),
  petition('P-M2-1', FIRM.moderate, '2026-09-20', 'deduction', 1),
  petition('P-F-1', FIRM.futureOnly, '2026-11-25', 'wage_arrears', 30),
].join('\n')}\n`;

export const DISTRICT_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>本地新闻</title><link>https://news.example.cn/</link>
<item><guid>n-1</guid><title>红枫外卖骑手在站点跳楼 家属称被拖欠工资</title><link>https://news.example.cn/n-1</link>
<pubDate>Thu, 19 Nov 2026 10:00:00 GMT</pubDate><description>多名骑手反映红枫外卖晨光路街道站点长期拖欠工资。</description></item>
</channel></rss>`;

export const DISTRICT_LABELS = `firm,date,kind
${FIRM.severePartner},2026-11-18,strike
${FIRM.severe},2026/11/19,聚集
${FIRM.clean},2026-11-15,other
不存在的配送有限公司,2026-11-10,other
${FIRM.severePartner},not-a-date,strike
`;

/** Imports the district the way an operator would (records dated up to AT, fetched at AT). */
export async function seedRiskDistrict(t: { db: Db }): Promise<void> {
  await importText(t.db, 'firms', DISTRICT_FIRMS, { now: AT });
  await importText(t.db, 'inspections', DISTRICT_INSPECTIONS, { now: AT });
  await importText(t.db, 'petitions', DISTRICT_PETITIONS, { format: 'ndjson', now: AT, source: 'petitions.ndjson' });
  const feed = await feedByName(t.db, 'local-news', AT);
  const parsed = await parseFeed(Buffer.from(DISTRICT_FEED));
  if (!parsed.ok) throw new Error(parsed.error);
  await storeFeedItems(t.db, feed.id, parsed.items, AT);
}

export async function firmId(db: Db, name: string): Promise<number> {
  return (await db.selectFrom('firms').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
