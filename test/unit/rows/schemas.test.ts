import { describe, expect, it } from 'vitest';
import { COLUMNS, type RowReason, mapHeader, missingColumns, parseRow } from '../../../src/ingest/rows/index.ts';

const PLATFORM = '91310115MA1FL0A199';

function reasons(r: { ok: true } | { ok: false; reasons: RowReason[] }): RowReason[] {
  return r.ok ? [] : r.reasons;
}

describe('column tables', () => {
  it('match CONTRACT §2 (English name ↔ Chinese header)', () => {
    const pairs = (kind: keyof typeof COLUMNS) => COLUMNS[kind].map((c) => `${c.name}=${c.zh}`).join(' ');
    expect(pairs('firms')).toBe(
      'name=单位名称 uscc=统一社会信用代码 aliases=别名 sector=行业 role=类型 parent=关联平台 district=区 street=街镇 address=地址',
    );
    expect(pairs('inspections')).toBe(
      'record_id=检查编号 firm=单位名称 uscc=统一社会信用代码 date=检查日期 kind=检查类型 violations=违法事项 workers=涉及人数 amount=涉及金额 order=处理措施 due=整改期限 rectified=整改完成日期 status=状态 district=区 street=街镇 inspector=检查人员 notes=备注 related=关联案号',
    );
    expect(pairs('petitions')).toBe(
      'record_id=信访编号 received=登记日期 channel=渠道 firm=被反映单位 uscc=统一社会信用代码 category=诉求类别 petitioners=人数 repeat=重复信访 summary=诉求摘要 name=信访人 phone=联系电话 id_number=身份证号 status=状态 closed=办结日期',
    );
    expect(COLUMNS.inspections.filter((c) => c.required === true).map((c) => c.name)).toEqual(['record_id', 'date']);
  });

  it('match headers loosely but per kind', () => {
    expect(mapHeader('firms', '单位名称')).toBe('name');
    expect(mapHeader('inspections', '单位名称')).toBe('firm');
    expect(mapHeader('petitions', '信访人')).toBe('name');
    expect(mapHeader('inspections', ' *检查编号 ')).toBe('record_id');
    expect(mapHeader('inspections', 'Record ID')).toBe('record_id');
    expect(mapHeader('petitions', 'ID-Number')).toBe('id_number');
    expect(mapHeader('inspections', '联系人')).toBeNull();
  });

  it('report required columns a header lacks', () => {
    expect(missingColumns('inspections', ['检查编号', '单位名称', '检查日期'])).toEqual([]);
    expect(missingColumns('inspections', ['检查编号', '备注']).map((c) => c.name)).toEqual(['date', 'firm', 'uscc']);
    expect(missingColumns('petitions', ['record_id', 'received', 'uscc'])).toEqual([]);
  });
});

describe('inspection rows', () => {
  const good = {
    检查编号: 'JC-1',
    单位名称: '上海浦江示例配送服务有限公司',
    检查日期: '2026年11月3日',
    检查类型: '举报投诉',
    违法事项: '拖欠工资、超时加班',
    涉及人数: '23',
    涉及金额: '1.2万元',
    处理措施: '责令支付',
    整改期限: '2026/11/20',
    状态: '办理中',
    联系人: '王示例',
  };

  it('normalize Chinese headers and labels', () => {
    const r = parseRow('inspections', good);
    expect(r).toMatchObject({
      ok: true,
      row: {
        recordId: 'JC-1',
        firm: '上海浦江示例配送服务有限公司',
        uscc: null,
        date: '2026-11-03',
        kind: 'complaint',
        violations: ['wage_arrears', 'overtime'],
        workers: 23,
        amount: 12000,
        order: 'pay',
        due: '2026-11-20',
        rectified: null,
        status: 'open',
        notes: null,
        extra: { 联系人: '王示例' },
      },
    });
    if (r.ok) expect(r.row.at.toISOString()).toBe('2026-11-02T16:00:00.000Z');
  });

  it('give the same row for English keys in another order', () => {
    const english = {
      status: 'open',
      order: 'pay',
      amount: 12000,
      workers: 23,
      violations: ['wage_arrears', 'overtime'],
      kind: 'complaint',
      date: '2026-11-03',
      firm: '上海浦江示例配送服务有限公司',
      record_id: 'JC-1',
      due: '2026-11-20',
      联系人: '王示例',
    };
    expect(parseRow('inspections', english)).toEqual(parseRow('inspections', good));
  });

  it('collect every reason, naming the field and the Chinese column', () => {
    const r = parseRow('inspections', {
      检查编号: '',
      统一社会信用代码: '91310115MA1FL0A198',
      检查日期: '2026-02-30',
      违法事项: '拖欠工资|迟到',
      涉及人数: '-2',
      涉及金额: '很多',
      处理措施: '罚款',
    });
    expect(reasons(r).map((x) => [x.field, x.column])).toEqual([
      ['record_id', '检查编号'],
      ['uscc', '统一社会信用代码'],
      ['date', '检查日期'],
      ['violations', '违法事项'],
      ['workers', '涉及人数'],
      ['amount', '涉及金额'],
      ['order', '处理措施'],
    ]);
    expect(reasons(r)).toContainEqual({ field: 'date', column: '检查日期', message: 'not a real date: 2026-02-30' });
    expect(reasons(r)).toContainEqual({ field: 'record_id', column: '检查编号', message: 'required value is missing' });
  });

  it('need a firm name or a USCC', () => {
    const base = { record_id: 'JC-2', date: '2026-11-03' };
    expect(reasons(parseRow('inspections', base))).toEqual([
      {
        field: 'firm',
        column: '单位名称',
        message: 'either the firm name (单位名称) or its USCC (统一社会信用代码) is required',
      },
    ]);
    expect(parseRow('inspections', { ...base, uscc: PLATFORM })).toMatchObject({
      ok: true,
      row: { uscc: PLATFORM, firm: null },
    });
    expect(parseRow('inspections', { ...base, uscc: '9131 0115 ma1f l0a1 99' })).toMatchObject({
      row: { uscc: PLATFORM },
    });
  });

  it('treat blank cells as absent, and empty violations as nothing found', () => {
    const r = parseRow('inspections', {
      record_id: ' JC-3 ',
      firm: 'X',
      date: '2026-11-03',
      violations: '  ',
      amount: '',
      notes: null,
    });
    expect(r).toMatchObject({
      ok: true,
      row: { recordId: 'JC-3', violations: [], amount: null, notes: null, extra: {} },
    });
  });

  it('keep a second column of the same meaning as extra rather than overwrite', () => {
    const r = parseRow('inspections', { record_id: 'JC-4', firm: 'X', date: '2026-11-03', 检查日期: '2026-11-04' });
    expect(r).toMatchObject({ ok: true, row: { date: '2026-11-03', extra: { 检查日期: '2026-11-04' } } });
  });

  it('reject a record that is not an object', () => {
    expect(reasons(parseRow('inspections', ['JC-5']))).toEqual([
      { field: '', column: '', message: 'a record must be an object of column values' },
    ]);
  });
});

