// How the embedded database (PGlite: PostgreSQL compiled to WebAssembly,
// running inside this process) is started with bounded memory.
//
// WebAssembly memory grows and never shrinks, so whatever PGlite touches
// once stays in the process's RSS until it exits. Measured on Node 20 with
// PGlite 0.5 (bench/lib/cli-rss.ts sampling `qianshao import`):
// - Creating a new data directory runs initdb in a second WebAssembly
//   instance: the process held ~820 MB afterwards. It now runs in a
//   short-lived child process, once, when the directory is new.
// - shared_buffers defaults to 128 MB, all of it inside the process. The
//   data files sit in the operating system's page cache anyway, so 32 MB
//   costs no measurable speed (a scan of a million records: 5.8 s either
//   way) and saves ~110 MB.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding this package's node_modules, found upwards from this
 * module: src/db/ when run from source, dist/ when run from the build.
 */
function projectDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** shared_buffers of the embedded database. */
export const PGLITE_SHARED_BUFFERS = '32MB';

/** PGlite's own start parameters plus ours. */
export function pgliteStartParams(defaults: readonly string[]): string[] {
  return [...defaults, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
}

// Runs in the child: create the data directory, then close it cleanly.
// It runs from the project's directory, so the package resolves as here.
const INIT_SCRIPT = `
const [dir] = process.argv.slice(1);
const { PGlite } = await import('@electric-sql/pglite');
const db = await PGlite.create(dir);
await db.close();
`;

/**
 * Initializes `dir` (PGlite's data directory) in a child process unless it
 * already holds a database, so initdb's memory leaves with that process.
 */
export async function initPgliteDir(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', INIT_SCRIPT, resolvePath(dir)], {
      cwd: projectDir(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `could not initialize the embedded database in ${dir} (${signal ?? `exit ${code}`}): ${stderr.trim().slice(-500)}`,
          ),
        );
    });
  });
}
