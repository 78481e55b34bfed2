import { describe, expect, it } from 'vitest';
import {
  type EscalationCursor,
  type EscalationPolicy,
  ackExpiresAt,
  advance,
  defaultEscalationPolicy,
  escalationCursorSchema,
  onAcknowledged,
  parseEscalationPolicy,
  restartIfStale,
  startEscalation,
} from '../../../src/domain/alerts/index.ts';
import { Invalid } from '../../../src/domain/errors.ts';
import { minutes, plus, sh } from './helpers.ts';

const policy = defaultEscalationPolicy;
const raised = sh('2026-11-03 10:00');

/** Runs a job that ticks every minute from `from` to `to`, collecting what fires and when. */
function tick(
  p: EscalationPolicy,
  cursor: EscalationCursor,
  from: Date,
  to: Date,
  window?: Parameters<typeof advance>[3],
) {
  const fired: Array<{ at: Date; target: string }> = [];
  let c = cursor;
  for (let t = from.getTime(); t <= to.getTime(); t += minutes(1)) {
    const r = advance(p, c, new Date(t), window);
    if (r.fire) fired.push({ at: new Date(t), target: JSON.stringify(r.fire.target) });
    c = r.cursor;
  }
  return { fired, cursor: c };
}
const tier = (n: number) => JSON.stringify({ kind: 'on_duty', tier: n });

describe('the default chain: tier 1 → 15 min → tier 2 → 30 min → tier 3, repeated once', () => {
  it('step 0 is due at once', () => {
    expect(startEscalation(policy, raised)).toEqual({ step: 0, pass: 0, nextAt: raised, acknowledgedAt: null });
  });

  it('an unacknowledged alert reaches tier 2 after 15 minutes and the section chief 30 minutes later', () => {
    const start = startEscalation(policy, raised);
    const first = advance(policy, start, raised);
    expect(first.fire?.target).toEqual({ kind: 'on_duty', tier: 1 });
    expect(first.cursor).toMatchObject({ step: 1, pass: 0, nextAt: sh('2026-11-03 10:15') });
    expect(advance(policy, first.cursor, sh('2026-11-03 10:14:59')).fire).toBeNull();
    const second = advance(policy, first.cursor, sh('2026-11-03 10:15'));
    expect(second.fire?.target).toEqual({ kind: 'on_duty', tier: 2 });
    expect(second.cursor.nextAt).toEqual(sh('2026-11-03 10:45'));
  });

  it('runs the chain twice (repeat 1) and then stops for good', () => {
    const { fired, cursor } = tick(policy, startEscalation(policy, raised), raised, sh('2026-11-03 14:00'));
    expect(fired).toEqual([
      { at: sh('2026-11-03 10:00'), target: tier(1) },
      { at: sh('2026-11-03 10:15'), target: tier(2) },
      { at: sh('2026-11-03 10:45'), target: tier(3) },
      { at: sh('2026-11-03 11:15'), target: tier(1) },
      { at: sh('2026-11-03 11:30'), target: tier(2) },
      { at: sh('2026-11-03 12:00'), target: tier(3) },
    ]);
    expect(cursor).toMatchObject({ step: 3, pass: 1, nextAt: null });
  });

  it('repeat 0 runs the chain once', () => {
    const once = { ...policy, repeat: 0 };
    expect(tick(once, startEscalation(once, raised), raised, sh('2026-11-03 14:00')).fired).toHaveLength(3);
  });

  it('a late tick fires one step and gives it its full wait from the moment it fired', () => {
    const c = advance(policy, startEscalation(policy, raised), raised).cursor;
    const late = advance(policy, c, sh('2026-11-03 11:00'));
    expect(late.fire?.target).toEqual({ kind: 'on_duty', tier: 2 });
    expect(late.cursor.nextAt).toEqual(sh('2026-11-03 11:30'));
  });

  it('acknowledgement stops it; nothing fires afterwards', () => {
    const c = advance(policy, startEscalation(policy, raised), raised).cursor;
    const acked = onAcknowledged(c, sh('2026-11-03 10:05'));
    expect(acked).toMatchObject({ nextAt: null, acknowledgedAt: sh('2026-11-03 10:05') });
    expect(tick(policy, acked, sh('2026-11-03 10:05'), sh('2026-11-03 13:00')).fired).toEqual([]);
  });
});

