import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog } from '../helpers/app.ts';
import { FIRMS_CSV, importText } from '../helpers/ingest.ts';
import { buildDemoDistrict, type DemoFirm } from '../../src/demo/district.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { firmNameKeys, normalizeFirmName } from '../../src/domain/firm-name.ts';
import { resolveFirmRefs, refKey } from '../../src/ingest/resolve-firms.ts';

// Issue 14 item 1: names as people write them resolve when exactly one
// registry firm fits, through imports of inspections and petitions and over
// the whole demo registry.

describe('firm names as written, in imports', () => {
  const db = useTestDb(async (t) =>
    importText(t.db, 'firms', FIRMS_CSV).then(() =>
      importText(
        t.db,
        'firms',
        '单位名称,类型,区\n上海鸿航信息技术有限公司,代理商,示范区\n上海骋润物流科技有限公司,代理商,示范区\n上海骋润物流科技有限公司长宁分公司,代理商,示范区\n' +
          '上海双星速递有限公司,代理商,示范区\n北京双星速递有限公司,代理商,示范区\n星河配送有限公司,代理商,示范区\n星河配送集团有限公司,代理商,示范区\n',
      ),
    ),
  );
  let t: TestDb;
  beforeEach(() => {
    t = db();
  });

  const firmOf = async (table: 'inspections' | 'petitions', id: string) =>
    t.db
      .selectFrom(table)
      .leftJoin('firms', 'firms.id', `${table}.firm_id`)
      .select(['firms.name', `${table}.resolution`])
      .where('record_id', '=', id)
      .executeTakeFirstOrThrow();

  it('inspections and petitions naming a firm without its legal form, with its place in brackets or full-width, resolve', async () => {
    const names = [
      '上海鸿航信息技术',
      '骋润物流科技(上海)',
      '骋润物流科技（上海）',
      '骋润物流科技(上海)有限公司',
      '上海 骋润物流科技 有限责任公司',
      '快兔跑腿网络科技(上海)',
      '晨光路配送站',
      '鸿航信息技术',
    ];
    const ins = `检查编号,单位名称,检查日期\n${names.map((n, i) => `I-${i},${n},2026-11-03\n`).join('')}`;
    const pet = `信访编号,被反映单位,登记日期\n${names.map((n, i) => `P-${i},${n},2026-11-03\n`).join('')}`;
    const ri = await importText(t.db, 'inspections', ins);
    expect(
      ri.unresolved,
      JSON.stringify(
        await t.db.selectFrom('inspections').select(['firm_name', 'resolution']).where('firm_id', 'is', null).execute(),
      ),
    ).toBe(0);
    expect((await importText(t.db, 'petitions', pet)).unresolved).toBe(0);
    const want = [
      '上海鸿航信息技术有限公司',
      '上海骋润物流科技有限公司',
      '上海骋润物流科技有限公司',
      '上海骋润物流科技有限公司',
      '上海骋润物流科技有限公司',
      '快兔跑腿（上海）网络科技有限公司',
      '晨光路配送站有限公司',
      '上海鸿航信息技术有限公司',
    ];
    for (const [i, name] of want.entries()) {
      expect(await firmOf('inspections', `I-${i}`), names[i]).toEqual({ name, resolution: 'resolved' });
      expect(await firmOf('petitions', `P-${i}`), names[i]).toEqual({ name, resolution: 'resolved' });
    }
  });

  it('a name that fits two firms stays ambiguous; a branch never resolves to its head office', async () => {
    const rows = [
      ['A-1', '双星速递'],
      ['A-2', '星河配送'],
      ['A-3', '星河配送有限公司'],
      ['B-1', '上海骋润物流科技有限公司徐汇分公司'],
      ['B-2', '骋润物流科技虹桥站'],
      ['B-3', '骋润物流科技长宁分公司'],
      ['U-1', '上海双星快运'],
    ];
    const r = await importText(
      t.db,
      'inspections',
      `检查编号,单位名称,检查日期\n${rows.map(([id, n]) => `${id},${n},2026-11-03\n`).join('')}`,
    );
    expect(r.unresolved).toBe(5);
    expect(await firmOf('inspections', 'A-1')).toEqual({ name: null, resolution: 'ambiguous' });
    expect(await firmOf('inspections', 'A-2')).toEqual({ name: null, resolution: 'ambiguous' });
    // The registered name itself is one firm, whatever its key shares.
    expect(await firmOf('inspections', 'A-3')).toEqual({ name: '星河配送有限公司', resolution: 'resolved' });
    expect(await firmOf('inspections', 'B-1')).toEqual({ name: null, resolution: 'unresolved' });
    expect(await firmOf('inspections', 'B-2')).toEqual({ name: null, resolution: 'unresolved' });
    // The branch as registered, written without its head's legal form and place.
    expect(await firmOf('inspections', 'B-3')).toEqual({
      name: '上海骋润物流科技有限公司长宁分公司',
      resolution: 'resolved',
    });
    expect(await firmOf('inspections', 'U-1')).toEqual({ name: null, resolution: 'unresolved' });
  });

  it('a firm imported later is found by key for the records after it, and the keys are stored for its aliases too', async () => {
    await importText(t.db, 'petitions', '信访编号,被反映单位,登记日期\nW-1,云帆即配(上海),2026-11-03\n');
    await importText(t.db, 'firms', '单位名称,别名,类型\n上海云帆即时配送有限公司,上海云帆即配有限公司,代理商\n');
    const alias = await t.db
      .selectFrom('firm_aliases')
      .select(['name_key', 'base_key'])
      .where('alias', '=', '上海云帆即配有限公司')
      .executeTakeFirstOrThrow();
    expect(alias).toEqual({ name_key: '云帆即配(上海)', base_key: '云帆即配' });
    const again = await importText(
      t.db,
      'petitions',
      '信访编号,被反映单位,登记日期\nW-2,云帆即配（上海）,2026-11-03\n',
    );
    expect(again.unresolved).toBe(0);
  });
});

