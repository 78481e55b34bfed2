import type { Db } from '../../../src/db/connect.ts';
import { seq, NOW, sh, firm, score, alert, inspection, petition, item } from './digest-week-records.ts';

// The hand-built week of digest-week.test.ts, and its credit-list moves.

export type Move = [at: string, action: string, from: string | null, to: string, details?: Record<string, unknown>];
let proposer: number, approver: number;
let f1: number, f2: number, f3: number, f4: number;
/** A credit case in its current state with its history rows, written directly. */
export async function creditCase(db: Db, firmId: number, state: string, moves: Move[]) {
  const signed = ['approved', 'listed', 'removed'].includes(state);
  const c = await db
    .insertInto('credit_cases')
    .values({
      firm_id: firmId,
      state,
      evidence_key: `k${seq()}`,
      reason: '拖欠农民工工资',
      updated_at: sh(moves[moves.length - 1]![0]),
      proposer_id: signed ? proposer : null,
      approver_id: signed ? approver : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [at, action, from, to, details] of moves) {
    await db
      .insertInto('credit_events')
      .values({
        case_id: c.id,
        at: sh(at),
        action,
        from_state: from,
        to_state: to,
        actor_id: null,
        actor_name: 't',
        details: JSON.stringify(details ?? {}),
      })
      .execute();
  }
  return c.id;
}

export async function seedCredit(db: Db) {
  const user = (name: string, role: string) =>
    db
      .insertInto('users')
      .values({ name, display_name: name, role, district: '示范区', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
  proposer = (await user('credit_proposer', 'inspector')).id;
  approver = (await user('credit_approver', 'approver')).id;
  // A: proposed last week, listed this week; removed exactly at the end of the week (the next Monday 00:00: not this week's).
  const creditA = await creditCase(db, f1, 'removed', [
    ['2026-11-05T10:00', 'candidate', null, 'candidate'],
    ['2026-11-10T10:00', 'propose', 'candidate', 'proposed'],
    ['2026-11-12T10:00', 'notify', 'proposed', 'notified'],
    ['2026-11-14T10:00', 'no-statement', 'notified', 'no_statement'],
    ['2026-11-16T15:00', 'approve', 'no_statement', 'approved'],
    ['2026-11-17T10:00', 'list', 'approved', 'listed', { decisionNo: '沪人社失信〔2026〕7号', listedOn: '2026-11-17' }],
    ['2026-11-20T10:00', 'object', 'listed', 'listed'], // an objection keeps the state: not a move
    ['2026-11-23T00:00', 'decide-objection', 'listed', 'removed', { outcome: 'upheld' }],
  ]);
  // B: a candidate this week (refreshed, which is no move), proposed this week; in the procedure at the end.
  const creditB = await creditCase(db, f2, 'proposed', [
    ['2026-11-16T09:00', 'candidate', null, 'candidate'],
    ['2026-11-18T09:00', 'refresh', 'candidate', 'candidate'],
    ['2026-11-19T09:00', 'propose', 'candidate', 'proposed'],
  ]);
  // C: listed three years ago, the term expired this week.
  const creditC = await creditCase(db, f3, 'removed', [
    ['2023-10-01T10:00', 'candidate', null, 'candidate'],
    ['2023-11-10T10:00', 'list', 'approved', 'listed', { decisionNo: '旧号' }],
    ['2026-11-18T01:00', 'expire', 'listed', 'removed', { kind: 'expiry', removedOn: '2026-11-10' }],
  ]);
  // D: a candidate this week that lapsed this week (counted as a candidate, not in the procedure at the end).
  const creditD = await creditCase(db, f3, 'withdrawn', [
    ['2026-11-20T09:00', 'candidate', null, 'candidate'],
    ['2026-11-21T09:00', 'withdraw', 'candidate', 'withdrawn'],
  ]);
  // G: a candidate last week that lapsed last week.
  await creditCase(db, f2, 'withdrawn', [
    ['2026-11-11T09:00', 'candidate', null, 'candidate'],
    ['2026-11-13T09:00', 'withdraw', 'candidate', 'withdrawn'],
  ]);
  // E: another district's candidate this week.
  await creditCase(db, f4, 'candidate', [['2026-11-17T09:00', 'candidate', null, 'candidate']]);
  return { creditA, creditB, creditC, creditD };
}

export async function seedWeek(db: Db) {
  f1 = await firm(db, '甲外卖站', '示范区', 'A街道', 'food_delivery');
  f2 = await firm(db, '乙快递点', '示范区', 'B街道', 'courier');
  f3 = await firm(db, '丙网约车', '示范区', 'A街道', 'ride_hailing');
  f4 = await firm(db, '丁邻区站', '邻区', 'X街道', 'food_delivery');
  const run = await db
    .insertInto('score_runs')
    .values({ at: NOW, model: 'm', scope: 'all', reason: 'test', actor_name: 't', started_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  await score(db, run.id, f1, '2026-11-10T12:00', 50, 'orange', ['旧原因']);
  await score(db, run.id, f1, '2026-11-18T12:00', 80, 'red', ['集体信访：12 人讨薪', '重大舆情：骑手聚集', '第三原因']);
  await score(db, run.id, f1, '2026-11-25T12:00', 10, 'blue', ['之后的分数']); // after the week: ignored
  await score(db, run.id, f2, '2026-11-17T12:00', 60, 'orange', ['逾期未支付工资']);
  await score(db, run.id, f3, '2026-11-11T12:00', 30, 'yellow', ['信访']);
  await score(db, run.id, f4, '2026-11-18T12:00', 90, 'red', ['邻区原因']);

  await alert(db, {
    firm: f1,
    rule: 'risk_level',
    raisedLevel: 'orange',
    level: 'red',
    raised: '2026-11-16T10:00',
    ack: '2026-11-16T10:30',
    due: '2026-11-18T10:00',
    closed: '2026-11-17T10:00',
  });
  await alert(db, {
    firm: f1,
    rule: 'major_opinion',
    raisedLevel: 'red',
    raised: '2026-11-17T09:00',
    ack: '2026-11-17T09:10',
    due: '2026-11-17T23:59',
    closed: '2026-11-17T20:00',
  });
  const late = await alert(db, {
    firm: f2,
    rule: 'major_opinion',
    raisedLevel: 'red',
    raised: '2026-11-19T20:00',
    ack: '2026-11-19T21:30',
    due: '2026-11-20T00:00',
    closed: '2026-11-20T02:00',
  });
  await alert(db, {
    firm: f3,
    rule: 'collective_wage_petition',
    raisedLevel: 'orange',
    raised: '2026-11-22T22:00',
    ack: '2026-11-23T09:00',
    due: '2026-12-01T00:00',
  });
  await alert(db, {
    firm: f2,
    rule: 'major_opinion',
    raisedLevel: 'red',
    raised: '2026-11-22T21:00',
    due: '2026-11-23T01:00',
    closed: '2026-11-23T00:30',
  });
  await alert(db, {
    firm: f1,
    rule: 'risk_level',
    raisedLevel: 'yellow',
    raised: '2026-11-10T09:00',
    closed: '2026-11-11T09:00',
  });
  await alert(db, {
    firm: f2,
    rule: 'risk_level',
    raisedLevel: 'blue',
    raised: '2026-11-12T09:00',
    due: '2026-11-16T13:00',
  });
  await alert(db, { firm: f4, rule: 'risk_level', raisedLevel: 'red', raised: '2026-11-18T09:00' });
  await alert(db, { firm: f1, rule: 'risk_level', raisedLevel: 'red', raised: '2026-11-23T09:00' }); // next week

  await inspection(db, f1, '示范区', '2026-11-17T10:00');
  await inspection(db, null, '示范区', '2026-11-18T10:00');
  await inspection(db, f4, '邻区', '2026-11-18T10:00');
  await inspection(db, f1, '示范区', '2026-11-10T10:00');
  await petition(db, f1, '示范区', '2026-11-18T10:00', '2026-11-18', 12);
  await petition(db, f2, '示范区', '2026-11-19T10:00', '2026-11-19', 1);
  await petition(db, f3, '示范区', '2026-11-16T10:00', '2026-11-14', 10); // received last week, known this week
  const feed = await db
    .insertInto('feeds')
    .values({ name: '本地新闻', url: 'https://news.example/rss', next_poll_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('feeds')
    .values({
      name: '坏掉的源',
      url: 'https://broken.example/rss',
      next_poll_at: NOW,
      consecutive_failures: 5,
      last_success_at: sh('2026-11-19T00:00'),
      last_error: 'HTTP 503',
    })
    .execute();
  await item(db, feed.id, '骑手站点聚集讨薪', '2026-11-17T08:00', 5, true, [f1]);
  await item(db, feed.id, '邻区配送员投诉扣款', '2026-11-18T08:00', 2, false, [f4]);
  await item(db, feed.id, '中性报道', '2026-11-18T09:00', 0, false, []);
  const credit = await seedCredit(db);
  return { late, f1, ...credit };
}
