// The message catalogue: every error a service raises for a person to read
// carries a key and parameters (see ../errors.ts), and is rendered here in
// the reader's language. Parameters that are codes are rendered through
// ./codes.ts; instants on the Shanghai clock. The English rendering is also
// the error's `message` (API bodies, logs).

import { formatInstantText } from '../time/shanghai.ts';
import { codeLabel, PUNCT, type Lang, type VocabularyName } from './codes.ts';

/** A code to be shown through its vocabulary. */
export interface CodedParam {
  vocab: VocabularyName;
  code: string;
}
/** A list of codes of one vocabulary. */
export interface CodedListParam {
  vocab: VocabularyName;
  codes: readonly string[];
}
/** An instant (or an ISO string), shown on the Shanghai clock. */
export interface InstantParam {
  at: Date | string;
}

/** Another message of the catalogue, rendered in the same language (a problem inside 'input.field'). */
export interface NestedParam {
  nested: MessageKey;
}

export type MessageParam = string | number | CodedParam | CodedListParam | InstantParam | NestedParam;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export const coded = (vocab: VocabularyName, code: string): CodedParam => ({ vocab, code });
export const codedList = (vocab: VocabularyName, codes: readonly string[]): CodedListParam => ({ vocab, codes });
export const instant = (at: Date | string): InstantParam => ({ at });

type Template = Readonly<Record<Lang, string>>;

