import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSecretKey } from '../config/secret-key.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { evidenceArrived } from '../ingest/evidence-arrived.ts';
import { importFile } from '../ingest/import-file.ts';
import { importContext } from '../ingest/import-service.ts';
import { reapStaleImports } from '../ingest/import-runs.ts';
import { formatFromName, type RowFormat } from '../ingest/rows/index.ts';
import type { ImportKind } from '../ingest/import-types.ts';
import { emit, UsageError, withRuntime } from './runtime.ts';

const KINDS: ImportKind[] = ['firms', 'inspections', 'petitions'];
const FORMATS: RowFormat[] = ['csv', 'json', 'ndjson'];

export async function importCommand(args: string[]): Promise<void> {
  const [kind, ...rest] = args;
  if (kind === 'opinion') {
    const { importOpinionCommand } = await import('./opinion-commands.ts');
    return importOpinionCommand(rest);
  }
  if (!kind || !KINDS.includes(kind as ImportKind))
    throw new UsageError(
      'usage: qianshao import firms|inspections|petitions FILE [--format csv|json|ndjson] | import opinion FILE --source NAME',
    );
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { format: { type: 'string' }, json: { type: 'boolean' }, source: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError(`usage: qianshao import ${kind} FILE [--format csv|json|ndjson]`);
  const format = (values.format ?? formatFromName(file)) as RowFormat | null;
  if (!format || !FORMATS.includes(format))
    throw new UsageError(`cannot tell the format of ${file}: give --format csv|json|ndjson`);
  const size = statSync(file).size;
  await withRuntime(async ({ handle, log, config, actor }) => {
    await migrateToLatest(handle.db);
    // An import a killed process left `running` shows as failed before this one starts.
    await reapStaleImports(handle.db, log, new Date());
    const secretKey = resolveSecretKey(config, log);
    const progress = progressBar(size);
    const now = new Date();
    const ctx = importContext({ db: handle.db, log, secretKey }, actor, now, { onProgress: progress.update });
    const summary = await importFile(ctx, {
      kind: kind as ImportKind,
      source: values.source ?? basename(file),
      format,
      bytes: createReadStream(file),
    });
    progress.done();
    await evidenceArrived(
      { db: handle.db, log, config },
      { firmIds: summary.touchedFirmIds, at: now, reason: `import:${kind}`, actor },
    );
    const { importId: _i, touchedFirmIds: _t, ...out } = summary;
    emit(Boolean(values.json), out, () =>
      [
        `${kind}: ${summary.accepted} accepted, ${summary.updated} updated, ${summary.duplicates} duplicates, ${summary.unresolved} unresolved, ${summary.rejected.length + (summary.rejectedNotListed ?? 0)} rejected`,
        ...summary.rejected
          .slice(0, 20)
          .map(
            (r) =>
              `  line ${r.line}: ${r.reasons.map((x) => (x.field ? `${x.field} (${x.column}): ` : '') + x.message).join('; ')}`,
          ),
      ].join('\n'),
    );
    // A column that matches no header is kept in extra, never dropped silently: say so on stderr (stdout stays the summary).
    if (summary.unknown_columns.length > 0) {
      process.stderr.write(
        `qianshao import: warning: ${summary.unknown_columns.length} unknown column(s) kept as extra, not read: ${summary.unknown_columns.join(', ')} (accepted headers: docs/formats.md)\n`,
      );
    }
    // Nothing stored and something rejected: the import failed (exit 1), with the summary still on stdout.
    const rejected = summary.rejected.length + (summary.rejectedNotListed ?? 0);
    if (rejected > 0 && summary.accepted + summary.updated + summary.duplicates === 0) {
      process.stderr.write(`qianshao import: failed: every row (${rejected}) was rejected\n`);
      process.exitCode = 1;
    }
  });
}

/** A one-line progress count on stderr when it is a terminal; silent otherwise. */
function progressBar(totalBytes: number) {
  const tty = process.stderr.isTTY;
  return {
    update: (rows: number) => {
      if (tty)
        process.stderr.write(
          `\r  ${rows.toLocaleString('en')} rows read (file ${(totalBytes / 1048576).toFixed(1)} MB)…`,
        );
    },
    done: () => {
      if (tty) process.stderr.write('\n');
    },
  };
}
