import type { z } from 'zod';
import { Invalid } from '../errors.ts';

/** Validates with a zod schema; throws Invalid naming the path of every problem. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Invalid(`invalid ${what}: ${issues.join('; ')}`, { issues });
  }
  return parsed.data;
}