describe('petition rows', () => {
  it('default petitioners to 1 and repeat to false', () => {
    const r = parseRow('petitions', { 信访编号: 'XF-1', 登记日期: '2026-11-02', 被反映单位: '示例公司' });
    expect(r).toMatchObject({ ok: true, row: { petitioners: 1, repeat: false, categories: [], idNumber: null } });
  });

  it('keep and flag an invalid ID number instead of rejecting the record', () => {
    const bad = parseRow('petitions', {
      record_id: 'XF-2',
      received: '2026-11-02',
      firm: '示例公司',
      id_number: '310104198511224560',
    });
    expect(bad).toMatchObject({
      ok: true,
      row: {
        idNumber: '310104198511224560',
        idNumberValid: false,
        idNumberProblem: expect.stringMatching(/^invalid ID number: check character/),
      },
    });
    const good = parseRow('petitions', {
      record_id: 'XF-3',
      received: '2026-11-02',
      firm: '示例公司',
      id_number: '310115 19900307 1239',
    });
    expect(good).toMatchObject({
      ok: true,
      row: { idNumber: '310115199003071239', idNumberValid: true, idNumberProblem: null },
    });
  });

  it('map channel, categories, repeat and status labels', () => {
    const r = parseRow('petitions', {
      信访编号: 'XF-4',
      登记日期: '2026/11/4 08:30',
      渠道: '网上信访',
      统一社会信用代码: PLATFORM,
      诉求类别: '封号|算法派单',
      人数: '4人',
      重复信访: '是',
      状态: '办结',
      办结日期: '2026年11月10日',
      信访人: '李示例',
      联系电话: '13800000002',
    });
    expect(r).toMatchObject({
      ok: true,
      row: {
        received: '2026-11-04',
        channel: 'online',
        categories: ['account_ban', 'algorithm'],
        petitioners: 4,
        repeat: true,
        status: 'closed',
        closed: '2026-11-10',
        petitionerName: '李示例',
        phone: '13800000002',
      },
    });
    if (r.ok) expect(r.row.receivedAt.toISOString()).toBe('2026-11-04T00:30:00.000Z');
  });

  it('reject zero petitioners and a non yes/no repeat', () => {
    const r = parseRow('petitions', {
      record_id: 'XF-5',
      received: '2026-11-02',
      firm: 'X',
      petitioners: '0',
      repeat: '也许',
    });
    expect(reasons(r).map((x) => x.field)).toEqual(['petitioners', 'repeat']);
  });
});

describe('firm rows', () => {
  it('read aliases, sector, role and parents by name or USCC', () => {
    const r = parseRow('firms', {
      单位名称: '上海蓝鲸示例劳务派遣有限公司',
      别名: '蓝鲸、蓝鲸派遣',
      行业: '即时配送',
      类型: '劳务派遣',
      关联平台: `${PLATFORM}|示例出行科技有限公司`,
    });
    expect(r).toMatchObject({
      ok: true,
      row: {
        nameKey: '上海蓝鲸示例劳务派遣有限公司',
        uscc: null,
        aliases: ['蓝鲸', '蓝鲸派遣'],
        sector: 'instant_delivery',
        role: 'dispatch',
        parents: [
          { uscc: PLATFORM, name: null },
          { uscc: null, name: '示例出行科技有限公司' },
        ],
      },
    });
  });

  it('require the name and a valid USCC when one is given', () => {
    expect(reasons(parseRow('firms', { uscc: '91310115MA1LN0F25M' })).map((x) => x.field)).toEqual(['name', 'uscc']);
    expect(reasons(parseRow('firms', { name: 'X', parent: '91310115MA1FL0A198' })).map((x) => x.field)).toEqual([
      'parent',
    ]);
  });
});

describe('incident rows', () => {
  it('take the firm by name or USCC and default the kind to other', () => {
    expect(parseRow('incidents', { firm: PLATFORM, date: '2026-10-15', kind: '停工' })).toMatchObject({
      ok: true,
      row: { firm: { uscc: PLATFORM }, date: '2026-10-15', kind: 'strike' },
    });
    expect(parseRow('incidents', { firm: '示例公司', date: '2026/10/20' })).toMatchObject({
      ok: true,
      row: { firm: { name: '示例公司' }, kind: 'other' },
    });
  });
});
