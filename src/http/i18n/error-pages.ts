import type { Lang } from './index.ts';

// The console's error pages (issue 15 item 6): one headline and hint per
// status, in both languages. Kept beside the catalogues, in its own file.

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;
interface ErrorTexts {
  title: Record<Status, string>;
  hint: Record<Status, string>;
  back: string;
  home: string;
  detail: string;
}

const zh: ErrorTexts = {
  title: {
    400: '请求有误',
    401: '请先登录',
    403: '无权访问',
    404: '找不到页面',
    409: '操作冲突',
    413: '提交内容过大',
    429: '请求过于频繁',
    500: '系统出错',
    503: '服务暂不可用',
  },
  hint: {
    400: '提交的内容未通过校验，请返回修改后重试。',
    401: '会话已过期或尚未登录。',
    403: '该内容不在您的辖区内，或您的角色无权执行此操作。',
    404: '该地址不存在，或所指的记录不存在、不在您的辖区内。',
    409: '该记录已被他人处理，或当前状态不允许此操作。请返回刷新后再试。',
    413: '请缩小文件或分批提交。',
    429: '请稍后再试。',
    500: '请稍后再试；如仍出错，请联系系统管理员并提供请求编号。',
    503: '数据库暂时无法访问，请稍后再试。',
  },
  back: '返回上一页',
  home: '返回预警队列',
  detail: '详情',
};

const en: ErrorTexts = {
  title: {
    400: 'Bad request',
    401: 'Please log in',
    403: 'Not allowed',
    404: 'Page not found',
    409: 'Conflict',
    413: 'Upload too large',
    429: 'Too many requests',
    500: 'Something went wrong',
    503: 'Service unavailable',
  },
  hint: {
    400: 'What was submitted did not pass validation. Go back, correct it and try again.',
    401: 'Your session has expired or you are not logged in.',
    403: 'This is outside your jurisdiction, or your role may not do this.',
    404: 'This address does not exist, or the record it names does not exist or is outside your jurisdiction.',
    409: 'Someone else has already handled this, or its state does not allow it. Go back and reload.',
    413: 'Make the file smaller or send it in parts.',
    429: 'Please try again shortly.',
    500: 'Please try again shortly; if it persists, give the request id to an administrator.',
    503: 'The database cannot be reached right now; try again shortly.',
  },
  back: 'Back to the previous page',
  home: 'Back to the alert queue',
  detail: 'Detail',
};

export function errorTexts(lang: Lang): ErrorTexts {
  return lang === 'en' ? en : zh;
}

export function knownStatus(status: number): Status {
  return (status in zh.title ? status : status >= 500 ? 500 : 400) as Status;
}
