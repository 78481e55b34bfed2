import { describe, expect, it } from 'vitest';
import { deadlineThatMatters } from '../../../src/domain/alerts/deadlines.ts';

// Issue 15 item 5: the queue shows the acknowledgement deadline while nobody
// has acknowledged (it drives escalation), then the handling one.
const ack = new Date('2026-11-20T05:00:00Z');
const handle = new Date('2026-11-21T04:00:00Z');

describe('deadlineThatMatters', () => {
  it('ack first while open, then handling; nothing once closed', () => {
    expect(deadlineThatMatters({ status: 'open', ackDueAt: ack, handleDueAt: handle })).toEqual({
      kind: 'ack',
      at: ack,
    });
    expect(deadlineThatMatters({ status: 'acknowledged', ackDueAt: ack, handleDueAt: handle })).toEqual({
      kind: 'handle',
      at: handle,
    });
    expect(deadlineThatMatters({ status: 'in_progress', ackDueAt: ack, handleDueAt: handle })).toEqual({
      kind: 'handle',
      at: handle,
    });
    expect(deadlineThatMatters({ status: 'open', ackDueAt: null, handleDueAt: handle })).toEqual({
      kind: 'handle',
      at: handle,
    });
    expect(deadlineThatMatters({ status: 'acknowledged', ackDueAt: ack, handleDueAt: null })).toBeNull();
    expect(deadlineThatMatters({ status: 'resolved', ackDueAt: ack, handleDueAt: handle })).toBeNull();
  });
});
