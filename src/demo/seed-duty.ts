// The demo's duty arrangements: a roster for 示范区 (a weekly rotation on
// tier 1, a backup and the section chief), work mobiles for the people it
// pages, and webhook endpoints of every kind pointing at the demo inbox
// (/demo/inbox) served by this same process, so `npm start` shows the
// whole loop from score to signed message.

import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { sql } from 'kysely';
import { endpointSealer } from '../delivery/endpoint-sealer.ts';
import { generateSecret } from '../delivery/channels/index.ts';
import type { DemoDistrict } from './district.ts';
import { maskUrl } from '../domain/url-secrets.ts';
import { atLocal } from '../domain/alerts/local-time.ts';
import { shanghaiDayOf } from '../domain/time/shanghai.ts';

const KINDS = ['standard', 'wecom', 'dingtalk', 'feishu'] as const;
const DAY = 86_400_000;

async function userId(db: Db, name: string): Promise<number | null> {
  return (await db.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
}

/** Endpoints (re-pointed at this start's port), and on the first start the roster and mobiles. */
export async function seedDemoDuty(
  db: Db,
  log: Logger,
  secretKey: string,
  baseUrl: string,
  district: DemoDistrict,
  now: Date,
  fresh: boolean,
): Promise<void> {
  for (const kind of KINDS) {
    const url = `${baseUrl}/demo/inbox/${kind}${kind === 'wecom' ? '?key=demo' : ''}`;
    const label = `demo-inbox:${kind}`;
    const existing = await db
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('label', '=', label)
      .executeTakeFirst();
    if (existing) {
      await db
        .updateTable('webhook_endpoints')
        .set({ url: maskUrl(url), url_sealed: endpointSealer(secretKey).seal(url) })
        .where('id', '=', existing.id)
        .execute();
      continue;
    }
    // WeCom robots carry their key in the URL; DingTalk and Feishu sign with a secret (DingTalk's start with SEC).
    const secret =
      kind === 'wecom'
        ? null
        : kind === 'standard'
          ? generateSecret()
          : `SEC${generateSecret().slice('whsec_'.length)}`;
    await db
      .insertInto('webhook_endpoints')
      .values({
        url: maskUrl(url),
        url_sealed: endpointSealer(secretKey).seal(url),
        kind,
        label,
        secret_sealed: secret ? endpointSealer(secretKey).seal(secret) : null,
        district: district.district,
        // The group robots get what people act on; the standard endpoint gets every event.
        events: kind === 'standard' ? [] : ['alert.raised', 'alert.escalated'],
        created_by: 'demo-seed',
        created_at: now,
      })
      .execute();
  }
  if (!fresh) return;
  const [duty, second, manager, opinion] = await Promise.all([
    userId(db, 'demo_duty'),
    userId(db, 'demo_inspector2'),
    userId(db, 'demo_manager'),
    userId(db, 'demo_opinion'),
  ]);
  if (duty === null || second === null || manager === null) return;
  await db
    .updateTable('users')
    .set({ mobile: sql`'1380013' || lpad(id::text, 4, '0')` })
    .where('id', 'in', [duty, second, manager])
    .execute();
  // A weekly rotation that began at 08:00 six days ago: demo_duty this week, demo_inspector2 the next.
  const anchor = atLocal(shanghaiDayOf(now) - 6, 8 * 60);
  await db
    .insertInto('roster_rotations')
    .values({
      name: '示范区值班（演示）',
      tier: 1,
      district: district.district,
      members: [duty, second],
      anchor,
      turn_days: 7,
    })
    .execute();
  await db
    .insertInto('roster_shifts')
    .values([
      {
        user_id: second,
        starts_at: new Date(now.getTime() - DAY),
        ends_at: new Date(now.getTime() + 30 * DAY),
        district: district.district,
        tier: 2,
        note: '演示：备班',
      },
      {
        user_id: manager,
        starts_at: new Date(now.getTime() - DAY),
        ends_at: new Date(now.getTime() + 30 * DAY),
        district: district.district,
        tier: 3,
        note: '演示：科室负责人',
      },
      // The opinion roster: the opinion-response officer is on duty for opinion alerts (issue 15 item 11).
      ...(opinion === null
        ? []
        : [
            {
              user_id: opinion,
              starts_at: new Date(now.getTime() - DAY),
              ends_at: new Date(now.getTime() + 30 * DAY),
              district: district.district,
              tier: 1,
              categories: ['opinion'],
              note: '演示：舆情处置值班',
            },
          ]),
    ])
    .execute();
  log.info({ endpoints: KINDS.length }, 'demo duty roster and inbox endpoints ready');
}
