#!/usr/bin/env node
import { boundHeapGrowth } from '../runtime/heap-growth.ts';

type Command = (args: string[]) => Promise<void>;

// Each command's module is imported only when that command runs, so
// `qianshao --help` or a usage error loads none of the database, HTTP or
// import code (see bench/cli-start.ts).
const COMMANDS: Record<string, () => Promise<Command>> = {
  migrate: async () => (await import('../cli/serve-commands.ts')).migrateCommand,
  serve: async () => {
    const { serveCommand } = await import('../cli/serve-commands.ts');
    return (a) => serveCommand(a, 'serve');
  },
  start: async () => {
    const { serveCommand } = await import('../cli/serve-commands.ts');
    return (a) => serveCommand(a, 'start');
  },
  users: async () => (await import('../cli/users-commands.ts')).usersCommand,
  tokens: async () => (await import('../cli/users-commands.ts')).tokensCommand,
  'run-job': async () => (await import('../cli/job-commands.ts')).runJobCommand,
  jobs: async () => (await import('../cli/job-commands.ts')).jobsCommand,
  import: async () => (await import('../cli/import-commands.ts')).importCommand,
  feeds: async () => (await import('../cli/opinion-commands.ts')).feedsCommand,
  score: async () => (await import('../cli/score-commands.ts')).scoreCommand,
  backtest: async () => (await import('../cli/score-commands.ts')).backtestCommand,
  alerts: async () => (await import('../cli/alert-commands.ts')).alertsCommand,
  roster: async () => (await import('../cli/alert-commands.ts')).rosterCommand,
  credit: async () => (await import('../cli/credit-commands.ts')).creditCommand,
  digest: async () => (await import('../cli/digest-commands.ts')).digestCommand,
  'rotate-key': async () => (await import('../cli/rotate-key-command.ts')).rotateKeyCommand,
};

const USAGE = `usage: qianshao <command> [options]
  migrate                         apply pending migrations
  serve [--port N] [--no-scheduler]
  start                           serve with the demo data set when the database is empty
  users add NAME --role ROLE [--district D] [--streets A,B] --password-stdin
  users list
  users disable NAME | users enable NAME
  tokens create --user NAME [--label L]
  tokens revoke ID|PREFIX
  import firms|inspections|petitions FILE [--format csv|json|ndjson]
  import opinion FILE --source NAME
  feeds parse FILE | add URL --name NAME | list | enable ID | disable ID
  score [--at ISO8601] [--no-alerts] [--dry-run]
                                  score every firm as of an instant and store the snapshot
  backtest --from DATE --to DATE --labels FILE [--step 1d] [--horizon 90d]
                                  replay the stored records day by day against incident labels
  alerts [--status open|all] [--level L]
                                  the alert queue
  roster import FILE | roster on-duty --firm ID|USCC [--category C] [--at T]
  digest [--week 2026-W47] [--district D] [--out FILE] [--send]
                                  build and store a week's digest (形势研判周报)
  credit export --format csv|json [--gbk] [--history] | credit disclosure --quarter 2026Q3 | credit candidates
                                  the wage-arrears credit list (人社部令第45号), 29号令 quarterly disclosure
  rotate-key --old-key-stdin      re-seal stored secrets and personal data with QIANSHAO_SECRET_KEY (old key on stdin)
  run-job NAME [--at ISO8601]     run one scheduled job now
  jobs list
Every reporting command takes --json (stdout then holds one JSON document).`;

/** Exit codes: 0 done, 1 failed (one line on stderr), 2 usage error. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`qianshao: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  try {
    const command = await load();
    await command(args);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    // Loaded here, not at the top: they pull in the configuration schema and
    // the database layer, which `--help` must not pay for.
    const [{ ConfigError }, { AppError }, { DataDirBusy }, { UsageError }] = await Promise.all([
      import('../config/env.ts'),
      import('../domain/errors.ts'),
      import('../db/data-dir-lock.ts'),
      import('../cli/runtime.ts'),
    ]);
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (usage) {
      process.stderr.write(`qianshao ${name}: ${(e as Error).message}\n`);
      return 2;
    }
    const known = e instanceof AppError || e instanceof ConfigError || e instanceof DataDirBusy;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`qianshao ${name}: ${known ? message : `failed: ${message}`}\n`);
    if (!known && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

// Imports (CLI and HTTP) allocate fast and keep little: see heap-growth.ts.
boundHeapGrowth();
process.exitCode = await main(process.argv.slice(2));
