// A replica in a child process: claims one run of `hold-job` and holds it
// (its lease renewed by the heartbeat) until it is killed. Prints "holding"
// once the run is claimed. Used by job-takeover.test.ts.
import pino from 'pino';
import { connect } from '../../src/db/connect.ts';
import { runJob } from '../../src/jobs-runtime/run-job.ts';
import { testConfig } from './app.ts';
import { holdJob } from './hold-job-def.ts';

const handle = await connect({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.QIANSHAO_DATA_DIR ?? './data',
});
const log = pino({ level: 'silent' });
const leaseMs = Number(process.env.HOLD_LEASE_MS ?? 3000);
await runJob(
  { db: handle.db, log, config: testConfig(), runner: `child:${process.pid}`, leaseMs },
  holdJob(() => process.stdout.write('holding\n')),
  new Date(Number(process.env.HOLD_TICK)),
);
