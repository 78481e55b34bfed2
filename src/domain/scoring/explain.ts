// The reasons shown beside a score. Each has a stable English key (for
// filters and for tests) and a short Chinese sentence in the words of the
// source records, because the reader is an inspector, not an engineer.
// Built only for the few records that make the top of the list.

import { ORDER, type Order, PETITION_CATEGORY, VIOLATION } from '../values/enums.ts';
import type { OrderState } from './points.ts';
import type { InspectionEvidence, MentionEvidence, PetitionEvidence, Reason } from './types.ts';

const OPINION_CATEGORY: Record<string, string> = {
  arrears: '欠薪',
  stoppage: '停工',
  gathering: '聚集',
  bans_fines: '封号罚款',
  algorithm: '算法',
  injury: '工伤事故',
  extreme: '极端事件',
  closure: '停业跑路',
  social_insurance: '社保断缴',
};

/** ¥36,000 — grouping by hand: Intl output depends on the runtime's ICU data. */
export function formatYuan(amount: number): string {
  const fen = Math.round(amount * 100);
  let int = Math.floor(fen / 100);
  const frac = fen % 100;
  let out = '';
  while (int >= 1000) {
    const group = int % 1000;
    out = `,${group < 10 ? '00' : group < 100 ? '0' : ''}${group}${out}`;
    int = Math.floor(int / 1000);
  }
  out = `¥${int}${out}`;
  if (frac === 0) return out;
  return `${out}.${frac < 10 ? `0${frac}` : frac % 10 === 0 ? frac / 10 : frac}`;
}

function details(parts: Array<string | false | null>): string {
  let out = '';
  for (const p of parts) if (typeof p === 'string' && p !== '') out += out === '' ? p : `，${p}`;
  return out === '' ? '' : `（${out}）`;
}

const INSPECTION_HEAD: Record<OrderState, Record<Order, [key: string, text: string]>> = {
  overdue: {
    pay: ['overdue_pay_order', '逾期未支付工资'],
    rectify: ['overdue_rectify_order', '逾期未整改'],
    none: ['violation_found', '检查发现违法'],
  },
  open: {
    pay: ['open_pay_order', '责令支付期限未到'],
    rectify: ['open_rectify_order', '限期整改中'],
    none: ['violation_found', '检查发现违法'],
  },
  rectified: {
    pay: ['rectified_order', '已支付/已整改'],
    rectify: ['rectified_order', '已整改'],
    none: ['violation_found', '检查发现违法'],
  },
  none: {
    pay: ['violation_found', '检查发现违法'],
    rectify: ['violation_found', '检查发现违法'],
    none: ['violation_found', '检查发现违法'],
  },
};

/** e.g. 逾期未支付工资：拖欠工资（责令支付，12人，¥36,000） */
export function inspectionReason(r: InspectionEvidence, order: Order, state: OrderState, prior: number): Reason {
  const [key, head] = INSPECTION_HEAD[state][order];
  let labels = '';
  const vs = r.violations;
  for (let i = 0; i < vs.length; i++) {
    if (vs.indexOf(vs[i]!) === i) labels += `${labels === '' ? '' : '、'}${VIOLATION.labels[vs[i]!] ?? vs[i]}`;
  }
  const text = `${head}：${labels}${details([
    order !== 'none' && ORDER.labels[order],
    r.workers !== null && r.workers > 0 && `${r.workers}人`,
    r.amount !== null && r.amount > 0 && formatYuan(r.amount),
    prior > 0 && `一年内第${prior + 1}次违法`,
    r.status === 'transferred' && '已移送',
  ])}`;
  return { key, text };
}

/** e.g. 集体信访：欠薪（12人，重复信访） */
export function petitionReason(r: PetitionEvidence, collective: boolean): Reason {
  const cats = r.categories.length > 0 ? [...new Set(r.categories)] : (['other'] as const);
  const key = collective ? 'collective_petition' : r.repeat ? 'repeat_petition' : 'petition';
  const head = collective ? '集体信访' : r.repeat ? '重复信访' : '信访';
  const text = `${head}：${cats.map((c) => PETITION_CATEGORY.labels[c] ?? c).join('、')}${details([
    `${Math.max(1, r.petitioners)}人`,
    collective && r.repeat && '重复信访',
  ])}`;
  return { key, text };
}

