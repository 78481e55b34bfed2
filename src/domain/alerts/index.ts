// Alerts to people (pure): the SLA clock, the duty roster, escalation
// chains, quiet hours and silences. Instants are always passed in.
export {
  type DueTimes,
  type SlaState,
  deadlineFrom,
  deadlineThatMatters,
  dueTimes,
  isOfficeHours,
  isOverdue,
  nextBreachAt,
  slaBreaches,
} from './deadlines.ts';
export {
  type DeadlineSpec,
  type SlaConfig,
  type SlaEntry,
  deadlineSpecSchema,
  defaultSlaConfig,
  levelSchema,
  officeHoursSchema,
  parseSlaConfig,
  slaConfigSchema,
  slaEntryFor,
  slaEntrySchema,
} from './sla-config.ts';
export {
  type WorkCalendar,
  addWorkingDays,
  isWorkingDay,
  isoDateSchema,
  nextWorkingDay,
  uncoveredYears,
  workCalendarSchema,
} from './working-days.ts';
export { CN_CALENDAR_YEARS, CN_HOLIDAYS, CN_HOLIDAYS_SOURCE, CN_MAKEUP_WORKDAYS } from './holidays-cn.ts';
export { type DailyWindow, dailyWindowSchema, hhmmSchema, windowOccurrence } from './local-time.ts';
export {
  type Coverage,
  type DutyQuery,
  type DutySource,
  type OnDuty,
  type Override,
  type Place,
  type Roster,
  type Shift,
  coverageScope,
  covers,
  onDuty,
} from './roster.ts';
export { type Rotation, nextHandoff, rotationMemberAt } from './rotation.ts';
export {
  MAX_SHIFT_DAYS,
  MAX_TIER,
  type RotationInput,
  type ShiftInput,
  rotationInputSchema,
  shiftInputSchema,
} from './roster-schema.ts';
export {
  type EscalationPolicy,
  type EscalationStep,
  type EscalationTarget,
  defaultEscalationPolicy,
  escalationPolicySchema,
  escalationStepSchema,
  escalationTargetSchema,
  parseEscalationPolicy,
  STEP_MEDIA,
  type StepMedium,
  stepMedia,
} from './escalation-policy.ts';
export {
  type EscalationCursor,
  type NotifyWindow,
  ackExpiresAt,
  advance,
  escalationCursorSchema,
  onAcknowledged,
  restartIfStale,
  startEscalation,
} from './escalation.ts';
export { type QuietHours, applyQuietHours, inQuietHours, quietHoursSchema } from './quiet-hours.ts';
export {
  type Silence,
  type SilenceInput,
  type SilenceTarget,
  activeSilence,
  silenceInputSchema,
  silenceMatches,
  silenceScope,
} from './silences.ts';
