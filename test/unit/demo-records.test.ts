import { describe, expect, it } from 'vitest';
import { buildDemoDistrict } from '../../src/demo/district.ts';
import { buildDemoRecords } from '../../src/demo/records.ts';
import { normalizeFirmName } from '../../src/domain/firm-name.ts';
import { validateRic } from '../../src/domain/ric.ts';
import {
  type IncidentRow,
  type InspectionRow,
  type PetitionRow,
  type RowKind,
  type RowReason,
  parseRow,
  readRows,
} from '../../src/ingest/rows/index.ts';

const NOW = new Date('2026-11-28T10:30:00+08:00');
const DAY = 86_400_000;
const TODAY = '2026-11-28';
const district = buildDemoDistrict();
const records = buildDemoRecords(district, NOW);

async function parseAll<K extends RowKind>(kind: K, text: string, format: 'csv' | 'ndjson') {
  const rows: unknown[] = [];
  const rejected: { line: number; reasons: RowReason[] }[] = [];
  for await (const raw of readRows([Buffer.from(text)], format, { kind })) {
    if (raw.record === null) {
      rejected.push({ line: raw.line, reasons: [{ field: '', column: '', message: raw.error ?? '' }] });
      continue;
    }
    const r = parseRow(kind, raw.record);
    if (r.ok) rows.push(r.row);
    else rejected.push({ line: raw.line, reasons: r.reasons });
  }
  return { rows, rejected };
}

const inspections = await parseAll('inspections', records.inspectionsCsv, 'csv');
const petitions = await parseAll('petitions', records.petitionsNdjson, 'ndjson');
const incidents = await parseAll('incidents', records.incidentsCsv, 'csv');
const inspectionRows = inspections.rows as InspectionRow[];
const petitionRows = petitions.rows as PetitionRow[];
const incidentRows = incidents.rows as IncidentRow[];

// Exact resolution as the importer does it: USCC, then normalized name, then alias.
const byUscc = new Map(district.firms.filter((f) => f.uscc).map((f) => [f.uscc!, f]));
const byName = new Map(
  district.firms.flatMap((f) => [f.name, ...f.aliases].map((n) => [normalizeFirmName(n), f] as const)),
);
const resolve = (r: { uscc: string | null; firmKey: string | null }) =>
  (r.uscc ? byUscc.get(r.uscc) : undefined) ?? (r.firmKey ? byName.get(r.firmKey) : undefined);

