import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, silentLog, testConfig } from '../helpers/app.ts';
import { runJob } from '../../src/jobs-runtime/run-job.ts';
import { retention } from '../../jobs/retention.ts';
import { findJob } from '../../jobs/schedule.ts';
import { audit, SYSTEM_ACTOR } from '../../src/audit/audit.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.reset();
});

const NOW = new Date('2026-12-01T19:40:00Z'); // 03:40 Shanghai
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const dateAgo = (d: number) => daysAgo(d).toISOString().slice(0, 10);
const RETENTION = {
  records: 100,
  quarantine: 50,
  feedItems: 30,
  deliveries: 10,
  jobRuns: 5,
  audit: 200,
  petitionPersonalData: 60,
  batchSize: 10,
};
const config = testConfig({ QIANSHAO_RETENTION: JSON.stringify(RETENTION) });

async function petition(recordId: string, received: string, closed: string | null) {
  const r = await t.db
    .insertInto('petitions')
    .values({
      source: 's',
      record_id: recordId,
      firm_id: null,
      firm_name: 'x',
      firm_name_norm: 'x',
      firm_uscc: null,
      resolution: 'unresolved',
      district: null,
      street: null,
      extra: JSON.stringify({ 备注: '王**' }),
      row_hash: recordId,
      updated_at: NOW,
      received,
      channel: 'hotline',
      categories: ['wage'],
      petitioners: 3,
      name_masked: '王*',
      name_sealed: 'sealed-name',
      phone_masked: '138****0000',
      phone_sealed: 'sealed-phone',
      id_number_masked: '3101**********1234',
      id_number_sealed: 'sealed-id',
      summary_masked: '欠薪…',
      summary_sealed: 'sealed-summary',
      extra_sealed: 'sealed-extra',
      status: closed ? 'closed' : 'open',
      closed,
    } as any)
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('record_versions')
    .values({
      kind: 'petitions',
      record_pk: r.id,
      version: 1,
      data: JSON.stringify({ name_sealed: 'old-sealed' }),
      replaced_at: NOW,
      import_id: null,
    })
    .execute();
  return r.id;
}

