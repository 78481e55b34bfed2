// biome-ignore-all lint/suspicious/noExplicitAny: pg's untyped interop (type parsers, the Client class, overloaded query())
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { copyingPgClient } from './copy-in.ts';

// PostgreSQL over `pg`, alone in its module: the Worker bundle imports this
// one and never the embedded database's (connect.ts).

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** Connection counts of the pool (PostgreSQL only), for /metrics. */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

// int8 and numeric come back as numbers (counts and amounts stay far below
// 2^53); dates stay 'YYYY-MM-DD' strings so no time zone sneaks into them.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export async function connectPostgres(url: string, opts: { max?: number } = {}): Promise<DbHandle> {
  const pg = (await import('pg')).default;
  const parsers: Record<number, (v: string) => unknown> = { [INT8]: Number, [NUMERIC]: Number, [DATE]: (v) => v };
  // Per-pool parsers, so that nothing global is changed for other pools.
  const typeOverrides = {
    getTypeParser: (oid: number, format?: any) => parsers[oid] ?? pg.types.getTypeParser(oid, format),
  };
  // The Client runs bulk imports' COPY statements (copy-in.ts).
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types: typeOverrides as any,
    Client: (await copyingPgClient()) as any,
  });
  pool.on('error', () => {
    /* an idle client's error resurfaces on its next query */
  });
  // A checked-out client (a transaction, an import batch) has no pool
  // listener: without one of its own, a database restart would emit an
  // unhandled 'error' and end the process. The query in flight is rejected
  // with the error anyway, and the pool drops the broken client on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    close: () => db.destroy(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
