// Stored facts as a reader reads them: an evidence record's fields and a
// timeline entry's details, each value through its vocabulary, instants on
// the Shanghai clock, internal keys (file names, fingerprints, row ids) left
// out. Pages, robots and e-mail call these instead of printing JSON.

import { formatInstantText } from '../time/shanghai.ts';
import { codeLabel, formatMinutes, PUNCT, type Lang, type VocabularyName } from './codes.ts';

type Facts = Readonly<Record<string, unknown>>;

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

const amountText = (v: unknown) => {
  const n = Number(v);
  return Number.isFinite(n) ? `¥${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}` : String(v);
};

/** A date (YYYY-MM-DD) stays a date; an instant is shown on the Shanghai clock. */
export const dateText = (v: unknown): string =>
  v instanceof Date ? (formatInstantText(v) ?? '—') : typeof v === 'string' ? (formatInstantText(v) ?? '—') : String(v);

// How each fact of an inspection or petition is shown, in the order shown.
type Show =
  | VocabularyName
  | 'list:violation'
  | 'list:petitionCategory'
  | 'count'
  | 'amount'
  | 'date'
  | 'yesNo'
  | 'text';
const INSPECTION_FACTS: ReadonlyArray<[string, Show]> = [
  ['kind', 'inspectionKind'],
  ['violations', 'list:violation'],
  ['workers', 'count'],
  ['amount', 'amount'],
  ['order', 'order'],
  ['due', 'date'],
  ['rectified', 'date'],
  ['status', 'inspectionStatus'],
];
const PETITION_FACTS: ReadonlyArray<[string, Show]> = [
  ['channel', 'petitionChannel'],
  ['categories', 'list:petitionCategory'],
  ['petitioners', 'count'],
  ['repeat', 'yesNo'],
  ['status', 'petitionStatus'],
  ['closed', 'date'],
  ['summary', 'text'],
];

function showValue(lang: Lang, how: Show, v: unknown): string {
  switch (how) {
    case 'list:violation':
    case 'list:petitionCategory': {
      const vocab = how.slice(5) as VocabularyName;
      return (Array.isArray(v) ? v : [v]).map((c) => codeLabel(lang, vocab, String(c))).join(PUNCT[lang].list);
    }
    case 'count':
      return String(v);
    case 'amount':
      return amountText(v);
    case 'date':
      return dateText(v);
    case 'yesNo':
      return codeLabel(lang, 'yesNo', String(Boolean(v)));
    case 'text':
      return String(v);
    default:
      return codeLabel(lang, how, String(v));
  }
}

/** '类别：举报投诉；违法事项：拖欠工资；处理决定：责令支付' / 'kind: complaint; violations: wage arrears; order: order to pay'. */
export function describeFacts(lang: Lang, source: 'inspection' | 'petition' | string, facts: Facts): string {
  const table = source === 'inspection' ? INSPECTION_FACTS : source === 'petition' ? PETITION_FACTS : [];
  const p = PUNCT[lang];
  return table
    .filter(([k]) => !isEmpty(facts[k]) && !(k === 'repeat' && facts[k] === false))
    .map(([k, how]) => `${codeLabel(lang, 'field', k)}${p.colon}${showValue(lang, how, facts[k])}`)
    .join(p.sep);
}

const DETAIL_LABELS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  zh: {
    score: '风险分',
    previousScore: '原风险分',
    silence: '静默',
    notified: '已通知',
    users: '已通知',
    acknowledgedAt: '确认时间',
    timeoutMinutes: '处置时限',
    step: '升级步骤',
    pass: '轮次',
    caseId: '失信名单案件',
    deadline: '时限',
    due: '到期',
    note: '备注',
    reason: '原因',
    rule: '规则',
    level: '等级',
    to: '分配给',
  },
  en: {
    score: 'score',
    previousScore: 'previous score',
    silence: 'silence',
    notified: 'notified',
    users: 'notified',
    acknowledgedAt: 'acknowledged at',
    timeoutMinutes: 'time allowed',
    step: 'escalation step',
    pass: 'pass',
    caseId: 'credit case',
    deadline: 'deadline',
    due: 'due',
    note: 'note',
    reason: 'reason',
    rule: 'rule',
    level: 'level',
    to: 'assigned to',
  },
};

const DEADLINE_NAMES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  zh: { mark: '异议标注（1个工作日）', decide: '异议处理决定（5个工作日）' },
  en: { mark: 'marking the objection (1 working day)', decide: 'deciding the objection (5 working days)' },
};

const names = (v: unknown, lang: Lang) => (Array.isArray(v) ? v.map(String).join(PUNCT[lang].list) : String(v));

/**
 * A timeline entry's details in words: '橙色 → 红色；风险分：82.0' for a level
 * rise, '已确认 → 处置中' for a step, '分配给：demo_inspector' for an
 * assignment. Keys with no meaning to a reader (fingerprints, row ids) are
 * left out.
 */
export function describeTimeline(lang: Lang, kind: string, details: Facts): string {
  const p = PUNCT[lang];
  const parts: string[] = [];
  const d = details;
  const levelMove = kind === 'level_raised' || kind === 'updated' || kind === 'raised';
  if (kind !== 'assigned' && !isEmpty(d['from']) && !isEmpty(d['to'])) {
    const vocab: VocabularyName = levelMove ? 'level' : 'alertStatus';
    parts.push(`${codeLabel(lang, vocab, String(d['from']))} → ${codeLabel(lang, vocab, String(d['to']))}`);
  }
  const label = (k: string) => `${DETAIL_LABELS[lang][k] ?? k}${p.colon}`;
  for (const [k, v] of Object.entries(d)) {
    if (isEmpty(v)) continue;
    switch (k) {
      case 'to':
        if (kind === 'assigned') parts.push(label(k) + String(v));
        break;
      case 'score':
      case 'previousScore':
        parts.push(label(k) + (typeof v === 'number' ? v.toFixed(1) : String(v)));
        break;
      case 'silence':
      case 'caseId':
        parts.push(`${label(k)}#${String(v)}`);
        break;
      case 'notified':
      case 'users':
        parts.push(label(k) + names(v, lang));
        break;
      case 'acknowledgedAt':
      case 'due':
        parts.push(label(k) + dateText(v));
        break;
      case 'timeoutMinutes':
        parts.push(label(k) + formatMinutes(lang, Number(v)));
        break;
      case 'step':
      case 'pass':
        parts.push(label(k) + String(v));
        break;
      case 'deadline':
        parts.push(label(k) + (DEADLINE_NAMES[lang][String(v)] ?? String(v)));
        break;
      case 'note':
        parts.push(label(k) + String(v));
        break;
      case 'reason':
        parts.push(
          label(k) +
            codeLabel(
              lang,
              String(v) in { unacknowledged: 1, overdue: 1, level_raised: 1, unsilenced: 1 }
                ? 'escalationReason'
                : 'dismissReason',
              String(v),
            ),
        );
        break;
      case 'rule':
        parts.push(label(k) + codeLabel(lang, 'rule', String(v)));
        break;
      case 'level':
        parts.push(label(k) + codeLabel(lang, 'level', String(v)));
        break;
      default:
        break; // from (shown above), fingerprint, target and other internals
    }
  }
  return parts.join(p.sep);
}
