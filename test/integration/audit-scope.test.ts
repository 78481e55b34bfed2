import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testApp, userWithToken } from '../helpers/app.ts';
import { audit } from '../../src/audit/audit.ts';

// Issue 13 item 6: the audit log is read within the reader's jurisdiction,
// like every other read; city-level readers see every district.

let t: TestDb;
const AT = new Date('2026-11-20T02:00:00Z');
let hereAlert = 0,
  thereAlert = 0,
  therePetition = 0;

async function alertFor(firmId: number, tag: string) {
  const [a] = await t.db
    .insertInto('alerts')
    .values({
      firm_id: firmId,
      rule: 'risk_level',
      category: 'labor',
      level: 'orange',
      title: tag,
      fingerprint: tag,
      score: 70,
      raised_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .execute();
  return a!.id;
}

beforeAll(async () => {
  t = await openTestDb();
  const here = await insertFirm(t.db, { name: '示范配送站', district: '示范区', street: '晨光路街道' });
  const there = await insertFirm(t.db, { name: '邻区配送站', district: '邻区', street: '北苑街道' });
  hereAlert = await alertFor(here.id, 'here');
  thereAlert = await alertFor(there.id, 'there');
  const [p] = await t.db
    .insertInto('petitions')
    .values({
      source: 't',
      record_id: 'p1',
      firm_id: there.id,
      firm_name: '邻区配送站',
      firm_name_norm: '邻区配送站',
      firm_uscc: null,
      resolution: 'resolved',
      district: '邻区',
      street: '北苑街道',
      extra: '{}',
      row_hash: 'h1',
      created_at: AT,
      updated_at: AT,
      received: '2026-11-19',
      channel: null,
      categories: [],
      petitioners: 1,
      summary_masked: null,
      summary_sealed: null,
      name_masked: '张*',
      name_sealed: null,
      phone_masked: null,
      phone_sealed: null,
      id_number_masked: null,
      id_number_sealed: null,
      id_number_valid: null,
      status: null,
      closed: null,
    })
    .returning('id')
    .execute();
  therePetition = p!.id;
});
afterAll(async () => {
  await t?.close();
});

const call = async (path: string, headers: Record<string, string>, init: RequestInit = {}) => {
  const r = await testApp(t.db, { clock: () => AT }).request(path, {
    ...init,
    headers: { ...headers, 'content-type': 'application/json' },
  });
  return { status: r.status, body: (await r.json()) as any };
};

describe('audit log reads are scoped by jurisdiction', () => {
  it("a district manager sees their district's entries, never the neighbour's pii.read or internal note text", async () => {
    const neighbour = await userWithToken(t.db, 'inspector', { district: '邻区' });
    const local = await userWithToken(t.db, 'inspector', { district: '示范区' });
    expect((await call(`/api/v1/petitions/${therePetition}`, neighbour.headers)).status).toBe(200);
    expect(
      (
        await call(`/api/v1/alerts/${thereAlert}/notes`, neighbour.headers, {
          method: 'POST',
          body: JSON.stringify({ note: '邻区内部线索：王某 13812345678' }),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(`/api/v1/alerts/${hereAlert}/notes`, local.headers, {
          method: 'POST',
          body: JSON.stringify({ note: '示范区跟进' }),
        })
      ).status,
    ).toBe(200);

    const manager = await userWithToken(t.db, 'manager', { district: '示范区' });
    const seen = (await call('/api/v1/audit?limit=500', manager.headers)).body.entries as any[];
    expect(seen.some((e) => e.object_type === 'alert' && e.object_id === String(hereAlert))).toBe(true);
    expect(seen.every((e) => e.district === '示范区')).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('邻区内部线索');
    expect(seen.some((e) => e.action === 'pii.read')).toBe(false);
    // Filtering by the object does not get around it.
    const direct = await call(`/api/v1/audit?object_type=petition&object_id=${therePetition}`, manager.headers);
    expect(direct.body.entries).toEqual([]);

    const neighbourManager = await userWithToken(t.db, 'manager', { district: '邻区' });
    const theirs = (await call('/api/v1/audit?limit=500', neighbourManager.headers)).body.entries as any[];
    expect(theirs.some((e) => e.action === 'pii.read' && e.object_id === String(therePetition))).toBe(true);
    expect(JSON.stringify(theirs)).toContain('邻区内部线索');

    for (const [role, district] of [
      ['manager', null],
      ['admin', '示范区'],
    ] as const) {
      const city = await userWithToken(t.db, role, { district });
      const all = (await call('/api/v1/audit?limit=500', city.headers)).body.entries as any[];
      expect(new Set(all.map((e) => e.district))).toEqual(new Set(['示范区', '邻区', null]));
    }
  });

  it('places entries by their object, else by their actor; an explicit insert cannot be read across districts', async () => {
    const neighbour = await userWithToken(t.db, 'duty_officer', { district: '邻区' });
    await audit(
      t.db,
      { id: neighbour.user.id, name: neighbour.user.name },
      { action: 'roster.import', objectType: 'roster' },
      AT,
    );
    await audit(
      t.db,
      { id: null, name: 'system' },
      { action: 'alert.escalated', objectType: 'alert', objectId: thereAlert },
      AT,
    );
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'district', 'street'])
      .where('action', 'in', ['roster.import', 'alert.escalated'])
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'roster.import', district: '邻区', street: null },
        { action: 'alert.escalated', district: '邻区', street: '北苑街道' },
      ]),
    );
    const manager = await userWithToken(t.db, 'manager', { district: '示范区' });
    const seen = (await call('/api/v1/audit?limit=500', manager.headers)).body.entries as any[];
    expect(seen.some((e) => e.action === 'roster.import' || e.action === 'alert.escalated')).toBe(false);
  });
});
