// Wakes delivery workers at once when new deliveries are committed, rather
// than on the next poll: in this process by an event, in other processes
// (replicas on one PostgreSQL) by NOTIFY, sent inside the writing
// transaction so it is delivered only if that commits.

import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

export const DELIVERY_CHANNEL = 'qianshao_deliveries';

const local = new EventEmitter();
local.setMaxListeners(100);

/** Call after the transaction that wrote deliveries has committed. */
export function wakeDeliveries(): void {
  local.emit('wake');
}

export function onDeliveryWake(listener: () => void): () => void {
  local.on('wake', listener);
  return () => local.off('wake', listener);
}

/** Inside the writing transaction: tells workers in other processes. */
export async function notifyDeliveries(trx: Db): Promise<void> {
  await sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(trx);
}
