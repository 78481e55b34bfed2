import { z } from '@hono/zod-openapi';
import { Invalid } from '../../domain/errors.ts';
import { MAX_DB_ID, hasNul } from '../../domain/values/text-input.ts';
import { issueMessage } from '../../domain/i18n/errors.ts';

// Shared OpenAPI schemas: the error shape and common parameters.

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string().openapi({ example: 'not_found' }), message: z.string() }) })
  .openapi('Error');

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

export const errorResponses = {
  400: errorResponse('Invalid input'),
  401: errorResponse('Not authenticated'),
  403: errorResponse('Not allowed for this role'),
  404: errorResponse('Not found (or outside your jurisdiction)'),
} as const;

export const security = [{ bearerAuth: [] }];

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** Validates a body the handler parsed itself; every problem named as `path: message` (400). */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success)
    throw new Invalid(
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      undefined,
      issueMessage(r.error.issues),
    );
  return r.data;
}

/** A database id in a path or query: a positive integer the id columns can hold. */
export const dbId = z.coerce.number().int().positive().max(MAX_DB_ID);

/** A `{id}` path parameter. */
export const idParam = z.object({ id: dbId });

/** A free-text filter or name: bounded, and without NUL (which PostgreSQL cannot compare). */
export const textParam = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasNul(s), 'must not contain a NUL character');
