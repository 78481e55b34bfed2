import type { Lang } from './index.ts';

// Texts the alert queue added for issue 15 (bulk acknowledgement's outcome,
// the firm column, the deadline kind), in both languages.

const zh = {
  bulkAcked: '已确认 {n} 条预警：',
  bulkSkipped: '{n} 条未确认（已被他人处理或状态已变）：',
  bulkNone: '未选择任何预警，没有确认。',
  firmLabel: '企业',
  deadlineKinds: { ack: '确认', handle: '办结' },
  open: '打开',
};
const en: typeof zh = {
  bulkAcked: 'Acknowledged {n} alert(s): ',
  bulkSkipped: '{n} not acknowledged (already handled by someone else, or their state changed): ',
  bulkNone: 'No alert was selected; nothing was acknowledged.',
  firmLabel: 'Firm',
  deadlineKinds: { ack: 'Acknowledge', handle: 'Handle' },
  open: 'Open',
};

export type QueueTexts = typeof zh;
export const queueTexts = (lang: Lang): QueueTexts => (lang === 'en' ? en : zh);