/** e.g. 极端事件舆情：欠薪、极端事件（严重度5，可信度1） */
export function mentionReason(m: MentionEvidence, credibility: number, copiesByAt = 0): Reason {
  const cats = m.categories.map((c) => OPINION_CATEGORY[c] ?? c).join('、') || '其他';
  // National and elsewhere items are shown as such: they never trigger, so
  // a major one elsewhere is not called 极端事件舆情 here.
  const head =
    m.place === 'national'
      ? '全国性舆情（无本地地点，封顶计分）'
      : m.place === 'elsewhere'
        ? '外地舆情（低权重）'
        : m.major
          ? '极端事件舆情'
          : '负面舆情';
  const key =
    m.place === 'national'
      ? 'opinion_national'
      : m.place === 'elsewhere'
        ? 'opinion_elsewhere'
        : m.major
          ? 'major_opinion'
          : 'opinion_mention';
  const copies = copiesByAt > 0 ? `转载${copiesByAt}处` : false;
  return { key, text: `${head}：${cats}${details([`严重度${m.maxSeverity}`, `可信度${credibility}`, copies])}` };
}

/** e.g. 舆情突增：24小时内10条，此前28天日均0.0条（泊松上尾概率≈1e-13） */
export function spikeReason(
  count: number,
  perDay: number,
  windowHours: number,
  baselineDays: number,
  surprise: number,
): Reason {
  const p = surprise >= 300 ? '<1e-300' : `≈${(10 ** -surprise).toPrecision(2)}`;
  return {
    key: 'opinion_spike',
    text: `舆情突增：${windowHours}小时内${count}条，此前${baselineDays}天日均${perDay.toFixed(1)}条（泊松上尾概率${p}）`,
  };
}

/** e.g. 关联企业风险：某某配送站（88.0分，平台承担50%） */
export function partnerReason(name: string, score: number, weight: number): Reason {
  return {
    key: 'partner_risk',
    text: `关联企业风险：${name}${details([`${score.toFixed(1)}分`, `计入${Math.round(weight * 100)}%`])}`,
  };
}

export function majorOpinionTrigger(m: MentionEvidence): Reason {
  return {
    key: 'major_opinion',
    text: `极端事件舆情：${m.categories.map((c) => OPINION_CATEGORY[c] ?? c).join('、') || '其他'}（重大舆情不过夜）`,
  };
}

/** e.g. 集体行动舆情：停工、聚集（约200人，十余万元→¥100,000，劳动争议调解仲裁法第七条） */
export function collectiveActionTrigger(r: MentionEvidence | PetitionEvidence): Reason {
  if ('petitioners' in r) {
    const labels: Readonly<Record<string, string>> = PETITION_CATEGORY.labels;
    const cats = r.categories.map((c) => labels[c] ?? c).join('、') || '其他';
    return { key: 'collective_action', text: `集体信访：${cats}（${r.petitioners}人，劳动争议调解仲裁法第七条）` };
  }
  const cats = r.categories.map((c) => OPINION_CATEGORY[c] ?? c).join('、') || '其他';
  return {
    key: 'collective_action',
    text: `集体行动舆情：${cats}${details([r.people != null && `约${r.people}人`, r.amount != null && `涉及${formatYuan(r.amount)}`, '劳动争议调解仲裁法第七条'])}`,
  };
}

export function collectivePetitionTrigger(r: PetitionEvidence): Reason {
  return { key: 'collective_wage_petition', text: `集体欠薪信访（${r.petitioners}人，劳动争议调解仲裁法第七条）` };
}

export function overdueOrderTrigger(r: InspectionEvidence, crimeLine: boolean): Reason {
  return {
    key: crimeLine ? 'overdue_wage_order_crime_amount' : 'overdue_wage_order',
    text: `责令支付逾期未支付${details([
      r.workers !== null && r.workers > 0 && `${r.workers}人`,
      r.amount !== null && r.amount > 0 && formatYuan(r.amount),
      r.due !== null && `期限${r.due}`,
      crimeLine && '达到拒不支付劳动报酬罪数额标准',
    ])}，可提请列入失信名单审查`,
  };
}
