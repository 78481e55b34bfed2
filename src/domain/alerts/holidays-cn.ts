// PRC public holidays and 调休 make-up working days, from the State Council
// General Office's notice on 2026 holidays (国务院办公厅关于2026年部分节假日安排的通知,
// dated 2025-11-04, published by Xinhua and on gov.cn:
// https://www.gov.cn/zhengce/content/202511/content_7047090.htm).
// The State Council publishes the next year's schedule each November; add a
// year here (or pass a configured list) only from that notice.

export const CN_HOLIDAYS_SOURCE = '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)';

function range(from: string, lastDay: number): string[] {
  const prefix = from.slice(0, 8);
  const first = Number(from.slice(8));
  return Array.from({ length: lastDay - first + 1 }, (_, i) => `${prefix}${String(first + i).padStart(2, '0')}`);
}

/** Days off, including the weekend days inside each holiday span. */
export const CN_HOLIDAYS_2026: readonly string[] = Object.freeze([
  ...range('2026-01-01', 3), // 元旦 1–3 Jan
  ...range('2026-02-15', 23), // 春节 15–23 Feb
  ...range('2026-04-04', 6), // 清明节 4–6 Apr
  ...range('2026-05-01', 5), // 劳动节 1–5 May
  ...range('2026-06-19', 21), // 端午节 19–21 Jun
  ...range('2026-09-25', 27), // 中秋节 25–27 Sep
  ...range('2026-10-01', 7), // 国庆节 1–7 Oct
]);

/** Weekend days that are working days (调休上班). */
export const CN_MAKEUP_WORKDAYS_2026: readonly string[] = Object.freeze([
  '2026-01-04', // Sunday, 元旦
  '2026-02-14', // Saturday, 春节
  '2026-02-28', // Saturday, 春节
  '2026-05-09', // Saturday, 劳动节
  '2026-09-20', // Sunday, 国庆节
  '2026-10-10', // Saturday, 国庆节
]);
