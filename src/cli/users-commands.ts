import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../domain/roles.ts';
import { createUser, listUsers, setUserDisabled } from '../users/users.ts';
import { createToken, revokeToken } from '../users/tokens.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { emit, readStdin, UsageError, withRuntime } from './runtime.ts';

export async function usersCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') return usersAdd(rest);
  if (sub === 'list') return usersList(rest);
  if (sub === 'disable' || sub === 'enable') return usersDisable(rest, sub === 'disable');
  throw new UsageError(
    'usage: qianshao users add NAME --role ROLE [--district D] [--streets A,B] --password-stdin | users list | users disable NAME | users enable NAME',
  );
}

/** users disable|enable NAME: a disabled user's sessions end and tokens stop at once; audited. */
async function usersDisable(args: string[], disabled: boolean): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new UsageError(`usage: qianshao users ${disabled ? 'disable' : 'enable'} NAME`);
  await withRuntime(async ({ handle, actor }) => {
    const r = await setUserDisabled(handle.db, actor, positionals[0]!, disabled, new Date());
    emit(Boolean(values.json), r, () => `${disabled ? 'disabled' : 'enabled'} user ${r.name}`);
  });
}

async function usersAdd(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      district: { type: 'string' },
      streets: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const name = positionals[0];
  if (!name || positionals.length > 1)
    throw new UsageError('usage: qianshao users add NAME --role ROLE --password-stdin');
  if (!values.role || !isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (!values['password-stdin'])
    throw new UsageError('give the password on standard input with --password-stdin (never as an argument)');
  const password = (await readStdin()).replace(/\r?\n$/, '');
  await withRuntime(async ({ handle, actor }) => {
    await migrateToLatest(handle.db);
    const user = await createUser(
      handle.db,
      actor,
      {
        name,
        role: values.role as (typeof ROLES)[number],
        district: values.district ?? null,
        streets: values.streets
          ? values.streets
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
        displayName: values['display-name'],
        password,
      },
      new Date(),
    );
    emit(
      Boolean(values.json),
      { id: user.id, name: user.name, role: user.role },
      () => `created user ${user.name} (${user.role}, id ${user.id})`,
    );
  });
}

async function usersList(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  await withRuntime(async ({ handle }) => {
    const users = await listUsers(handle.db);
    emit(Boolean(values.json), users, () =>
      users.map((u) => `${u.name}\t${u.role}\t${u.district ?? '(city)'}\t${u.streets.join(',')}`).join('\n'),
    );
  });
}

export async function tokensCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'revoke') return tokensRevoke(rest);
  if (sub !== 'create')
    throw new UsageError('usage: qianshao tokens create --user NAME [--label L] | tokens revoke ID|PREFIX');
  const { values } = parseArgs({
    args: rest,
    options: { user: { type: 'string' }, label: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.user) throw new UsageError('usage: qianshao tokens create --user NAME');
  await withRuntime(async ({ handle, actor }) => {
    const { token } = await createToken(handle.db, actor, values.user!, new Date(), values.label);
    emit(Boolean(values.json), { token }, () => `${token}\n(shown once: store it now)`);
  });
}

/** tokens revoke ID|PREFIX: the token stops at once; audited. */
async function tokensRevoke(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length !== 1)
    throw new UsageError('usage: qianshao tokens revoke ID|PREFIX (the id, or the prefix shown when it was created)');
  await withRuntime(async ({ handle, actor }) => {
    const r = await revokeToken(handle.db, actor, positionals[0]!, new Date());
    emit(Boolean(values.json), { ...r, revoked: true }, () => `revoked token ${r.id} of ${r.user}`);
  });
}
