import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { audit } from '../../src/audit/audit.ts';

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

describe('audit log', () => {
  it('appends entries with who, what, which object, when and from where', async () => {
    const at = new Date('2026-11-20T01:02:03Z');
    await audit(
      t.db,
      { id: 7, name: 'alice', ip: '10.0.0.9', requestId: 'req-1' },
      { action: 'alert.ack', objectType: 'alert', objectId: 42, details: { note: 'on it' } },
      at,
    );
    const rows = await t.db.selectFrom('audit_log').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: 7,
      actor_name: 'alice',
      action: 'alert.ack',
      object_type: 'alert',
      object_id: '42',
      ip: '10.0.0.9',
      request_id: 'req-1',
      details: { note: 'on it' },
    });
    expect(rows[0]!.at.toISOString()).toBe(at.toISOString());
  });

  it('refuses UPDATE', async () => {
    await audit(t.db, { id: null, name: 'system' }, { action: 'x', objectType: 'y' });
    await expect(t.db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    const row = await t.db.selectFrom('audit_log').select('action').executeTakeFirstOrThrow();
    expect(row.action).toBe('x');
  });

  it('refuses DELETE', async () => {
    await audit(t.db, { id: null, name: 'system' }, { action: 'x', objectType: 'y' });
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect(await t.db.selectFrom('audit_log').select('id').execute()).toHaveLength(1);
  });

  it('refuses TRUNCATE', async () => {
    await audit(t.db, { id: null, name: 'system' }, { action: 'x', objectType: 'y' });
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await t.db.selectFrom('audit_log').select('id').execute()).toHaveLength(1);
  });

  it('rolls back with the change it describes', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await audit(trx, { id: null, name: 'system' }, { action: 'doomed', objectType: 'y' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await t.db.selectFrom('audit_log').select('id').execute()).toHaveLength(0);
  });
});
