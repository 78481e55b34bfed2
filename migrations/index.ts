import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_ingestion.ts';
import * as m0003 from './0003_scoring.ts';
import * as m0004 from './0004_alerts.ts';
import * as m0005 from './0005_console.ts';
import * as m0006 from './0006_credit.ts';
import * as m0007 from './0007_digest.ts';
import * as m0008 from './0008_jurisdiction.ts';
import * as m0009 from './0009_security.ts';
import * as m0011 from './0011_fault_recovery.ts';
import * as m0012 from './0012_judgement_records.ts';
import * as m0013 from './0013_collective_action.ts';
import * as m0014 from './0014_stories_places.ts';
import * as m0015 from './0015_opinion_webhooks.ts';
import * as m0017 from './0017_night_channels.ts';
import * as m0018 from './0018_credit_case_file.ts';
import * as m0019 from './0019_retention.ts';
import * as m0020 from './0020_incidents.ts';
import * as m0021 from './0021_feed_alert_timeline.ts';
import * as m0024 from './0024_coverage_gap_unit.ts';
import * as m0023 from './0023_reader_language.ts';
import * as m0029 from './0029_own_parts.ts';
import * as m0030 from './0030_score_detail_lz4.ts';

// The static list of migrations, in order. A bundle (Workers) cannot read a
// folder at run time, so every new migration is added here by hand.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_ingestion': m0002,
  '0003_scoring': m0003,
  '0004_alerts': m0004,
  '0005_console': m0005,
  '0006_credit': m0006,
  '0007_digest': m0007,
  '0008_jurisdiction': m0008,
  '0009_security': m0009,
  '0011_fault_recovery': m0011,
  '0012_judgement_records': m0012,
  '0013_collective_action': m0013,
  '0014_stories_places': m0014,
  '0015_opinion_webhooks': m0015,
  '0017_night_channels': m0017,
  '0018_credit_case_file': m0018,
  '0019_retention': m0019,
  '0020_incidents': m0020,
  '0021_feed_alert_timeline': m0021,
  '0024_coverage_gap_unit': m0024,
  '0023_reader_language': m0023,
  '0029_own_parts': m0029,
  '0030_score_detail_lz4': m0030,
};
