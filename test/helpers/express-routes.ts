/**
 * What an express 5 app really serves: every method + path its router stacks
 * register, the express way (`/devices/:id`). The OpenAPI and access-matrix
 * tests hold it against the route table.
 */
import type { Express } from 'express';

/**
 * The parts of express 5's router (router@2) this walk reads. Not in
 * @types/express: these are the router's own layer objects.
 */
interface RouterLayer {
  rawPath?: string | string[];
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

const join = (a: string, b: string): string => {
  const p = `${a}/${b}`.replace(/\/+/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
};

function walk(stack: RouterLayer[], prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push(`${m} ${join(prefix, layer.route.path)}`);
    } else if (layer.handle?.stack) {
      const mount = Array.isArray(layer.rawPath) ? layer.rawPath[0] : (layer.rawPath ?? '/');
      out.push(...walk(layer.handle.stack, join(prefix, mount)));
    }
  }
  return out;
}

/** `get /me`, `post /devices/:id/revoke`, … for everything mounted at `mount` (relative to it). */
export function servedRoutes(app: Express, mount = '/api/v1'): string[] {
  const stack = (app as unknown as { router: { stack: RouterLayer[] } }).router.stack;
  const mounted = stack.filter((l) => l.rawPath === mount && l.handle?.stack);
  if (mounted.length !== 1) throw new Error(`expected one router mounted at ${mount}, found ${mounted.length}`);
  return walk(mounted[0].handle!.stack!);
}
