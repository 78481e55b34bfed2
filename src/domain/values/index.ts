// Pure parsers for the cell values of CONTRACT §2 (no I/O, no Node APIs).

export { type ParseResult, ok, fail } from './result.ts';
export {
  SHANGHAI_OFFSET_MINUTES,
  formatShanghaiDate,
  isRealDate,
  parseDate,
  parseDateAndInstant,
  parseInstant,
} from './dates.ts';
export { type IntegerOptions, parseAmount, parseInteger } from './numbers.ts';
export { cleanText, detach, parseBool, splitMulti } from './text.ts';
export { type FirmRef, looksLikeUscc, parseFirmRef } from './firm-ref.ts';
export {
  type EnumDict,
  type FirmRole,
  type IncidentKind,
  type InspectionKind,
  type InspectionStatus,
  type Order,
  type PetitionCategory,
  type PetitionChannel,
  type PetitionStatus,
  type Sector,
  type Violation,
  FIRM_ROLE,
  INCIDENT_KIND,
  INSPECTION_KIND,
  INSPECTION_STATUS,
  ORDER,
  PETITION_CATEGORY,
  PETITION_CHANNEL,
  PETITION_STATUS,
  SECTOR,
  VIOLATION,
} from './enums.ts';