describe('acknowledgement timeout', () => {
  const ackAt = sh('2026-11-03 10:05');

  it('an acknowledged alert not in progress within 60 minutes starts the chain again', () => {
    expect(ackExpiresAt(policy, ackAt)).toEqual(sh('2026-11-03 11:05'));
    expect(
      restartIfStale(policy, { acknowledgedAt: ackAt, status: 'acknowledged' }, sh('2026-11-03 11:04:59')),
    ).toBeNull();
    const fresh = restartIfStale(policy, { acknowledgedAt: ackAt, status: 'acknowledged' }, sh('2026-11-03 11:05'));
    expect(fresh).toEqual({ step: 0, pass: 0, nextAt: sh('2026-11-03 11:05'), acknowledgedAt: null });
    expect(advance(policy, fresh!, sh('2026-11-03 11:05')).fire?.target).toEqual({ kind: 'on_duty', tier: 1 });
  });

  it('in progress (or closed) in time: no restart', () => {
    for (const status of ['in_progress', 'resolved', 'dismissed', 'open']) {
      expect(restartIfStale(policy, { acknowledgedAt: ackAt, status }, sh('2026-11-03 15:00'))).toBeNull();
    }
  });
});

describe('quiet hours in the chain', () => {
  const quiet = { from: '22:00', to: '08:00' };
  const night = sh('2026-11-03 23:00');

  it('a yellow alert raised at night is first notified at 08:00', () => {
    const c = startEscalation(policy, night, { level: 'yellow', quiet });
    expect(c.nextAt).toEqual(sh('2026-11-04 08:00'));
    const { fired } = tick(policy, c, night, sh('2026-11-04 08:20'), { level: 'yellow', quiet });
    expect(fired).toEqual([
      { at: sh('2026-11-04 08:00'), target: tier(1) },
      { at: sh('2026-11-04 08:15'), target: tier(2) },
    ]);
  });

  it('a step falling due inside quiet hours waits for their end', () => {
    const c = advance(policy, startEscalation(policy, sh('2026-11-03 21:50')), sh('2026-11-03 21:50'), {
      level: 'orange',
      quiet,
    }).cursor;
    expect(c.nextAt).toEqual(sh('2026-11-04 08:00'));
  });

  it('a cursor made without quiet hours is still held back when advanced with them', () => {
    const r = advance(policy, startEscalation(policy, night), night, { level: 'blue', quiet });
    expect(r.fire).toBeNull();
    expect(r.cursor.nextAt).toEqual(sh('2026-11-04 08:00'));
  });

  it('red is never deferred', () => {
    const { fired } = tick(
      policy,
      startEscalation(policy, night, { level: 'red', quiet }),
      night,
      sh('2026-11-03 23:50'),
      { level: 'red', quiet },
    );
    expect(fired.map((f) => f.at)).toEqual([sh('2026-11-03 23:00'), sh('2026-11-03 23:15'), sh('2026-11-03 23:45')]);
  });
});

describe('policy validation and storage', () => {
  it('the default policy is valid', () => {
    expect(parseEscalationPolicy(structuredClone(defaultEscalationPolicy))).toEqual(defaultEscalationPolicy);
  });

  it('accepts user and role targets', () => {
    const p = parseEscalationPolicy({
      steps: [
        { target: { kind: 'user', userId: 7 }, waitMinutes: 5 },
        { target: { kind: 'role', role: 'manager' }, waitMinutes: 0 },
      ],
      repeat: 0,
      ackTimeoutMinutes: 30,
    });
    const c1 = advance(p, startEscalation(p, raised), raised);
    expect(c1.fire?.target).toEqual({ kind: 'user', userId: 7 });
    expect(advance(p, c1.cursor, plus(raised, minutes(5))).fire?.target).toEqual({ kind: 'role', role: 'manager' });
  });

  it('rejects bad policies, naming the path', () => {
    expect(() => parseEscalationPolicy({ steps: [], repeat: 0, ackTimeoutMinutes: 30 })).toThrow(
      /steps: an escalation policy needs at least one step/,
    );
    expect(() =>
      parseEscalationPolicy({
        steps: [{ target: { kind: 'pager' }, waitMinutes: 5 }],
        repeat: 0,
        ackTimeoutMinutes: 30,
      }),
    ).toThrow(Invalid);
    expect(() =>
      parseEscalationPolicy({
        steps: [{ target: { kind: 'on_duty', tier: 1 }, waitMinutes: -1 }],
        repeat: -1,
        ackTimeoutMinutes: 0,
      }),
    ).toThrow(/steps\.0\.waitMinutes.*repeat.*ackTimeoutMinutes/);
  });

  it('a cursor survives a JSON round trip', () => {
    const c = onAcknowledged(advance(policy, startEscalation(policy, raised), raised).cursor, sh('2026-11-03 10:05'));
    expect(escalationCursorSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(escalationCursorSchema.parse({ step: 0, pass: 0, nextAt: null })).toEqual({
      step: 0,
      pass: 0,
      nextAt: null,
      acknowledgedAt: null,
    });
  });
});
