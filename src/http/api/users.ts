import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { ROLES, ROLE_CATALOGUE } from '../../domain/roles.ts';
import { createUser, listUsers } from '../../users/users.ts';
import { createToken } from '../../users/tokens.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security } from './schemas.ts';

const Me = z
  .object({
    id: z.number().int(), name: z.string(), role: z.enum(ROLES), district: z.string().nullable(), streets: z.array(z.string()),
    permissions: z.array(z.string()),
  })
  .openapi('Me');
const UserSchema = z
  .object({ id: z.number().int(), name: z.string(), display_name: z.string(), role: z.string(), district: z.string().nullable(), streets: z.array(z.string()), disabled: z.boolean() })
  .openapi('User');
const NewUserBody = z.object({
  name: z.string(), displayName: z.string().optional(), role: z.enum(ROLES), district: z.string().nullable().optional(),
  streets: z.array(z.string()).optional(), password: z.string(),
}).openapi('NewUser');

const me = createRoute({
  method: 'get', path: '/me', tags: ['users'], security, summary: 'Who am I: role, jurisdiction, permissions',
  responses: { 200: jsonContent(Me, 'The caller'), ...errorResponses },
});
const list = createRoute({
  method: 'get', path: '/users', tags: ['users'], security, summary: 'All users (admin)',
  middleware: [requirePermission('users:manage')] as const,
  responses: { 200: jsonContent(z.object({ users: z.array(UserSchema) }), 'Users'), ...errorResponses },
});
const create = createRoute({
  method: 'post', path: '/users', tags: ['users'], security, summary: 'Create a user (admin)',
  middleware: [requirePermission('users:manage')] as const,
  request: { body: { content: { 'application/json': { schema: NewUserBody } }, required: true } },
  responses: { 201: jsonContent(z.object({ id: z.number().int(), name: z.string(), role: z.string() }), 'Created'), ...errorResponses },
});
const token = createRoute({
  method: 'post', path: '/users/{name}/tokens', tags: ['users'], security, summary: 'Create an API token for a user (admin); shown once',
  middleware: [requirePermission('users:manage')] as const,
  request: { params: z.object({ name: z.string() }), body: { content: { 'application/json': { schema: z.object({ label: z.string().max(100).optional() }) } } } },
  responses: { 201: jsonContent(z.object({ id: z.number().int(), token: z.string() }), 'The token, shown once'), ...errorResponses },
});

export function userRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  app.openapi(me, (c) => {
    const p = principalOf(c);
    return c.json({ id: p.userId, name: p.name, role: p.role, district: p.district, streets: [...p.streets], permissions: [...ROLE_CATALOGUE[p.role].permissions] }, 200);
  });
  app.openapi(list, async (c) => c.json({ users: await listUsers(deps.db) }, 200));
  app.openapi(create, async (c) => {
    const u = await createUser(deps.db, actorOf(c, deps), c.req.valid('json'), now());
    return c.json({ id: u.id, name: u.name, role: u.role }, 201);
  });
  app.openapi(token, async (c) => {
    const body = c.req.valid('json') ?? {};
    const t = await createToken(deps.db, actorOf(c, deps), c.req.valid('param').name, now(), body.label);
    return c.json(t, 201);
  });
  return app;
}
