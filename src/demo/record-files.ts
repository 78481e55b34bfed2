// Writes the demo records in the CONTRACT §2 formats: inspections as a CSV
// with the Chinese headers a bureau export has, petitions as NDJSON with
// the English names, incident labels as a small CSV. Personal data is drawn
// here, at write time, so the story specs stay free of it.

import {
  INCIDENT_KIND,
  INSPECTION_KIND,
  INSPECTION_STATUS,
  ORDER,
  PETITION_CATEGORY,
  PETITION_CHANNEL,
  PETITION_STATUS,
  VIOLATION,
} from '../domain/values/index.ts';
import type { DemoCalendar } from './calendar.ts';
import { invalidIdNumber, personName, phoneNumber, validIdNumber } from './people.ts';
import type { Random } from './prng.ts';
import {
  GARBAGE_AMOUNTS,
  RecordNumbers,
  amountText,
  countText,
  csvLine,
  firmRef,
  impossibleDate,
} from './record-format.ts';
import type { IncidentSpec, InspectionSpec, PetitionSpec } from './record-model.ts';

export interface WriteContext {
  cal: DemoCalendar;
  rnd: Random;
  /** Firm key → aliases that name only that firm. */
  unique: Map<string, string[]>;
  inspectors: readonly string[];
}

const INSPECTION_HEADERS = [
  '检查编号',
  '单位名称',
  '统一社会信用代码',
  '检查日期',
  '检查类型',
  '违法事项',
  '涉及人数',
  '涉及金额',
  '处理措施',
  '整改期限',
  '整改完成日期',
  '状态',
  '区',
  '街镇',
  '检查人员',
  '备注',
];

export function inspectionsCsv(specs: readonly InspectionSpec[], ctx: WriteContext): string {
  const { cal, rnd } = ctx;
  const ids = new RecordNumbers('JC');
  const lines = [INSPECTION_HEADERS.join(',')];
  for (const s of specs) {
    const ref = firmRef(s.firm, s.ref ?? 'auto', ctx.unique.get(s.firm.key ?? '') ?? [], rnd);
    const date = (d: number | undefined) => (d === undefined ? '' : cal.mixed(d, rnd, 0));
    const cells = [
      ids.next(cal.compact(s.daysAgo)),
      ref.firm ?? '',
      ref.uscc ?? '',
      cal.mixed(s.daysAgo, rnd),
      INSPECTION_KIND.labels[s.kind],
      s.violations.length > 0 ? s.violations.map((v) => VIOLATION.labels[v]).join('、') : rnd.chance(0.3) ? '无' : '',
      s.workers === undefined ? '' : countText(s.workers, rnd),
      s.amount === undefined ? '' : amountText(s.amount, rnd),
      s.order === undefined ? '' : ORDER.labels[s.order],
      date(s.dueDaysAgo),
      date(s.rectifiedDaysAgo),
      INSPECTION_STATUS.labels[s.status],
      s.firm.district,
      s.firm.street ?? '',
      inspectorPair(ctx.inspectors, rnd),
      s.notes ?? '',
    ];
    if (s.spoil) {
      // '待核实' where no amount was due is a bad cell too: the column wants a number.
      if (rnd.chance(s.amount !== undefined ? 0.7 : 0.3)) cells[7] = rnd.pick(GARBAGE_AMOUNTS);
      else cells[3] = impossibleDate(cal.ymd(s.daysAgo).y, rnd);
    }
    lines.push(csvLine(cells));
  }
  return `${lines.join('\n')}\n`;
}

/** Inspections are done in pairs (two officers, as the regulation requires). */
function inspectorPair(names: readonly string[], rnd: Random): string {
  const i = rnd.int(0, names.length - 1);
  const j = (i + rnd.int(1, names.length - 1)) % names.length;
  return `${names[i]}、${names[j]}`;
}

/** Who registers: collective visits under a representative, hotline calls sometimes anonymous. */
function personal(s: PetitionSpec, rnd: Random): Record<string, string> {
  const anonymous = s.channel === 'hotline' ? rnd.chance(0.2) : s.channel === 'online' ? rnd.chance(0.05) : false;
  if (anonymous) return {};
  const out: Record<string, string> = { name: personName(rnd), phone: phoneNumber(rnd) };
  const withId = s.channel === 'hotline' ? rnd.chance(0.5) : rnd.chance(0.92);
  if (withId) out.id_number = rnd.chance(0.012) ? invalidIdNumber(rnd) : validIdNumber(rnd);
  return out;
}

export function petitionsNdjson(specs: readonly PetitionSpec[], ctx: WriteContext): string {
  const { cal, rnd } = ctx;
  const ids = new RecordNumbers('XF');
  const lines: string[] = [];
  for (const s of specs) {
    const ref = firmRef(s.firm, s.ref ?? 'auto', ctx.unique.get(s.firm.key ?? '') ?? [], rnd);
    const timed = s.channel === 'hotline' || s.channel === 'online';
    const labels = s.categories.map((c) => PETITION_CATEGORY.labels[c]);
    const o: Record<string, unknown> = {
      record_id: ids.next(cal.compact(s.daysAgo)),
      received: cal.mixed(s.daysAgo, rnd, timed ? 0.6 : 0.05),
      channel: rnd.chance(0.85) ? PETITION_CHANNEL.labels[s.channel] : s.channel,
      ...ref,
      // A JSON array is a multi-valued cell too; some exports write one.
      category: labels.length > 1 && rnd.chance(0.3) ? labels : labels.join('、'),
      petitioners: s.petitioners,
      repeat: rnd.chance(0.5) ? (s.repeat ? '是' : '否') : s.repeat,
      summary: s.summary,
      ...personal(s, rnd),
      status: PETITION_STATUS.labels[s.status],
      ...(s.closedDaysAgo !== undefined ? { closed: cal.mixed(s.closedDaysAgo, rnd, 0) } : {}),
    };
    if (s.spoil) {
      const how = rnd.int(0, 2);
      if (how === 0) o.received = impossibleDate(cal.ymd(s.daysAgo).y, rnd);
      else if (how === 1) o.petitioners = rnd.pick(['若干', '十几人', '0']);
      else o.repeat = '不详';
    }
    lines.push(JSON.stringify(o));
  }
  return `${lines.join('\n')}\n`;
}

export function incidentsCsv(specs: readonly IncidentSpec[], ctx: WriteContext): string {
  const { cal, rnd } = ctx;
  const lines = ['firm,date,kind'];
  for (const s of specs) {
    const firm = s.firm.uscc !== null && rnd.chance(0.3) ? s.firm.uscc : s.firm.name;
    const kind = rnd.chance(0.6) ? INCIDENT_KIND.labels[s.kind] : s.kind;
    lines.push(csvLine([firm, cal.format(s.daysAgo, rnd.chance(0.7) ? 'iso' : 'slash'), kind]));
  }
  return `${lines.join('\n')}\n`;
}
