// biome-ignore-all lint/suspicious/noExplicitAny: pg's overloaded query(), pg-copy-streams' submittable and PGlite's generic transaction type, forwarded unchanged
// COPY … FROM STDIN through Kysely, on both databases, inside whatever
// transaction the caller holds. Kysely has no COPY, and the connection a
// transaction runs on is private to it; so the statement goes through
// Kysely as an ordinary query whose single parameter is a CopyPayload, and
// the connection layer below Kysely (set up in connect.ts) recognises it:
// - PostgreSQL: a pg Client subclass runs it with pg-copy-streams and
//   writes the payload into the COPY stream;
// - PGlite: a wrapper of the instance (and of its transactions) runs
//   `COPY … FROM '/dev/blob'` with the payload as the query's `blob`.
// Either way the rows travel as one text body in COPY's text format, not
// as bound parameters the driver serialises and the server unnests.

import { CompiledQuery } from 'kysely';
import type { Db } from './connect-postgres.ts';

/** The rows of one COPY, in PostgreSQL's COPY text format. */
export class CopyPayload {
  constructor(readonly data: string) {}
}

const STDIN = /\bfrom\s+stdin\s*$/i;

/** COPY `rows` (COPY text format, one line per row) into `table` (`columns`); returns the rows copied. */
export async function copyInto(db: Db, table: string, columns: readonly string[], rows: string): Promise<number> {
  if (rows.length === 0) return 0;
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const text = `copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin`;
  const r = await db.executeQuery(CompiledQuery.raw(text, [new CopyPayload(rows)]));
  return Number(r.numAffectedRows ?? 0);
}

const payloadOf = (values: unknown): CopyPayload | null =>
  Array.isArray(values) && values.length === 1 && values[0] instanceof CopyPayload ? values[0] : null;

/** A pg Client class that runs CopyPayload queries as COPY FROM STDIN (for pg.Pool's `Client` option). */
export async function copyingPgClient(): Promise<unknown> {
  const pg = (await import('pg')).default;
  const { from: copyFrom } = (await import('pg-copy-streams')).default;
  class CopyingClient extends pg.Client {
    // pg's query() has many overloads; this one only adds a case in front.
    override query(config: any, values?: any, callback?: any): any {
      const payload = payloadOf(values);
      if (payload === null || typeof config !== 'string' || !STDIN.test(config))
        return (super.query as any)(config, values, callback);
      return new Promise((resolve, reject) => {
        const stream = (super.query as any)(copyFrom(config)) as ReturnType<typeof copyFrom>;
        stream.on('error', reject);
        stream.on('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [], fields: [] }));
        stream.end(payload.data);
      });
    }
  }
  return CopyingClient;
}

type PgliteQuery = (sql: string, params?: unknown[], opts?: Record<string, unknown>) => Promise<unknown>;

function pgliteQuery(target: { query: PgliteQuery }): PgliteQuery {
  return (text, params, opts) => {
    const payload = payloadOf(params);
    if (payload === null || !STDIN.test(text)) return target.query(text, params, opts);
    return target.query(text.replace(STDIN, "from '/dev/blob'"), [], { ...opts, blob: new Blob([payload.data]) });
  };
}

function forward<T extends object>(target: T, overrides: Record<string | symbol, unknown>): T {
  return new Proxy(target, {
    get(t, key) {
      if (key in overrides) return overrides[key as string];
      const v = Reflect.get(t, key, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/** A PGlite instance whose queries (and its transactions' queries) run CopyPayload queries as COPY FROM '/dev/blob'. */
export function copyingPglite<
  P extends { query: PgliteQuery; transaction: (cb: (tx: any) => Promise<unknown>) => Promise<unknown> },
>(pglite: P): P {
  return forward(pglite, {
    query: pgliteQuery(pglite),
    transaction: (cb: (tx: unknown) => Promise<unknown>) =>
      pglite.transaction((tx: { query: PgliteQuery }) => cb(forward(tx, { query: pgliteQuery(tx) }))),
  });
}