async function seed() {
  const firm = await insertFirm(t.db, { name: '某配送站', district: '浦东新区' });
  const ep = await t.db
    .insertInto('webhook_endpoints')
    .values({
      url: 'https://h.example.org',
      kind: 'standard',
      events: [],
      levels: [],
      district: null,
      label: null,
      created_by: 't',
      secret_sealed: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const d = (i: number, status: string, age: number) => ({
    endpoint_id: ep.id,
    message_id: `m${i}`,
    event_type: 'alert.raised',
    event: '{}',
    alert_id: null,
    status,
    next_attempt_at: daysAgo(age),
    created_at: daysAgo(age),
  });
  // 25 old settled deliveries (three batches of 10), 1 recent, 1 old but still pending.
  await t.db
    .insertInto('deliveries')
    .values([
      ...Array.from({ length: 25 }, (_, i) => d(i, i % 2 ? 'delivered' : 'dead', 20)),
      d(100, 'delivered', 2),
      d(101, 'pending', 20),
    ])
    .execute();
  const ins = (id: string, date: string) => ({
    source: 's',
    record_id: id,
    firm_id: firm.id,
    firm_name: 'x',
    firm_name_norm: 'x',
    firm_uscc: null,
    resolution: 'resolved' as const,
    district: null,
    street: null,
    extra: '{}',
    row_hash: id,
    updated_at: NOW,
    date,
  });
  await t.db
    .insertInto('inspections')
    .values([ins('i-old', dateAgo(150)), ins('i-new', dateAgo(20))] as any)
    .execute();
  const ids = {
    oldClosed: await petition('p-old-closed', dateAgo(150), dateAgo(120)), // past records retention: deleted
    closedLong: await petition('p-closed-long', dateAgo(90), dateAgo(70)), // personal data dropped, row kept
    closedRecent: await petition('p-closed-recent', dateAgo(40), dateAgo(30)), // kept whole
    openOld: await petition('p-open-old', dateAgo(150), null), // still open: kept whole
  };
  const feed = await t.db
    .insertInto('feeds')
    .values({ name: 'f', url: 'https://f.example.org' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = (k: string, age: number) => ({
    feed_id: feed.id,
    dedup_key: k,
    content_hash: k,
    title: k,
    fetched_at: daysAgo(age),
    text: k,
    neutral: true,
  });
  const items = await t.db
    .insertInto('feed_items')
    .values([item('old', 40), item('new', 3)])
    .returning('id')
    .execute();
  await t.db
    .insertInto('mentions')
    .values({
      item_id: items[0]!.id,
      firm_id: firm.id,
      alias: 'x',
      offset: 0,
      length: 1,
      at: daysAgo(40),
      neutral: true,
    } as any)
    .execute();
  await t.db
    .insertInto('quarantine')
    .values([
      {
        kind: 'petitions',
        source: 's',
        import_id: null,
        line: 2,
        raw_sealed: 'x',
        raw_preview: 'x',
        reasons: '[]',
        created_at: daysAgo(60),
      },
      {
        kind: 'petitions',
        source: 's',
        import_id: null,
        line: 3,
        raw_sealed: 'x',
        raw_preview: 'x',
        reasons: '[]',
        created_at: daysAgo(5),
      },
    ] as any)
    .execute();
  await t.db
    .insertInto('job_runs')
    .values([
      {
        job: 'session-cleanup',
        tick: daysAgo(9),
        status: 'succeeded',
        runner: 'a',
        started_at: daysAgo(9),
        finished_at: daysAgo(9),
        lease_until: daysAgo(9),
      },
      {
        job: 'session-cleanup',
        tick: daysAgo(1),
        status: 'succeeded',
        runner: 'a',
        started_at: daysAgo(1),
        finished_at: daysAgo(1),
        lease_until: daysAgo(1),
      },
    ])
    .execute();
  await audit(t.db, SYSTEM_ACTOR, { action: 'test.old', objectType: 'test' }, daysAgo(300));
  await audit(t.db, SYSTEM_ACTOR, { action: 'test.recent', objectType: 'test' }, daysAgo(100));
  return ids;
}

describe('retention', () => {
  it('rejects a configuration that keeps the audit log shorter than another kind', () => {
    expect(() => testConfig({ QIANSHAO_RETENTION: JSON.stringify({ records: 4000, audit: 3650 }) })).toThrow(
      /QIANSHAO_RETENTION: audit: 3650 days is shorter than records/,
    );
    expect(() => testConfig({ QIANSHAO_RETENTION: '{"record":5}' })).toThrow(/QIANSHAO_RETENTION/);
  });

  it("drops each kind past its period in batches, seals-and-drops closed petitions' personal data, and audits the run", async () => {
    const ids = await seed();
    expect(findJob('retention')).toBe(retention);
    const outcome = await runJob({ db: t.db, log: silentLog, config, runner: 'a' }, retention, NOW, { now: NOW });
    expect(outcome).toMatchObject({ status: 'succeeded' });

    expect(await t.db.selectFrom('deliveries').select('message_id').orderBy('message_id').execute()).toEqual([
      { message_id: 'm100' },
      { message_id: 'm101' },
    ]);
    expect((await t.db.selectFrom('inspections').select('record_id').execute()).map((r) => r.record_id)).toEqual([
      'i-new',
    ]);
    const pets = await t.db.selectFrom('petitions').selectAll().orderBy('id').execute();
    expect(pets.map((p) => p.record_id)).toEqual(['p-closed-long', 'p-closed-recent', 'p-open-old']);
    const dropped = pets.find((p) => p.id === ids.closedLong)!;
    expect(dropped).toMatchObject({
      name_sealed: null,
      name_masked: null,
      phone_sealed: null,
      phone_masked: null,
      id_number_sealed: null,
      id_number_masked: null,
      summary_sealed: null,
      summary_masked: null,
      extra_sealed: null,
      extra: {},
      petitioners: 3,
      categories: ['wage'],
      channel: 'hotline',
    });
    expect(dropped.personal_data_dropped_at?.getTime()).toBe(NOW.getTime());
    for (const id of [ids.closedRecent, ids.openOld]) {
      expect(pets.find((p) => p.id === id)).toMatchObject({
        name_sealed: 'sealed-name',
        phone_sealed: 'sealed-phone',
        id_number_sealed: 'sealed-id',
        personal_data_dropped_at: null,
      });
    }
    const versions = await t.db
      .selectFrom('record_versions')
      .select('record_pk')
      .where('kind', '=', 'petitions')
      .execute();
    expect(versions.map((v) => v.record_pk).sort()).toEqual([ids.closedRecent, ids.openOld].sort());

    expect((await t.db.selectFrom('feed_items').select('dedup_key').execute()).map((r) => r.dedup_key)).toEqual([
      'new',
    ]);
    expect(await t.db.selectFrom('mentions').selectAll().execute()).toEqual([]);
    expect((await t.db.selectFrom('quarantine').select('line').execute()).map((r) => r.line)).toEqual([3]);
    const runs = await t.db
      .selectFrom('job_runs')
      .select(['job', 'started_at'])
      .where('job', '=', 'session-cleanup')
      .execute();
    expect(runs).toHaveLength(1);

    const entries = await t.db.selectFrom('audit_log').select(['action', 'details']).orderBy('id').execute();
    expect(entries.map((e) => e.action)).toEqual(['test.recent', 'retention.run']);
    expect(entries[1]!.details).toMatchObject({
      complete: true,
      batchSize: 10,
      counts: {
        petitionPersonalData: 2,
        records: 2,
        quarantine: 1,
        feedItems: 1,
        deliveries: 25,
        jobRuns: 1,
        audit: 1,
      },
    });
    expect(outcome).toMatchObject({ items: 33 }); // the oldest petition lost its personal data, then the row

    // Nothing more to do the next day; the run is audited again.
    const again = await runJob(
      { db: t.db, log: silentLog, config, runner: 'a' },
      retention,
      new Date(NOW.getTime() + 60_000),
      { now: NOW },
    );
    expect(again).toMatchObject({ status: 'succeeded', items: 0 });
    expect(
      await t.db.selectFrom('audit_log').select('id').where('action', '=', 'retention.run').execute(),
    ).toHaveLength(2);
  });

  it('keeps the audit log append-only for everyone else', async () => {
    await audit(t.db, SYSTEM_ACTOR, { action: 'test.old', objectType: 'test' }, daysAgo(300));
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(t.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
    // The retention cutoff admits only older entries.
    await audit(t.db, SYSTEM_ACTOR, { action: 'test.recent', objectType: 'test' }, daysAgo(10));
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`select set_config('qianshao.audit_retention_cutoff', ${daysAgo(200).toISOString()}, true)`.execute(
          trx,
        );
        await trx.deleteFrom('audit_log').execute();
      }),
    ).rejects.toThrow(/append-only/);
    expect(await t.db.selectFrom('audit_log').select('id').execute()).toHaveLength(2);
  });
});