export const MESSAGES = {
  // Generic, by failure class: what a reader sees when a message has no key of its own.
  'generic.invalid': { zh: '输入有误', en: 'invalid input' },
  'generic.unauthorized': { zh: '请先登录', en: 'please log in' },
  'generic.forbidden': { zh: '您无权进行此操作', en: 'you may not do this' },
  'generic.not_found': { zh: '未找到（或不在您的辖区）', en: 'not found (or outside your jurisdiction)' },
  'generic.conflict': {
    zh: '与当前状态冲突，请刷新后重试',
    en: 'conflicts with the current state; reload and try again',
  },
  'generic.payload_too_large': { zh: '提交的内容过大', en: 'the request is too large' },
  'generic.too_many_requests': { zh: '请求过于频繁，请稍后再试', en: 'too many requests; try again later' },
  'generic.unavailable': {
    zh: '服务暂时不可用，请稍后再试',
    en: 'the service is unavailable for now; try again later',
  },

  // Input.
  'input.field': { zh: '「{field}」{problem}', en: '{field}: {problem}' },
  'input.required': { zh: '必填', en: 'required' },
  'input.too_short': { zh: '太短或为空', en: 'too short or empty' },
  'input.too_long': { zh: '太长', en: 'too long' },
  'input.too_small': { zh: '数值太小', en: 'too small' },
  'input.too_big': { zh: '数值太大', en: 'too large' },
  'input.bad_format': { zh: '格式不正确', en: 'not in the expected format' },
  'input.bad_value': { zh: '不是可选的值', en: 'not one of the allowed values' },
  'input.bad_type': { zh: '类型不正确', en: 'of the wrong type' },
  'input.not_json': { zh: '请求内容不是有效的 JSON', en: 'body: not valid JSON' },
  'input.bad_date': {
    zh: '「{field}」不是有效日期（例：2026-11-03）',
    en: '{field}: expected a real calendar date as YYYY-MM-DD',
  },
  'input.bad_url': { zh: '请求地址中有无效的编码', en: 'the request URL holds a malformed percent-encoding' },

  // Sign-in and permissions.
  'auth.required': {
    zh: '请先登录（或提供 API 令牌）',
    en: 'authentication required: send "Authorization: Bearer <token>" or log in',
  },
  'auth.bearer_format': { zh: '授权头格式应为 Bearer 令牌', en: 'Authorization header must be "Bearer <token>"' },
  'auth.csrf': { zh: '表单已过期，请刷新页面后重试', en: 'missing or wrong CSRF token; reload the page and try again' },
  'auth.permission': {
    zh: '您的角色（{role}）无权{permission}',
    en: 'role {role} lacks the permission to {permission}',
  },
  'auth.login_failed': { zh: '用户名或密码错误', en: 'wrong user name or password' },
  'auth.throttled': {
    zh: '登录失败次数过多，请 {seconds} 秒后再试',
    en: 'too many failed logins; try again in {seconds} s',
  },
  'auth.session_expired': { zh: '会话已过期，请重新登录', en: 'session expired; please log in again' },
  'auth.token_invalid': { zh: 'API 令牌无效或已吊销', en: 'invalid or revoked API token' },
  'auth.token_owner_only': {
    zh: '令牌只能由其所有者创建：请以该用户身份登录后创建（管理员可吊销令牌）',
    en: 'tokens are created only by their owner: log in as that user to create one (an admin may revoke tokens)',
  },
  'auth.own_tokens_only': { zh: '您只能查看自己的令牌', en: 'you may list your own tokens only' },
  'auth.outside_jurisdiction': { zh: '超出您的辖区', en: 'outside your jurisdiction' },

  // Users and tokens.
  'user.exists': { zh: '用户 {name} 已存在', en: 'user {name} already exists' },
  'user.not_found': { zh: '未找到用户 {name}', en: 'user {name} not found' },
  'user.no_active': { zh: '没有在用的用户 {name}', en: 'user: no active user {name}' },
  'user.streets_need_district': {
    zh: '用户 {name}：填写街镇时必须填写所属区',
    en: 'user {name}: streets need a district',
  },
  'user.cannot_disable_self': { zh: '不能停用自己的账号', en: 'you cannot disable your own account' },
  'user.cannot_work_alerts': { zh: '{name}（{role}）不能处置预警', en: 'user: {name} ({role}) cannot work alerts' },
  'user.outside_firm': { zh: '{name} 的辖区不包括该企业', en: "user: {name}'s jurisdiction does not cover this firm" },
  'token.not_found': { zh: '未找到令牌 {ref}', en: 'token {ref} not found' },
  'token.ambiguous': {
    zh: '令牌前缀 {ref} 不唯一，请填写令牌编号',
    en: 'token prefix {ref} is not unique: give the token id',
  },

  // Firms and records.
  'firm.not_found': { zh: '未找到企业 {ref}（或不在您的辖区）', en: 'firm {ref} not found' },
  'firm.alias_empty': { zh: '别名不能为空', en: 'alias: must not be empty' },
  'unresolved.name_required': {
    zh: '请填写记录中写的企业名称',
    en: 'name: give the firm name as the records write it',
  },
  'unresolved.none': {
    zh: '您的辖区内没有名称为 {name} 的未匹配记录',
    en: 'no unresolved records in your jurisdiction name {name}',
  },
  'petition.not_found': { zh: '未找到信访件 {id}', en: 'petition {id} not found' },

  // Alerts.
  'alert.not_found': { zh: '未找到预警 #{id}（或不在您的辖区）', en: 'alert {id} not found' },
  'alert.bad_transition': {
    zh: '预警 #{id} 当前为「{status}」，不能{action}',
    en: 'alert {id} is {status}; cannot {action} it',
  },
  'alert.assign_closed': {
    zh: '预警 #{id} 当前为「{status}」，只有未办结的预警可以分配',
    en: 'alert {id} is {status}; only open alerts can be assigned',
  },
  'alert.dismiss_reason': { zh: '排除预警须选择原因', en: 'reason: dismissing needs one of {reasons}' },
  'alert.cannot_work': { zh: '您的角色（{role}）不能处置预警', en: 'your role ({role}) cannot work alerts' },
  'alert.bad_cursor': { zh: '翻页参数无效，请回到第一页', en: 'after: not a cursor of this queue' },

  // Silences, roster.
  'silence.not_found': { zh: '未找到静默 #{id}', en: 'silence {id} not found' },
  'silence.too_wide': {
    zh: '静默 #{id} 的范围超出您的辖区，请由市级用户解除',
    en: 'silence {id} spans more than your jurisdiction; ask a city-level user to end it',
  },
  'silence.needs_target': { zh: '静默须指定企业、规则或等级', en: 'a silence must name a firm, a rule or a level' },
  'silence.firm_number': { zh: '「企业编号」应为数字', en: 'firmId: a firm number' },
  'roster.staff_own_district': {
    zh: '「{field}」：只能为 {district} 排班',
    en: '{field}: you may only staff {district}',
  },
  'roster.shift_not_found': { zh: '未找到排班 #{id}', en: 'shift {id} not found' },
  'escalation.own_district': {
    zh: '只能修改 {district} 的升级策略',
    en: 'you may edit the escalation policy of {district} only',
  },

  // Feeds, webhooks, deliveries.
  'feed.exists': { zh: '已有名为 {name} 的舆情源', en: 'a feed named {name} already exists' },
  'feed.not_found': { zh: '未找到舆情源 {ref}', en: 'feed {ref} not found' },
  'feed.demo_only': {
    zh: '演示模式下舆情源只能指向演示自带的源（/demo/feeds/…）',
    en: "feed {name}: url: in demo mode a feed may only point at the demo's own feeds (/demo/feeds/…)",
  },
  'webhook.kind': { zh: '请选择端点类型', en: 'kind: one of {kinds}' },
  'webhook.url_invalid': { zh: '地址无效', en: 'url: not a valid URL' },
  'webhook.url_scheme': { zh: '地址须以 http 或 https 开头', en: 'url: must be http or https' },
  'webhook.url_credentials': { zh: '地址中不能包含用户名或密码', en: 'url: must not carry credentials' },
  'webhook.url_private': {
    zh: '地址 {host} 属于内网、本机或链路本地地址（可用 QIANSHAO_ALLOW_PRIVATE_NETWORKS 放行）',
    en: 'url: {host} is a private, loopback or link-local address (allow it with QIANSHAO_ALLOW_PRIVATE_NETWORKS)',
  },
  'webhook.url_localhost': {
    zh: '不接受 localhost 地址（可用 QIANSHAO_ALLOW_PRIVATE_NETWORKS 放行）',
    en: 'url: localhost is refused (allow it with QIANSHAO_ALLOW_PRIVATE_NETWORKS)',
  },
  'webhook.secret_prefix': {
    zh: '标准端点的密钥应以 whsec_ 开头，后接 base64',
    en: 'secret: a standard endpoint secret is whsec_ followed by base64',
  },
  'webhook.secret_short': {
    zh: '密钥 whsec_ 之后应为至少 24 字节的 base64',
    en: 'secret: whsec_ must be followed by base64 of at least 24 bytes',
  },
  'webhook.event_unknown': { zh: '未知的事件类型 {event}', en: 'events: unknown event type {event} (known: {known})' },
  'webhook.not_found': { zh: '未找到推送端点 #{id}', en: 'webhook {id} not found' },
  'delivery.not_found': { zh: '未找到推送消息 #{id}', en: 'delivery {id} not found' },
  'delivery.pending': { zh: '消息 #{id} 仍在「{status}」', en: 'delivery {id} is still {status}' },
  'delivery.delivered': {
    zh: '消息 #{id} 已于 {at} 送达；重新投递会再次发送，请确认强制重发',
    en: 'delivery {id} was already delivered at {at}; replaying it sends the message again: confirm with force',
  },

  // Digest.
  'digest.bad_week': { zh: '周次应写作 2026-W47 的形式', en: 'expected an ISO week like 2026-W47, got {text}' },
  'digest.no_week': { zh: '{year} 年没有第 {week} 周', en: '{year} has no week {week}' },
  'digest.not_found': { zh: '没有这一周的周报', en: 'no such week' },

  // Credit list (人社部令第45号 workflow).
  'credit.case_not_found': { zh: '未找到案件 #{id}（或不在您的辖区）', en: 'credit case {id} not found' },
  'credit.system_may_not': {
    zh: '「{action}」须由人决定，系统不能代为办理',
    en: 'credit: the system may not {action} a case; that is a decision for people',
  },
  'credit.needs_permission': {
    zh: '「{action}」需要「{permission}」权限；{name}（{role}）没有该权限',
    en: 'credit: {action} needs {permission}; {name} ({role}) does not have it',
  },
  'credit.needs_proposer': {
    zh: '「{action}」需要由人提议的案件',
    en: 'credit: {action} needs a case proposed by a person',
  },
  'credit.two_person': {
    zh: '双人规则：{name} 是本案提议人，不能{action}，须由另一名审批人办理',
    en: 'credit: two-person rule: {name} proposed this case and may not {action} it; another approver must',
  },
  'credit.two_person_account': {
    zh: '双人规则：{name} 的账号由本案提议人创建，不能借此{action}，须由另一名审批人办理',
    en: "credit: two-person rule: {name}'s account was created by the proposer of this case, who may not {action} it through it; another approver must",
  },
  'credit.two_person_no_approval': {
    zh: '双人规则：本案没有提议人以外的人审批',
    en: 'credit: two-person rule: the case has no approval by someone other than its proposer',
  },
  'credit.future_date': {
    zh: '「{field}」{date} 晚于今天（{today}）',
    en: 'credit: {field} {date} is in the future (today is {today})',
  },
  'credit.unknown_action': { zh: '未知的操作', en: 'credit: unknown action {action}' },
  'credit.bad_state': {
    zh: '案件当前为「{state}」，不能{action}',
    en: 'credit: cannot {action} a case that is {state}; allowed from {allowed}',
  },
  'credit.statement_period': {
    zh: '陈述申辩期限至 {due}，期满后才能记录未陈述申辩',
    en: 'credit: the statement period runs until {due}; no-statement can be recorded only after it',
  },
  'credit.objection_open': {
    zh: '对该列入的异议尚未处理完毕',
    en: 'credit: an objection to this listing is still open',
  },
  'credit.no_objection_to_mark': { zh: '没有待标注的异议', en: 'credit: no open objection to mark' },
  'credit.objection_marked': { zh: '异议已标注', en: 'credit: the objection is already marked' },
  'credit.no_objection_to_decide': { zh: '没有待处理的异议', en: 'credit: no open objection to decide' },
  'credit.mark_first': { zh: '请先标注异议，再作处理决定', en: 'credit: mark the objection before deciding it' },
  'credit.early_removal': {
    zh: '提前移出须自纠正之日（{correctedOn}）起满 {months} 个月：最早 {eligible}',
    en: 'credit: early removal needs {months} months since the correction ({correctedOn}): possible from {eligible}',
  },
  'credit.term_runs': { zh: '列入期限至 {until}', en: 'credit: the listing term runs until {until}' },
  'credit.bad_quarter': { zh: '季度应写作 2026Q3 的形式', en: 'quarter: expected YYYYQn, e.g. 2026Q3, got {text}' },
  'credit.quarter_not_over': {
    zh: '{text} 季度至 {date} 结束，{today} 尚未结束：只能生成草稿',
    en: 'quarter {text} ends {date} and is not over on {today}: only a draft can be generated',
  },
} as const satisfies Record<string, Template>;

export type MessageKey = keyof typeof MESSAGES;

/** A keyed message: what an error (or a notice) says, before it is rendered. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export const msg = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : { key });

function renderParam(lang: Lang, p: MessageParam): string {
  if (typeof p === 'string' || typeof p === 'number') return String(p);
  if ('vocab' in p && 'code' in p) return codeLabel(lang, p.vocab, p.code);
  if ('codes' in p) return p.codes.map((c) => codeLabel(lang, p.vocab, c)).join(PUNCT[lang].list);
  if ('nested' in p) return MESSAGES[p.nested][lang];
  return formatInstantText(p.at) ?? '—';
}

/** The message in `lang`. A field parameter is shown by its label. */
export function renderMessage(lang: Lang, m: Message): string {
  const template: string = MESSAGES[m.key][lang];
  const params = m.params ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const p = params[name];
    if (p === undefined) return whole;
    if (name === 'field' && typeof p === 'string') return codeLabel(lang, 'field', p);
    return renderParam(lang, p);
  });
}
