// Columns such as firms.parent and the incident labels' firm hold "a name
// or a USCC". Telling them apart by shape lets a mistyped code be reported
// instead of silently becoming a firm name that matches nothing.

import { normalizeFirmName } from '../firm-name.ts';
import { compactUscc, validateUscc } from '../uscc.ts';
import { type ParseResult, fail, ok } from './result.ts';
import { cleanText } from './text.ts';

export type FirmRef = { uscc: string; name: null; nameKey: null } | { uscc: null; name: string; nameKey: string };

// Codes with one character too few or too many are still meant as codes:
// Latin letters and digits only, with a run of digits like the division code.
const CODE_LIKE = /^[0-9A-Z]{15,20}$/;

export function looksLikeUscc(raw: string): boolean {
  const c = compactUscc(raw);
  return CODE_LIKE.test(c) && /\d{6}/.test(c);
}

export function parseFirmRef(raw: string): ParseResult<FirmRef> {
  const text = cleanText(raw);
  if (text === '') return fail('empty firm reference');
  if (looksLikeUscc(text)) {
    const u = validateUscc(text);
    return u.ok ? ok({ uscc: u.value, name: null, nameKey: null }) : fail(`invalid USCC ${text}: ${u.message}`);
  }
  return ok({ uscc: null, name: text, nameKey: normalizeFirmName(text) });
}
