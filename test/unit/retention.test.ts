import { describe, expect, it } from 'vitest';
import { defaultRetention, parseRetention, retentionCutoffs } from '../../src/domain/retention.ts';

describe('retention periods', () => {
  it("defaults keep the audit log longest and drop closed petitions' personal data before the records", () => {
    const others = Object.entries(defaultRetention)
      .filter(([k]) => k !== 'audit' && k !== 'batchSize')
      .map(([, v]) => v);
    expect(defaultRetention.audit).toBeGreaterThanOrEqual(Math.max(...others));
    expect(defaultRetention.petitionPersonalData).toBeLessThan(defaultRetention.records);
    expect(parseRetention({})).toEqual(defaultRetention);
  });

  it('merges overrides and refuses an audit period shorter than another kind, naming both', () => {
    expect(parseRetention({ deliveries: 30 }).deliveries).toBe(30);
    expect(() => parseRetention({ feedItems: 4000 })).toThrow(/audit: 3650 days is shorter than feedItems \(4000\)/);
    expect(() => parseRetention({ records: 0 })).toThrow();
    expect(() => parseRetention({ unknown: 1 })).toThrow();
  });

  it('cutoffs are whole days before now', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const c = retentionCutoffs({ ...defaultRetention, deliveries: 10 }, now);
    expect(c.deliveries.toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });
});
