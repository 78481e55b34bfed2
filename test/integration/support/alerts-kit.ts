import { expect } from 'vitest';
import { useTestDb } from '../../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../../helpers/app.ts';
import { seedRiskDistrict } from '../../helpers/risk-district.ts';
import { runScoring } from '../../../src/scoring/score-run.ts';
import { evaluateAlerts } from '../../../src/alerts/evaluate.ts';
import { defaultModelConfig } from '../../../src/domain/scoring/index.ts';

// What the alert lifecycle and escalation tests share: the seeded risk
// district, scoring then the alert rules at an instant, the duty staff on
// the roster and what the outbox holds. Call once per test file.

export function alertsKit() {
  const db = useTestDb(seedRiskDistrict);
  const config = testConfig();
  const deps = () => ({ db: db().db, log: silentLog, config });
  const MIN = 60_000;
  const at = (iso: string) => new Date(iso);

  async function scoreAndAlert(when: Date) {
    const run = await runScoring(db().db, defaultModelConfig, {
      at: when,
      firms: 'all',
      reason: 'test',
      actor: { id: null, name: 'test' },
    });
    return evaluateAlerts(deps(), run);
  }

  /** Duty officers: tier 1 and 2 for 示范区, tier 3 the section chief; a standard endpoint to see what goes out. */
  async function staff() {
    const duty = await userWithToken(db().db, 'duty_officer', { district: '示范区' });
    const backup = await userWithToken(db().db, 'duty_officer', { district: '示范区' });
    const chief = await userWithToken(db().db, 'manager', { district: '示范区' });
    await db().db.updateTable('users').set({ mobile: '13800000001' }).where('id', '=', duty.user.id).execute();
    await db().db.updateTable('users').set({ mobile: '13800000002' }).where('id', '=', backup.user.id).execute();
    const admin = await userWithToken(db().db, 'admin');
    const csv =
      `user,start,end,district,streets,categories,tier\n${duty.user.name},2026-11-19 08:00,2026-11-21 08:00,示范区,,,1\n` +
      `${backup.user.name},2026-11-19 08:00,2026-11-21 08:00,示范区,,,2\n${chief.user.name},2026-11-01 00:00,2026-11-30 00:00,,,,3\n`;
    const res = await testApp(db().db).request('/api/v1/roster/import', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(await res.json()).toEqual({ accepted: 3, rejected: [] });
    await db()
      .db.insertInto('webhook_endpoints')
      .values({ url: 'https://hooks.example.cn/x', kind: 'standard', secret_sealed: null, created_by: 'test' })
      .execute();
    return { duty, backup, chief, admin };
  }

  const outbox = async () =>
    (await db().db.selectFrom('deliveries').select(['event_type', 'event']).orderBy('id').execute()).map((d) => ({
      type: d.event_type,
      data: (d.event as any).data,
      mentions: (d.event as any).mentions ?? null,
    }));

  const byNumber = (a: number, b: number) => a - b;
  const allIds = async () => (await db().db.selectFrom('alerts').select('id').orderBy('id').execute()).map((a) => a.id);
  /** Alerts that joined an incident at no higher level (recorded on it, paging nobody). */
  const groupedIds = async () =>
    (await db().db.selectFrom('alert_events').select('alert_id').where('kind', '=', 'grouped').execute()).map(
      (e) => e.alert_id,
    );

  return { db, config, deps, MIN, at, scoreAndAlert, staff, outbox, byNumber, allIds, groupedIds };
}
