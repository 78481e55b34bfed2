import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChildDb, type TestDb } from '../helpers/db.ts';
import { runCli } from '../helpers/spawn.ts';

// The CLI runs in child processes against this file's own database. On the
// embedded database the child takes the data-directory lock, so this file
// does not open that database itself.
let t: TestDb | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  ({ db: t, env } = await openChildDb());
});
afterAll(async () => {
  await t?.close();
});

describe('qianshao CLI', () => {
  it('migrate --json prints exactly one JSON document on stdout, logs on stderr', async () => {
    const r = await runCli(['migrate', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ applied: [] });
  });

  it('users add reads the password from stdin; tokens create shows the token once', async () => {
    const add = await runCli(
      [
        'users',
        'add',
        'cli_alice',
        '--role',
        'inspector',
        '--district',
        '示范区',
        '--streets',
        '晨光路街道',
        '--password-stdin',
        '--json',
      ],
      env,
      'a-long-enough-password\n',
    );
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ id: expect.any(Number), name: 'cli_alice', role: 'inspector' });
    const tok = await runCli(['tokens', 'create', '--user', 'cli_alice', '--json'], env);
    expect(tok.code).toBe(0);
    expect(JSON.parse(tok.stdout).token).toMatch(/^qs_[A-Za-z0-9_-]{40,}$/);
    expect(tok.stderr).not.toContain(JSON.parse(tok.stdout).token);
    const list = await runCli(['users', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'cli_alice', district: '示范区', streets: ['晨光路街道'] }),
    ]);
    expect(list.stdout).not.toContain('password');
  });

  it('tokens revoke and users disable/enable take effect and say so', async () => {
    const tok = JSON.parse((await runCli(['tokens', 'create', '--user', 'cli_alice', '--json'], env)).stdout)
      .token as string;
    const revoked = await runCli(['tokens', 'revoke', tok.slice(0, 10), '--json'], env);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ user: 'cli_alice', revoked: true });
    const off = await runCli(['users', 'disable', 'cli_alice', '--json'], env);
    expect(JSON.parse(off.stdout)).toMatchObject({ name: 'cli_alice', disabled: true });
    const on = await runCli(['users', 'enable', 'cli_alice', '--json'], env);
    expect(JSON.parse(on.stdout)).toMatchObject({ name: 'cli_alice', disabled: false });
  }, 180_000);

  it('refuses a duplicate user and a short password with exit 1 and one line', async () => {
    const dup = await runCli(
      ['users', 'add', 'cli_alice', '--role', 'inspector', '--password-stdin'],
      env,
      'a-long-enough-password',
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim()).toBe('qianshao users: user cli_alice already exists');
    const short = await runCli(['users', 'add', 'cli_bob', '--role', 'admin', '--password-stdin'], env, 'short');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password: at least 10 characters/);
  });

  it('usage errors exit 2: unknown command, bad role, missing --password-stdin', async () => {
    expect((await runCli(['no-such-command'], env)).code).toBe(2);
    expect(
      (await runCli(['users', 'add', 'x1', '--role', 'king', '--password-stdin'], env, 'a-long-enough-password')).code,
    ).toBe(2);
    expect((await runCli(['users', 'add', 'x1', '--role', 'admin'], env)).code).toBe(2);
  });

  it('a bad environment variable stops the command with one line naming it', async () => {
    const r = await runCli(['migrate'], { ...env, PORT: 'eighty' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^qianshao migrate: invalid configuration: PORT: /);
  });

  it('run-job runs one job now and reports its outcome', async () => {
    const r = await runCli(['run-job', 'session-cleanup', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ job: 'session-cleanup', status: 'succeeded', items: 0 });
    expect((await runCli(['run-job', 'nope'], env)).code).toBe(2);
  });

  it('credit disclosure: a quarter not yet over is refused unless --draft, and a draft is marked in its header (29号令)', async () => {
    const early = await runCli(['credit', 'disclosure', '--quarter', '2026Q4', '--at', '2026-12-05T04:00:00Z'], env);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('2026Q4 ends 2026-12-31 and is not over on 2026-12-05');
    const draft = await runCli(
      ['credit', 'disclosure', '--quarter', '2026Q4', '--at', '2026-12-05T04:00:00Z', '--draft'],
      env,
    );
    expect(draft.code).toBe(0);
    expect(draft.stdout.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      '单位名称,统一社会信用代码,地址,法定代表人,主要违法事实,处理情况,稿件状态',
    );
    const final = await runCli(['credit', 'disclosure', '--quarter', '2026Q4', '--at', '2027-01-01T04:00:00Z'], env);
    expect(final.code).toBe(0);
    expect(final.stdout.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      '单位名称,统一社会信用代码,地址,法定代表人,主要违法事实,处理情况',
    );
  });
});
