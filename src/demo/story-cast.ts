// Which demo firms play the story cases. Chosen by shape (role, sector,
// platform, a unique alias) rather than by key, so the story survives a
// different district seed; the first fitting firm in district order wins,
// which keeps the choice deterministic.

import type { DemoDistrict, DemoFirm } from './district.ts';

export interface StoryCast {
  /** (a) the delivery station whose wage case goes all the way. */
  stationA: DemoFirm;
  stationAAlias: string;
  /** A second station, earlier in the same path (deadline still open). */
  stationB: DemoFirm;
  stationBAlias: string;
  /** (b) the courier franchisee with fines and account bans. */
  franchisee: DemoFirm;
  /** (c) the labor-dispatch company with a stoppage. */
  dispatch: DemoFirm;
  /** (d) the platform whose partners accumulate problems, and three partners. */
  platform: DemoFirm;
  partners: [DemoFirm, DemoFirm, DemoFirm];
  /** Firms with little prior signal that still have an incident (backtest misses). */
  quiet: [DemoFirm, DemoFirm];
  platformOf(firm: DemoFirm): DemoFirm;
  /** A short name only this firm answers to (for posts and alias references). */
  shortName(firm: DemoFirm): string;
  /** The public brand of the firm's platform (its longest alias, e.g. 蓝鲸速递). */
  brand(firm: DemoFirm): string;
}

/** Aliases and names that identify exactly one firm, by firm key. */
export function uniqueAliases(district: DemoDistrict): Map<string, string[]> {
  const owners = new Map<string, Set<string>>();
  for (const f of district.firms) {
    for (const a of [f.name, ...f.aliases]) (owners.get(a) ?? owners.set(a, new Set()).get(a)!).add(f.key);
  }
  const out = new Map<string, string[]>();
  for (const f of district.firms) {
    out.set(
      f.key,
      f.aliases.filter((a) => owners.get(a)!.size === 1 && a !== f.name),
    );
  }
  return out;
}

export function castStory(district: DemoDistrict): StoryCast {
  const byKey = new Map(district.firms.map((f) => [f.key, f]));
  const platformsOf = new Map<string, DemoFirm[]>();
  for (const l of district.links) {
    const p = byKey.get(l.platformKey);
    if (p) (platformsOf.get(l.partnerKey) ?? platformsOf.set(l.partnerKey, []).get(l.partnerKey)!).push(p);
  }
  const unique = uniqueAliases(district);
  const taken = new Set<string>();
  const platformOf = (f: DemoFirm): DemoFirm => (f.role === 'platform' ? f : (platformsOf.get(f.key)?.[0] ?? f));
  const stationAlias = (f: DemoFirm): string | undefined =>
    unique.get(f.key)?.find((a) => a.endsWith('站') && a.startsWith(platformOf(f).aliases[0] ?? '\u0000'));
  const shortName = (f: DemoFirm): string =>
    unique.get(f.key)?.find((a) => !a.endsWith('公司') && !a.endsWith('站')) ?? unique.get(f.key)?.[0] ?? f.name;

  // Story firms sit in the demo district, have a code and one platform, so
  // every path (jurisdiction, USCC references, platform links) is exercised.
  const eligible = (f: DemoFirm) =>
    !taken.has(f.key) &&
    f.role !== 'platform' &&
    f.district === district.district &&
    f.street !== null &&
    f.uscc !== null &&
    (platformsOf.get(f.key)?.length ?? 0) === 1;
  const take = (what: string, ...tests: ((f: DemoFirm) => boolean)[]): DemoFirm => {
    for (const test of tests) {
      const f = district.firms.find((x) => eligible(x) && test(x));
      if (f) {
        taken.add(f.key);
        return f;
      }
    }
    throw new Error(`demo story: no firm fits the role of ${what}`);
  };

  const isStation = (f: DemoFirm) => f.role === 'agent' && stationAlias(f) !== undefined;
  const stationA = take('station A', (f) => isStation(f) && f.sector === 'food_delivery');
  const stationB = take(
    'station B',
    (f) => isStation(f) && f.sector === 'instant_delivery',
    (f) => isStation(f) && platformOf(f).key !== platformOf(stationA).key,
  );
  const platform = district.firms.find(
    (p) =>
      p.role === 'platform' &&
      p.sector === 'food_delivery' &&
      p.key !== platformOf(stationA).key &&
      district.firms.filter((f) => eligible(f) && platformOf(f).key === p.key).length >= 3,
  );
  if (!platform) throw new Error('demo story: no second food-delivery platform with three partners');
  const ofPlatform = (f: DemoFirm) => platformOf(f).key === platform.key;
  const partners: [DemoFirm, DemoFirm, DemoFirm] = [
    take(
      'platform partner (agent)',
      (f) => ofPlatform(f) && isStation(f),
      (f) => ofPlatform(f) && f.role === 'agent',
    ),
    take(
      'platform partner (outsourcing)',
      (f) => ofPlatform(f) && f.role === 'outsourcing',
      (f) => ofPlatform(f),
    ),
    take(
      'platform partner (third)',
      (f) => ofPlatform(f) && f.role === 'dispatch',
      (f) => ofPlatform(f),
    ),
  ];
  const franchisee = take(
    'franchisee',
    (f) => f.role === 'franchisee' && f.sector === 'courier',
    (f) => f.role === 'franchisee',
  );
  const dispatch = take(
    'dispatch company',
    (f) => f.role === 'dispatch' && (f.sector === 'food_delivery' || f.sector === 'instant_delivery') && !ofPlatform(f),
    (f) => f.role === 'dispatch' && !ofPlatform(f),
  );
  const quiet: [DemoFirm, DemoFirm] = [
    take(
      'quiet firm (ride-hailing)',
      (f) => f.sector === 'ride_hailing',
      (f) => f.role === 'agent',
    ),
    take(
      'quiet firm (courier)',
      (f) => f.sector === 'courier' && f.role === 'franchisee',
      (f) => f.role === 'franchisee',
    ),
  ];
  return {
    stationA,
    stationAAlias: stationAlias(stationA)!,
    stationB,
    stationBAlias: stationAlias(stationB)!,
    franchisee,
    dispatch,
    platform,
    partners,
    quiet,
    platformOf,
    shortName,
    brand: (f) =>
      platformOf(f).aliases.reduce((best, a) => (a.length > best.length ? a : best), '') || platformOf(f).name,
  };
}
