import type { z } from 'zod';
import { invalid } from './errors';

/** Parses with a zod schema or throws `invalid-input` naming every bad field (a 400 over HTTP); array indexes stay in the path (`hours.sessions.0.close`). */
export function parseOrInvalid<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw invalid(r.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.'), message: i.message })));
  }
  return r.data;
}
