import type { WorkCalendar } from '../alerts/working-days.ts';
import type { CaseFile } from './case-file.ts';
import type { CreditConfig } from './config.ts';
import type { CaseFacts } from './file-actions.ts';
import type { CaseState } from './states.ts';

/** What one case-file step returns: the changed case and the history details. */
export interface FileStep {
  next: CaseState;
  details: Record<string, unknown>;
}

/** What a case-file step works on: the case, its file and the next state (both copies, changed in place), the step's input, who acts, today. */
export interface StepArgs {
  c: CaseState;
  f: CaseFile;
  next: CaseState;
  // biome-ignore lint/suspicious/noExplicitAny: the step input, validated by the action's own zod schema before it gets here
  i: any;
  actor: { userId: number | null; name: string };
  today: string;
  cal: WorkCalendar;
  cfg: CreditConfig;
  facts: CaseFacts;
}
