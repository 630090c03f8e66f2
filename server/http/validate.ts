import type { z } from 'zod';
import { invalid } from '../domain/errors';

/** Parses with a zod schema or throws a 400 naming every bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw invalid(r.error.issues.map((i) => ({ path: [prefix, ...i.path].filter(Boolean).join('.'), message: i.message })));
  }
  return r.data;
}