describe('buildDemoRecords', () => {
  it('is deterministic', () => {
    expect(buildDemoRecords(district, NOW)).toEqual(records);
    expect(buildDemoRecords(district, NOW, 7).inspectionsCsv).not.toBe(records.inspectionsCsv);
  });

  it('writes the Chinese inspection headers and about 2,000 inspections and 1,500 petitions', () => {
    expect(records.inspectionsCsv.split('\n')[0]).toBe(
      '检查编号,单位名称,统一社会信用代码,检查日期,检查类型,违法事项,涉及人数,涉及金额,处理措施,整改期限,整改完成日期,状态,区,街镇,检查人员,备注',
    );
    const total = (p: { rows: unknown[]; rejected: unknown[] }) => p.rows.length + p.rejected.length;
    expect(total(inspections)).toBeGreaterThanOrEqual(1_900);
    expect(total(inspections)).toBeLessThanOrEqual(2_100);
    expect(total(petitions)).toBeGreaterThanOrEqual(1_400);
    expect(total(petitions)).toBeLessThanOrEqual(1_600);
    expect(new Set(inspectionRows.map((r) => r.recordId)).size).toBe(inspectionRows.length);
    expect(new Set(petitionRows.map((r) => r.recordId)).size).toBe(petitionRows.length);
  });

  it('validates nearly every row; the deliberately bad ~0.5% are rejected with reasons', () => {
    for (const p of [inspections, petitions]) {
      const share = p.rejected.length / (p.rows.length + p.rejected.length);
      expect(share).toBeGreaterThan(0.002);
      expect(share).toBeLessThan(0.01);
      for (const r of p.rejected) expect(r.reasons.length).toBeGreaterThan(0);
    }
    const fields = new Set(
      [...inspections.rejected, ...petitions.rejected].flatMap((r) => r.reasons.map((x) => x.field)),
    );
    expect(fields).toContain('date');
    expect(incidents.rejected).toEqual([]);
  });

  it('dates every record within the year before now', () => {
    const instants = [
      ...inspectionRows.map((r) => r.at),
      ...petitionRows.map((r) => r.receivedAt),
      ...incidentRows.map((r) => r.at),
    ];
    for (const at of instants) {
      expect(at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(at.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 365 * DAY);
    }
    for (const r of inspectionRows) {
      if (r.rectified) expect(r.rectified <= TODAY && r.rectified >= r.date).toBe(true);
      // A re-inspection after the deadline keeps the original (earlier) deadline.
      if (r.due) expect((r.due >= r.date || r.status === 'overdue') && r.due <= '2026-12-31').toBe(true);
    }
    for (const r of petitionRows) if (r.closed) expect(r.closed <= TODAY && r.closed >= r.received).toBe(true);
  });

  it('gives petitioners well-formed personal data, with about 1% invalid ID numbers', () => {
    const withId = petitionRows.filter((r) => r.idNumber !== null);
    const invalid = withId.filter((r) => !r.idNumberValid);
    expect(withId.length).toBeGreaterThan(800);
    expect(invalid.length / withId.length).toBeGreaterThan(0.003);
    expect(invalid.length / withId.length).toBeLessThan(0.025);
    for (const r of invalid) expect(r.idNumberProblem).toMatch(/invalid ID number/);
    for (const r of withId.filter((x) => x.idNumberValid)) {
      const v = validateRic(r.idNumber!);
      expect(v.ok).toBe(true);
      if (v.ok) expect(v.birthDate >= '1970-01-01' && v.birthDate <= '2004-12-31').toBe(true);
    }
    for (const r of petitionRows) if (r.phone !== null) expect(r.phone).toMatch(/^1[358]\d{9}$/);
  });

  it('names firms in varied ways, and ~2% name firms the registry lacks', () => {
    const refs = [...inspectionRows, ...petitionRows];
    const unresolved = refs.filter((r) => resolve(r) === undefined);
    expect(unresolved.length / refs.length).toBeGreaterThan(0.015);
    expect(unresolved.length / refs.length).toBeLessThan(0.04);
    const named = refs.filter((r) => r.firm !== null && r.uscc === null);
    const registered = new Set(district.firms.map((f) => f.name));
    const alias = named.filter(
      (r) => !registered.has(r.firm!) && district.firms.some((f) => f.aliases.includes(r.firm!)),
    );
    const variant = named.filter((r) => !registered.has(r.firm!) && byName.get(r.firmKey!) && !alias.includes(r));
    expect(alias.length).toBeGreaterThan(50);
    expect(variant.length).toBeGreaterThan(30);
    expect(refs.filter((r) => r.firm === null).length).toBeGreaterThan(200);
  });
});

describe('the demo story', () => {
  const keys = new Map(district.firms.map((f) => [f.key, f]));
  const of = (key: string) => ({
    inspections: inspectionRows.filter((r) => resolve(r)?.key === key),
    petitions: petitionRows.filter((r) => resolve(r)?.key === key),
    incidents: incidentRows.filter(
      (r) => (r.firm.uscc ? byUscc.get(r.firm.uscc) : byName.get(r.firm.nameKey!))?.key === key,
    ),
  });

  it('lists about eight escalating firms that exist in the district', () => {
    const escalating = records.story.filter((s) => s.kind !== 'unforeseen');
    expect(escalating.length).toBeGreaterThanOrEqual(7);
    expect(escalating.length).toBeLessThanOrEqual(10);
    for (const s of records.story) {
      expect(keys.get(s.firmKey)?.name).toBe(s.firmName);
      expect(s.summary).not.toContain('\n');
      for (const d of s.dates) expect(d >= '2026-09-29' && d <= TODAY).toBe(true);
    }
  });

  it('(a) a station with an overdue order to pay wages, then a collective wage petition', () => {
    const a = records.story.find((s) => s.kind === 'wage-arrears')!;
    const { inspections: ins, petitions: pets } = of(a.firmKey);
    const overdue = ins.find(
      (r) => r.order === 'pay' && r.status === 'overdue' && r.due! < TODAY && r.amount! > 30_000 && r.workers! >= 10,
    );
    expect(overdue).toBeDefined();
    expect(
      pets.some((p) => p.petitioners >= 10 && p.categories.includes('wage_arrears') && p.received > overdue!.due!),
    ).toBe(true);
  });

  it('(b) a franchisee with repeated petitions about fines and bans', () => {
    const b = records.story.find((s) => s.kind === 'fines-and-bans')!;
    const pets = of(b.firmKey).petitions.filter((p) => p.received >= '2026-09-29');
    expect(pets.filter((p) => p.categories.includes('deduction')).length).toBeGreaterThanOrEqual(4);
    expect(pets.filter((p) => p.categories.includes('account_ban')).length).toBeGreaterThanOrEqual(2);
    expect(pets.filter((p) => p.repeat).length).toBeGreaterThanOrEqual(3);
  });

  it('(c) a dispatch company with a stoppage, (d) a platform whose partners accumulate problems', () => {
    const c = records.story.find((s) => s.kind === 'stoppage')!;
    expect(keys.get(c.firmKey)?.role).toBe('dispatch');
    expect(of(c.firmKey).incidents.map((i) => i.kind)).toContain('strike');
    const d = records.story.find((s) => s.kind === 'platform-partners')!;
    expect(keys.get(d.firmKey)?.role).toBe('platform');
    const partners = records.story.filter((s) => s.platformKey === d.firmKey);
    expect(partners.length).toBeGreaterThanOrEqual(3);
    for (const p of partners)
      expect(district.links.some((l) => l.platformKey === d.firmKey && l.partnerKey === p.firmKey)).toBe(true);
  });

  it('labels 15–25 incidents, including misses at firms with little prior signal', () => {
    expect(incidentRows.length).toBeGreaterThanOrEqual(15);
    expect(incidentRows.length).toBeLessThanOrEqual(25);
    const misses = records.story.filter((s) => s.kind === 'unforeseen');
    expect(misses.length).toBeGreaterThanOrEqual(2);
    for (const m of misses) {
      const signal = of(m.firmKey);
      expect(signal.incidents.length).toBeGreaterThan(0);
      expect(signal.petitions.filter((p) => p.received >= '2026-08-01')).toEqual([]);
    }
  });

  it('keeps collective petitions and overdue orders to the story firms', () => {
    const storyKeys = new Set(records.story.map((s) => s.firmKey));
    for (const r of petitionRows.filter((p) => p.petitioners >= 10))
      expect(storyKeys.has(resolve(r)?.key ?? '')).toBe(true);
    for (const r of inspectionRows.filter((p) => p.status === 'overdue'))
      expect(storyKeys.has(resolve(r)?.key ?? '')).toBe(true);
  });
});
