import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChildDb, type TestDb } from '../helpers/db.ts';
import { BASE_ENV, runCli } from '../helpers/spawn.ts';

// Issue 15 item 13: every enumerated CLI option is checked (a typo is a usage
// error, exit 2, not an empty answer), and the README's command form keeps
// stdout pure JSON.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let t: TestDb | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  ({ db: t, env } = await openChildDb());
});
afterAll(async () => {
  await t?.close();
});

describe('CLI options', () => {
  it.each([
    [['alerts', '--level', 'bogus'], '--level must be one of red, orange, yellow, blue'],
    [['alerts', '--status', 'closed'], '--status must be one of'],
    [['alerts', '--limit', 'many'], '--limit must be a whole number'],
    [['roster', 'on-duty', '--firm', '1', '--category', 'wages'], '--category must be one of labor, opinion'],
    [['import', 'inspections', 'x.csv', '--format', 'xlsx'], 'give --format csv|json|ndjson'],
    [['credit', 'export', '--format', 'xml'], '--format must be csv or json'],
  ])('%j is a usage error (exit 2) naming the option', async (args, message) => {
    const r = await runCli(args, env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('a valid level still answers (exit 0)', async () => {
    const r = await runCli(['alerts', '--level', 'red', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('the README shows a command form whose stdout is one JSON document', async () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    // npm's banner ("> qianshao@0.1.0 cli …") goes to stdout unless -s: the README must not show the bare form.
    expect(readme).not.toMatch(/npm run cli --/);
    expect(readme).toMatch(/npm run -s cli --/);
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', '-s', 'cli', '--', 'alerts', '--json'], {
        cwd: ROOT,
        env: { ...BASE_ENV, ...env, QIANSHAO_FROM_SOURCE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (b) => (stdout += b));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  }, 60_000);
});
