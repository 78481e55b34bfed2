// PostgreSQL pieces of the import benchmark: a throwaway database on the
// local server, and the yardstick, a plain COPY of the same CSV files into
// bare tables of text columns.

import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `name` (dropping a leftover of the same name); returns its URL and a drop function. */
export async function createDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await admin(serverUrl, async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export interface CopyFile {
  path: string;
  table: string;
  columns: number;
}

/**
 * Times `COPY table FROM STDIN (FORMAT csv, HEADER)` of each file into a
 * fresh bare table (text columns, no keys), over one connection. Returns
 * the seconds for all files and the rows COPY reported.
 */
export async function copyBaseline(
  url: string,
  files: readonly CopyFile[],
): Promise<{ seconds: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const f of files) {
      const cols = Array.from({ length: f.columns }, (_, i) => `c${i + 1} text`).join(', ');
      await client.query(`drop table if exists ${f.table}`);
      await client.query(`create table ${f.table} (${cols})`);
    }
    let rows = 0;
    const t0 = performance.now();
    for (const f of files) {
      const copy = client.query(copyStreams.from(`copy ${f.table} from stdin (format csv, header)`));
      await pipeline(createReadStream(f.path), copy);
      rows += copy.rowCount;
    }
    const seconds = (performance.now() - t0) / 1000;
    for (const f of files) await client.query(`drop table ${f.table}`);
    return { seconds, rows };
  } finally {
    await client.end();
  }
}
