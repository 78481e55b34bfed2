// A year of demo records for the demo district: labor inspections (CSV,
// Chinese headers), petitions (NDJSON) and incident labels for backtests,
// plus the story they tell. Pure: `now` and `seed` in, strings out; the same
// inputs always give byte-identical files.
//
// Most firms are quiet. About eight escalate over the last 60 days (see
// story-stations.ts and story-partners.ts); ~2% of rows name firms the
// registry lacks, and ~0.5% are deliberately broken for the quarantine.

import { DemoCalendar } from './calendar.ts';
import type { DemoDistrict } from './district.ts';
import { Random } from './prng.ts';
import {
  activityPicker,
  backgroundDay,
  backgroundInspection,
  backgroundPetition,
  ghostFirms,
} from './background-records.ts';
import { type WriteContext, incidentsCsv, inspectionsCsv, petitionsNdjson } from './record-files.ts';
import type { DemoStory, FirmLike, InspectionSpec, PetitionSpec } from './record-model.ts';
import { castStory, uniqueAliases } from './story-cast.ts';
import { buildStory } from './story-partners.ts';

export type { DemoStory, DemoStoryKind } from './record-model.ts';

export interface DemoRecords {
  inspectionsCsv: string;
  petitionsNdjson: string;
  incidentsCsv: string;
  story: DemoStory[];
}

const INSPECTIONS = 2_000;
const PETITIONS = 1_500;
const GHOST_SHARE = 0.02;
const SPOIL_SHARE = 0.005;
const INSPECTORS = ['顾一鸣', '沈佳怡', '陆文斌', '钱晓燕', '秦立新', '施慧', '龚振华', '姚晨'];

export function buildDemoRecords(district: DemoDistrict, now: Date, seed = 20261128): DemoRecords {
  const cal = new DemoCalendar(now);
  const cast = castStory(district);
  const part = buildStory(cast, cal);
  // One stream per concern: changing how petitions are drawn must not
  // reshuffle the inspections.
  const ghosts = ghostFirms(district, new Random(seed ^ 0x51), 12);
  const firms: readonly FirmLike[] = district.firms;

  const inspections = background(
    INSPECTIONS - part.inspections.length,
    new Random(seed ^ 0x1a),
    firms,
    ghosts,
    part.quietSince,
    2,
    backgroundInspection,
  );
  const petitions = background(
    PETITIONS - part.petitions.length,
    new Random(seed ^ 0x2b),
    firms,
    ghosts,
    part.quietSince,
    6,
    backgroundPetition,
  );
  const spoilRnd = new Random(seed ^ 0x3c);
  spoil(inspections, spoilRnd);
  spoil(petitions, spoilRnd);

  const ctx = (salt: number): WriteContext => ({
    cal,
    rnd: new Random(seed ^ salt),
    unique: uniqueAliases(district),
    inspectors: INSPECTORS,
  });
  return {
    inspectionsCsv: inspectionsCsv(chronological([...part.inspections, ...inspections]), ctx(0x4d)),
    petitionsNdjson: petitionsNdjson(chronological([...part.petitions, ...petitions]), ctx(0x5e)),
    incidentsCsv: incidentsCsv(chronological(part.incidents), ctx(0x6f)),
    story: part.story,
  };
}

function background<T>(
  count: number,
  rnd: Random,
  firms: readonly FirmLike[],
  ghosts: readonly FirmLike[],
  quietSince: ReadonlyMap<string, number>,
  platformWeight: number,
  make: (firm: FirmLike, daysAgo: number, rnd: Random) => T,
): T[] {
  const pick = activityPicker(firms, rnd, platformWeight);
  const out: T[] = [];
  const ghostRows = Math.round(count * GHOST_SHARE);
  for (let i = 0; i < count - ghostRows; i++) {
    const firm = pick();
    out.push(make(firm, backgroundDay(rnd, quietSince.get(firm.key ?? '')), rnd));
  }
  for (let i = 0; i < ghostRows; i++) out.push(make(rnd.pick(ghosts), backgroundDay(rnd, undefined), rnd));
  return out;
}

/** Marks ~0.5% of background rows as broken; story rows always stay valid. */
function spoil(rows: (InspectionSpec | PetitionSpec)[], rnd: Random): void {
  const target = Math.max(1, Math.round(rows.length * SPOIL_SHARE));
  let marked = 0;
  while (marked < target) {
    const row = rows[rnd.int(0, rows.length - 1)]!;
    if (row.spoil || row.firm.key === null) continue;
    row.spoil = true;
    marked++;
  }
}

/** Oldest first, as an export sorted by date; ties keep their order (stable sort). */
function chronological<T extends { daysAgo: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => b.daysAgo - a.daysAgo);
}
