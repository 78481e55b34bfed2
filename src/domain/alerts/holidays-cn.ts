// PRC public holidays and 调休 make-up working days, from the chinese-days
// package (MIT; https://github.com/vsme/chinese-days), which transcribes
// each year's State Council General Office notice (国务院办公厅关于部分节假日
// 安排的通知) from 2004 on and is updated when the next notice appears each
// November. Update the package to get a new year; QIANSHAO_SLA_CONFIG's
// `calendar` adds dates of its own (e.g. a year published after the package
// release) over these.
//
// The 2026 lists equal the notice of 2025-11-04
// (https://www.gov.cn/zhengce/content/202511/content_7047090.htm); a unit
// test keeps them so.

import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export const CN_HOLIDAYS_SOURCE = 'chinese-days (国务院办公厅部分节假日安排通知, 2004 onwards)';

/** Days off, including the weekend days inside each holiday span. */
export const CN_HOLIDAYS: readonly string[] = Object.freeze(Object.keys(calendar.holidays).sort());

/** Weekend days that are working days (调休上班). */
export const CN_MAKEUP_WORKDAYS: readonly string[] = Object.freeze(Object.keys(calendar.workdays).sort());

/** The years the package's lists cover (every one has at least one holiday). */
export const CN_CALENDAR_YEARS: readonly number[] = Object.freeze(
  [...new Set(CN_HOLIDAYS.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b),
);
