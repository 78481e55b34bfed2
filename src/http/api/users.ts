import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { ROLES, ROLE_CATALOGUE, roleHas } from '../../domain/roles.ts';
import { createUser, listUsers, setUserDisabled } from '../../users/users.ts';
import { createOwnToken, listTokens, revokeToken } from '../../users/tokens.ts';
import { Forbidden } from '../../domain/errors.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security } from './schemas.ts';
import { msg } from '../../domain/i18n/messages.ts';

const Me = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: z.enum(ROLES),
    district: z.string().nullable(),
    streets: z.array(z.string()),
    permissions: z.array(z.string()),
  })
  .openapi('Me');
const UserSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    display_name: z.string(),
    role: z.string(),
    district: z.string().nullable(),
    streets: z.array(z.string()),
    disabled: z.boolean(),
  })
  .openapi('User');
const NewUserBody = z
  .object({
    name: z.string(),
    displayName: z.string().optional(),
    role: z.enum(ROLES),
    district: z.string().nullable().optional(),
    streets: z.array(z.string()).optional(),
    password: z.string(),
  })
  .openapi('NewUser');

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['users'],
  security,
  summary: 'Who am I: role, jurisdiction, permissions',
  responses: { 200: jsonContent(Me, 'The caller'), ...errorResponses },
});
const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  security,
  summary: 'All users (admin)',
  middleware: [requirePermission('users:manage')] as const,
  responses: { 200: jsonContent(z.object({ users: z.array(UserSchema) }), 'Users'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  security,
  summary: 'Create a user (admin)',
  middleware: [requirePermission('users:manage')] as const,
  request: { body: { content: { 'application/json': { schema: NewUserBody } }, required: true } },
  responses: {
    201: jsonContent(z.object({ id: z.number().int(), name: z.string(), role: z.string() }), 'Created'),
    ...errorResponses,
  },
});
const token = createRoute({
  method: 'post',
  path: '/users/{name}/tokens',
  tags: ['users'],
  security,
  summary:
    'Create an API token for yourself (name must be your own: nobody mints a token for another user); shown once',
  request: {
    params: z.object({ name: z.string() }),
    body: { content: { 'application/json': { schema: z.object({ label: z.string().max(100).optional() }) } } },
  },
  responses: {
    201: jsonContent(z.object({ id: z.number().int(), token: z.string() }), 'The token, shown once'),
    ...errorResponses,
  },
});

const TokenSchema = z
  .object({
    id: z.number().int(),
    prefix: z.string(),
    label: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');
const nameParam = z.object({ name: z.string().min(1).max(64) });
const tokens = createRoute({
  method: 'get',
  path: '/users/{name}/tokens',
  tags: ['users'],
  security,
  summary: "A user's API tokens (yours, or anyone's with users:manage); never the secrets",
  request: { params: nameParam },
  responses: { 200: jsonContent(z.object({ tokens: z.array(TokenSchema) }), 'Tokens'), ...errorResponses },
});
const revoke = createRoute({
  method: 'post',
  path: '/tokens/{id}/revoke',
  tags: ['users'],
  security,
  summary: "Revoke an API token at once (your own, or anyone's with users:manage); audited",
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: {
    200: jsonContent(z.object({ id: z.number().int(), user: z.string(), revoked: z.literal(true) }), 'Revoked'),
    ...errorResponses,
  },
});
const disable = (action: 'disable' | 'enable') =>
  createRoute({
    method: 'post',
    path: `/users/{name}/${action}`,
    tags: ['users'],
    security,
    summary:
      action === 'disable'
        ? 'Disable a user: their sessions end and their tokens stop at once (admin); audited'
        : 'Enable a disabled user again (admin); audited',
    middleware: [requirePermission('users:manage')] as const,
    request: { params: nameParam },
    responses: {
      200: jsonContent(z.object({ id: z.number().int(), name: z.string(), disabled: z.boolean() }), 'The user'),
      ...errorResponses,
    },
  });

export function userRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  app.openapi(me, (c) => {
    const p = principalOf(c);
    return c.json(
      {
        id: p.userId,
        name: p.name,
        role: p.role,
        district: p.district,
        streets: [...p.streets],
        permissions: [...ROLE_CATALOGUE[p.role].permissions],
      },
      200,
    );
  });
  app.openapi(list, async (c) => c.json({ users: await listUsers(deps.db) }, 200));
  app.openapi(create, async (c) => {
    const u = await createUser(deps.db, actorOf(c, deps), c.req.valid('json'), now());
    return c.json({ id: u.id, name: u.name, role: u.role }, 201);
  });
  app.openapi(token, async (c) => {
    const body = c.req.valid('json') ?? {};
    const t = await createOwnToken(
      deps.db,
      actorOf(c, deps),
      principalOf(c),
      c.req.valid('param').name,
      now(),
      body.label,
    );
    return c.json(t, 201);
  });
  app.openapi(tokens, async (c) => {
    const p = principalOf(c);
    const name = c.req.valid('param').name;
    if (name !== p.name && !roleHas(p.role, 'users:manage'))
      throw new Forbidden('you may list your own tokens only', undefined, msg('auth.own_tokens_only'));
    return c.json({ tokens: await listTokens(deps.db, name) }, 200);
  });
  app.openapi(revoke, async (c) => {
    const p = principalOf(c);
    const owner = roleHas(p.role, 'users:manage') ? undefined : p.userId;
    const r = await revokeToken(deps.db, actorOf(c, deps), String(c.req.valid('param').id), now(), owner);
    return c.json({ ...r, revoked: true as const }, 200);
  });
  for (const action of ['disable', 'enable'] as const) {
    app.openapi(disable(action), async (c) =>
      c.json(
        await setUserDisabled(deps.db, actorOf(c, deps), c.req.valid('param').name, action === 'disable', now()),
        200,
      ),
    );
  }
  return app;
}
