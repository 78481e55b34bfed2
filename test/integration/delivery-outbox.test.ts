import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { userWithToken } from '../helpers/app.ts';
import { commitThenWake, enqueue, requeued, type OutboxEvent, type StoredEvent } from '../../src/delivery/outbox.ts';
import { onDeliveryWake } from '../../src/delivery/wake.ts';

// The one outbox (src/delivery/outbox.ts): which endpoints hear of an
// event, one delivery per person on SMS/voice, and the wake after commit
// (never after a rollback).

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

const AT = new Date('2026-12-04T02:00:00Z');

type Kind = 'standard' | 'wecom' | 'aliyun_sms' | 'aliyun_voice';
async function endpoint(
  label: string,
  kind: Kind,
  o: { district?: string | null; events?: string[]; levels?: string[]; enabled?: boolean } = {},
) {
  const row = await t.db
    .insertInto('webhook_endpoints')
    .values({
      url: `http://127.0.0.1:9/${label}`,
      kind,
      secret_sealed: null,
      events: o.events ?? [],
      levels: o.levels ?? [],
      district: o.district ?? null,
      label,
      created_by: 'test',
      ...(o.enabled === false ? { enabled: false } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deliveries queued, as `label:type[:recipient]`, sorted. */
async function queued(): Promise<string[]> {
  const rows = await t.db
    .selectFrom('deliveries')
    .innerJoin('webhook_endpoints as e', 'e.id', 'deliveries.endpoint_id')
    .select(['e.label', 'deliveries.event_type', 'deliveries.event', 'deliveries.recipient_id'])
    .execute();
  return rows
    .map((r) => {
      const ev = r.event as unknown as StoredEvent;
      return `${r.label}:${r.event_type}${ev.recipient ? `:${ev.recipient.name}` : ''}`;
    })
    .sort();
}

const ev = (type: string, audience: OutboxEvent['audience'], extra: Partial<OutboxEvent> = {}): OutboxEvent => ({
  type,
  data: { n: 1 },
  audience,
  ...extra,
});

describe('enqueue', () => {
  it('sends each event to the enabled endpoints subscribed to its type, level and district', async () => {
    await endpoint('city', 'standard');
    await endpoint('a-red', 'wecom', { district: 'A', levels: ['red'] });
    await endpoint('b', 'wecom', { district: 'B' });
    await endpoint('credit-only', 'standard', { events: ['credit.listed'] });
    await endpoint('off', 'standard', { enabled: false });
    const n = await t.db
      .transaction()
      .execute((trx) =>
        enqueue(
          trx,
          [
            ev('alert.raised', { district: 'A', level: 'red' }),
            ev('alert.raised', { district: 'A', level: 'blue' }),
            ev('credit.listed', { district: 'B' }),
            ev('digest.published', { district: 'A', exact: true }),
            ev('digest.published', { district: null, exact: true }),
          ],
          AT,
        ),
      );
    expect(await queued()).toEqual([
      'a-red:alert.raised',
      'a-red:digest.published',
      'b:credit.listed',
      'city:alert.raised',
      'city:alert.raised',
      'city:credit.listed',
      'city:digest.published',
      'credit-only:credit.listed',
    ]);
    expect(n).toBe(8);
  });

  it('an SMS or voice endpoint gets one delivery per paged person with a mobile, and nothing for an event that pages nobody', async () => {
    await endpoint('robot', 'wecom');
    await endpoint('sms', 'aliyun_sms');
    await endpoint('voice', 'aliyun_voice');
    const wang = (await userWithToken(t.db, 'duty_officer')).user;
    const li = (await userWithToken(t.db, 'duty_officer')).user;
    const paged = [
      { id: wang.id, name: 'wang', mobile: '13800000001' },
      { id: li.id, name: 'li', mobile: null },
    ];
    await t.db.transaction().execute(async (trx) => {
      await enqueue(trx, [ev('alert.raised', { district: null }, { paged, media: ['chat', 'sms'] })], AT);
      await enqueue(trx, [ev('credit.listed', { district: null })], AT);
    });
    expect(await queued()).toEqual(['robot:alert.raised', 'robot:credit.listed', 'sms:alert.raised:wang']);
    const sms = await t.db
      .selectFrom('deliveries')
      .select(['recipient_id', 'message_id', 'event'])
      .where('recipient_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(sms.recipient_id).toBe(wang.id);
    // Without an alert there is nothing to acknowledge: no link.
    expect((sms.event as unknown as StoredEvent).recipient?.linkId).toBeNull();
    expect(await t.db.selectFrom('ack_links').select('id').execute()).toEqual([]);
  });

  it('each delivery carries its own message id, the event and the time it was made', async () => {
    await endpoint('one', 'standard');
    await endpoint('two', 'standard');
    await t.db.transaction().execute((trx) => enqueue(trx, [ev('credit.proposed', { district: null })], AT));
    const rows = await t.db.selectFrom('deliveries').select(['message_id', 'event', 'status', 'alert_id']).execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      const e = r.event as unknown as StoredEvent;
      expect(e).toMatchObject({
        id: r.message_id,
        type: 'credit.proposed',
        timestamp: AT.toISOString(),
        data: { n: 1 },
      });
      expect(r.status).toBe('pending');
      expect(r.alert_id).toBeNull();
    }
    // Both endpoints get the same message (one webhook-id per event).
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(1);
  });
});

describe('commitThenWake', () => {
  const wakes = () => {
    let n = 0;
    const off = onDeliveryWake(() => {
      n++;
    });
    return { count: () => n, off };
  };

  it('wakes the workers once the transaction that queued deliveries has committed', async () => {
    await endpoint('one', 'standard');
    const w = wakes();
    let inside = -1;
    const out = await commitThenWake(t.db, async (trx) => {
      const n = await enqueue(trx, [ev('credit.listed', { district: null })], AT);
      inside = w.count();
      return n;
    });
    w.off();
    expect(out).toBe(1);
    expect(inside).toBe(0);
    expect(w.count()).toBe(1);
  });

  it('does not wake when nothing was queued, nor when the transaction rolls back', async () => {
    await endpoint('one', 'standard', { events: ['alert.raised'] });
    const w = wakes();
    await commitThenWake(t.db, (trx) => enqueue(trx, [ev('credit.listed', { district: null })], AT));
    await expect(
      commitThenWake(t.db, async (trx) => {
        await enqueue(trx, [ev('alert.raised', { district: null })], AT);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    w.off();
    expect(w.count()).toBe(0);
    expect(await queued()).toEqual([]);
  });

  it('wakes for deliveries made sendable again (requeued), as a replay does', async () => {
    const w = wakes();
    await commitThenWake(t.db, (trx) => requeued(trx));
    w.off();
    expect(w.count()).toBe(1);
  });
});
