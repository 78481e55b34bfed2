import iconv from 'iconv-lite';
import type { Db } from '../../src/db/connect.ts';
import { importFile, type ImportSource } from '../../src/ingest/import-file.ts';
import { importContext } from '../../src/ingest/import-service.ts';
import { silentLog } from './app.ts';

export const TEST_SECRET = 'test-secret-key-0123456789abcdef0123456789';

/** Imports text (or bytes) as the CLI would, with the actor `test`. */
export function importText(
  db: Db,
  kind: ImportSource['kind'],
  text: string | Uint8Array,
  opts: { format?: 'csv' | 'json' | 'ndjson'; source?: string; batchSize?: number; now?: Date } = {},
) {
  const ctx = {
    ...importContext(
      { db, log: silentLog, secretKey: TEST_SECRET },
      { id: null, name: 'test' },
      opts.now ?? new Date(),
    ),
    batchSize: opts.batchSize,
  };
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return importFile(ctx, { kind, source: opts.source ?? `${kind}.csv`, format: opts.format ?? 'csv', bytes: [bytes] });
}

export const gbk = (text: string) => iconv.encode(text, 'gbk');

export const FIRMS_CSV =
  '\ufeff单位名称,统一社会信用代码,别名,行业,类型,关联平台,区,街镇\n' +
  '快兔跑腿（上海）网络科技有限公司,91310105700010058E,快兔跑腿|快兔,即时配送,平台,,示范区,晨光路街道\n' +
  '晨光路配送站有限公司,,快兔晨光路站,即时配送,代理商,快兔跑腿(上海)网络科技有限公司,示范区,晨光路街道\n' +
  '松涛劳务派遣有限公司,,,其他,劳务派遣,91310105700010058E,示范区,松涛镇\n' +
  '北苑配送站有限公司,,,即时配送,代理商,快兔跑腿,邻区,北苑街道\n';

/** Seeds the small firm registry most ingestion tests start from. */
export const seedFirms = (t: { db: Db }) => importText(t.db, 'firms', FIRMS_CSV);
