import { parseArgs } from 'node:util';
import { findJob, schedule } from '../../jobs/schedule.ts';
import { runJob } from '../jobs-runtime/run-job.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { audit } from '../audit/audit.ts';
import { emit, parseInstant, UsageError, withRuntime } from './runtime.ts';

export async function runJobCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, at: { type: 'string' } },
  });
  const name = positionals[0];
  const job = name ? findJob(name) : undefined;
  if (!job) throw new UsageError(`usage: qianshao run-job NAME   (jobs: ${schedule.map((j) => j.name).join(', ')})`);
  const at = values.at ? parseInstant(values.at, '--at') : new Date();
  await withRuntime(async ({ handle, log, config, actor }) => {
    await migrateToLatest(handle.db);
    await audit(handle.db, actor, { action: 'job.run', objectType: 'job', objectId: job.name }, new Date());
    const outcome = await runJob({ db: handle.db, log, config, runner: actor.name }, job, new Date(), { now: at });
    emit(
      Boolean(values.json),
      { job: job.name, ...outcome },
      () =>
        `${job.name}: ${outcome.status}${'items' in outcome ? ` (${outcome.items ?? 0} items)` : ''}${'error' in outcome ? `: ${outcome.error}` : ''}`,
    );
    if (outcome.status === 'failed') process.exitCode = 1;
  });
}

export async function jobsCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args: args.slice(args[0] === 'list' ? 1 : 0),
    options: { json: { type: 'boolean' } },
  });
  const list = schedule.map((j) => ({ name: j.name, cron: j.cron, timezone: j.timezone, description: j.description }));
  emit(Boolean(values.json), list, () =>
    list.map((j) => `${j.name}\t${j.cron}\t${j.timezone}\t${j.description}`).join('\n'),
  );
}