describe('firm names as written, over the demo registry (property)', () => {
  const district = buildDemoDistrict();
  const db = useTestDb((t) => seedDemo(t.db, silentLog, new Date('2026-11-28T00:00:00Z'), district));
  let t: TestDb;
  beforeEach(() => {
    t = db();
  });

  const firms = district.firms;
  const names = (f: DemoFirm) => [f.name, ...f.aliases];
  const norms = new Map<string, Set<string>>();
  for (const f of firms)
    for (const n of names(f))
      (norms.get(normalizeFirmName(n)) ?? norms.set(normalizeFirmName(n), new Set()).get(normalizeFirmName(n))!).add(
        f.key,
      );
  /** Every firm one of whose names or aliases shares the key that a written name is matched by. */
  const sharing = (written: string) => {
    const w = firmNameKeys(written);
    return new Set(
      firms
        .filter((f) =>
          names(f).some((n) => {
            const k = firmNameKeys(n);
            return w.hasPlace ? k.nameKey === w.nameKey : k.baseKey === w.baseKey;
          }),
        )
        .map((f) => f.key),
    );
  };

  /** How a clerk writes a registered name. */
  const variant = (name: string, v: { form: number; place: number; width: boolean; spaces: boolean }) => {
    let s = name;
    if (!/(分公司|站)$/.test(s)) {
      if (v.form === 1) s = s.replace(/(（集团）)?有限公司$/, '');
      if (v.form === 2) s = s.replace(/有限公司$/, '有限责任公司');
    }
    const lead = /^上海/.exec(s);
    const branch = /(分公司|站)$/.test(s);
    if (lead && v.place === 1 && !branch)
      s = s.replace(
        /^上海(.+?)(（集团）)?(有限公司|有限责任公司)?$/,
        (_, c, g, f) => `${c}（上海）${g ?? ''}${f ?? ''}`,
      );
    if (lead && v.place === 2) s = s.replace(/^上海/, '上海市');
    const inner = /^(.+?)（上海）(.*)$/.exec(s);
    if (inner && v.place === 3 && !branch) s = `上海${inner[1]}${inner[2]}`;
    if (v.width) s = s.replace(/（/g, '(').replace(/）/g, ')');
    if (v.spaces) s = s.replace(/^(上海市?)/, '$1 ').replace(/(有限公司)$/, ' $1');
    return s;
  };
  const arb = fc.record({
    i: fc.nat(firms.length - 1),
    form: fc.nat(2),
    place: fc.nat(3),
    width: fc.boolean(),
    spaces: fc.boolean(),
  });

  it('a variant of a registry firm resolves to that firm, or is ambiguous exactly when another firm shares its key', async () => {
    const samples = fc.sample(arb, { numRuns: 400, seed: 14 });
    const written = samples.map((s) => ({ firm: firms[s.i]!, text: variant(firms[s.i]!.name, s) }));
    const got = await resolveFirmRefs(
      t.db,
      written.map((w) => ({ uscc: null, nameKey: normalizeFirmName(w.text) })),
    );
    const ids = new Map((await t.db.selectFrom('firms').select(['id', 'name']).execute()).map((f) => [f.id, f.name]));
    let ambiguous = 0;
    let viaKey = 0;
    for (const w of written) {
      const r = got.get(refKey({ uscc: null, nameKey: normalizeFirmName(w.text) }))!;
      const exact = norms.get(normalizeFirmName(w.text));
      if (exact) {
        expect(r.status, w.text).toBe(exact.size === 1 ? 'resolved' : 'ambiguous');
        continue;
      }
      viaKey++;
      const others = [...sharing(w.text)].filter((k) => k !== w.firm.key);
      expect(sharing(w.text).has(w.firm.key), w.text).toBe(true);
      if (others.length === 0) expect(r.firmId !== null && ids.get(r.firmId), w.text).toBe(w.firm.name);
      else {
        expect(r.status, w.text).toBe('ambiguous');
        ambiguous++;
      }
    }
    expect(viaKey).toBeGreaterThan(150);
    expect(ambiguous).toBeLessThan(viaKey / 10);
  });

  it('a branch, station or outlet of a registry firm never resolves to that firm', async () => {
    const arbB = fc.record({
      i: fc.nat(firms.length - 1),
      where: fc.constantFrom('长宁', '仙霞', '北新泾', '天山路'),
      marker: fc.constantFrom('分公司', '站', '营业部', '网点', '配送站'),
      form: fc.nat(2),
      place: fc.nat(3),
      width: fc.boolean(),
      spaces: fc.boolean(),
    });
    const samples = fc.sample(arbB, { numRuns: 300, seed: 41 });
    const written = samples.map((s) => ({
      firm: firms[s.i]!,
      text: variant(firms[s.i]!.name, s) + s.where + s.marker,
    }));
    const got = await resolveFirmRefs(
      t.db,
      written.map((w) => ({ uscc: null, nameKey: normalizeFirmName(w.text) })),
    );
    const branchIds = new Set(
      (await t.db.selectFrom('firms').select(['id', 'name']).execute())
        .filter((f) => firmNameKeys(f.name).branch)
        .map((f) => f.id),
    );
    for (const w of written) {
      const r = got.get(refKey({ uscc: null, nameKey: normalizeFirmName(w.text) }))!;
      if (r.status !== 'resolved') continue;
      // Only a branch registered under that very name (or alias) may answer.
      expect(branchIds.has(r.firmId) || norms.has(normalizeFirmName(w.text)), w.text).toBe(true);
    }
  });
});
