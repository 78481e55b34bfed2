import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../domain/roles.ts';
import { createUser, listUsers } from '../users/users.ts';
import { createToken } from '../users/tokens.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { emit, readStdin, UsageError, withRuntime } from './runtime.ts';

export async function usersCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') return usersAdd(rest);
  if (sub === 'list') return usersList(rest);
  throw new UsageError('usage: qianshao users add NAME --role ROLE [--district D] [--streets A,B] --password-stdin | users list');
}

async function usersAdd(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      role: { type: 'string' }, district: { type: 'string' }, streets: { type: 'string' }, 'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean' }, json: { type: 'boolean' },
    },
  });
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new UsageError('usage: qianshao users add NAME --role ROLE --password-stdin');
  if (!values.role || !isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (!values['password-stdin']) throw new UsageError('give the password on standard input with --password-stdin (never as an argument)');
  const password = (await readStdin()).replace(/\r?\n$/, '');
  await withRuntime(async ({ handle, actor }) => {
    await migrateToLatest(handle.db);
    const user = await createUser(handle.db, actor, {
      name, role: values.role as (typeof ROLES)[number], district: values.district ?? null,
      streets: values.streets ? values.streets.split(',').map((s) => s.trim()).filter(Boolean) : [],
      displayName: values['display-name'], password,
    }, new Date());
    emit(Boolean(values.json), { id: user.id, name: user.name, role: user.role }, () => `created user ${user.name} (${user.role}, id ${user.id})`);
  });
}

async function usersList(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  await withRuntime(async ({ handle }) => {
    const users = await listUsers(handle.db);
    emit(Boolean(values.json), users, () => users.map((u) => `${u.name}\t${u.role}\t${u.district ?? '(city)'}\t${u.streets.join(',')}`).join('\n'));
  });
}

export async function tokensCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new UsageError('usage: qianshao tokens create --user NAME [--label L]');
  const { values } = parseArgs({ args: rest, options: { user: { type: 'string' }, label: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.user) throw new UsageError('usage: qianshao tokens create --user NAME');
  await withRuntime(async ({ handle, actor }) => {
    const { token } = await createToken(handle.db, actor, values.user!, new Date(), values.label);
    emit(Boolean(values.json), { token }, () => `${token}\n(shown once: store it now)`);
  });
}
