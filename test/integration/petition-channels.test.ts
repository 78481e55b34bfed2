import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testConfig } from '../helpers/app.ts';
import { importText, seedFirms } from '../helpers/ingest.ts';
import { parseWeek } from '../../src/domain/digest/index.ts';
import { buildDigest } from '../../src/digest/publish.ts';

// Issue 14 item 11: petitions forwarded by the 12345 hotline and the
// leaders' message board are accepted, and the digest counts them by channel.
const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

describe('12345 and 留言板 petitions', () => {
  it("import under their channels and show in the digest's per-channel counts", async () => {
    const rows = [
      ['P-1', '12345'],
      ['P-2', '12345市民服务热线'],
      ['P-3', '12345热线'],
      ['P-4', '市民热线'],
      ['P-5', '人民网领导留言板'],
      ['P-6', '领导留言板'],
      ['P-7', '留言板'],
      ['P-8', '人民网留言板'],
      ['P-9', '来访'],
      ['P-10', ''],
    ];
    const csv = `信访编号,被反映单位,登记日期,渠道,诉求类别\n${rows.map(([id, ch]) => `${id},快兔晨光路站,2026-11-18 09:30,${ch},欠薪\n`).join('')}`;
    const r = await importText(t.db, 'petitions', csv, { now: new Date('2026-11-19T00:00:00Z') });
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(10);
    const stored = await t.db.selectFrom('petitions').select(['record_id', 'channel']).execute();
    const byId = Object.fromEntries(stored.map((s) => [s.record_id, s.channel]));
    expect(byId).toEqual({
      'P-1': 'hotline_12345',
      'P-2': 'hotline_12345',
      'P-3': 'hotline_12345',
      'P-4': 'hotline_12345',
      'P-5': 'leaders_board',
      'P-6': 'leaders_board',
      'P-7': 'leaders_board',
      'P-8': 'leaders_board',
      'P-9': 'visit',
      'P-10': null,
    });

    const d = await buildDigest(t.db, testConfig(), {
      week: parseWeek('2026-W47'),
      district: null,
      now: new Date('2026-11-23T01:00:00Z'),
      actor: 'test',
    });
    expect(d.content.petitionChannels).toEqual(
      expect.arrayContaining([
        { channel: 'hotline_12345', petitions: 4 },
        { channel: 'leaders_board', petitions: 4 },
        { channel: 'visit', petitions: 1 },
        { channel: null, petitions: 1 },
      ]),
    );
    expect(d.markdown).toContain('信访渠道：12345热线 4 · 领导留言板 4 · 来访 1 · 未登记 1');
    expect(d.html).toContain('12345热线 4 · 领导留言板 4');
  });
});
