import { describe, expect, it } from 'vitest';
import {
  ALERT_MOVES,
  ALERT_STATUSES,
  ALERT_TRANSITIONS,
  canMove,
  isClosingMove,
  isOpenStatus,
  OPEN_STATUS_SQL,
  OPEN_STATUSES,
} from '../../../src/domain/alerts/states.ts';

describe('the alert state table', () => {
  it('names the open statuses once, and the SQL spelling says the same', () => {
    expect(OPEN_STATUSES).toEqual(['open', 'acknowledged', 'in_progress']);
    expect(OPEN_STATUS_SQL).toBe("('open','acknowledged','in_progress')");
    expect(ALERT_STATUSES.filter(isOpenStatus)).toEqual([...OPEN_STATUSES]);
    expect(isOpenStatus('resolved')).toBe(false);
    expect(isOpenStatus('dismissed')).toBe(false);
  });

  it('every move starts from open statuses only and closing moves end the alert', () => {
    for (const t of ALERT_TRANSITIONS) {
      for (const s of ALERT_MOVES[t].from) expect(isOpenStatus(s)).toBe(true);
      expect(isClosingMove(t)).toBe(!isOpenStatus(ALERT_MOVES[t].to));
    }
    expect(canMove('open', 'ack')).toBe(true);
    expect(canMove('acknowledged', 'ack')).toBe(false);
    expect(canMove('in_progress', 'start')).toBe(false);
    expect(canMove('resolved', 'resolve')).toBe(false);
    expect(canMove('in_progress', 'dismiss')).toBe(true);
  });
});
