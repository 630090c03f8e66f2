/**
 * The only module that reads process.env. Validated with zod at start so a
 * bad value fails loudly and early; every secret may also come from
 * `<NAME>_FILE` (Docker / Kubernetes secrets).
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { passwordProblem } from './domain/password-policy';
import { StartupError } from './startup-checks';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Which peers may tell us the client's address in X-Forwarded-For, in the
 * form express's `trust proxy` takes: `false` (nobody: the socket's address is
 * the client), a hop count (that many proxies in front, each appending the
 * address it saw), or addresses / subnets / the names `loopback`,
 * `linklocal`, `uniquelocal`. With a count or a list, express walks the header
 * from the right and stops at the first untrusted hop: the address the last
 * trusted proxy appended, which a client cannot choose.
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The parsed value, or the reason it is refused. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | string {
  const v = (raw ?? '').trim();
  if (v === '' || v === 'false' || v === 'none') return false;
  if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Math.min(Number(v), 32);
  if (v === 'true' || v === '*') {
    return 'TRUST_PROXY=true would take the left-most X-Forwarded-For, which any client writes itself; give the hop count (e.g. 1) or the proxies\' addresses';
  }
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of entries) {
    if (PROXY_NAMES.has(e)) continue;
    const [addr, bits, extra] = e.split('/');
    const family = isIP(addr);
    const maxBits = family === 6 ? 128 : 32;
    if (family && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits))) continue;
    return `TRUST_PROXY: "${e}" is not an IP address, a subnet (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`;
  }
  return entries;
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SEED_DEMO: bool.default(true),
  ADMIN_EMAIL: z.email().default('admin@hailong.local'),
  // The first admin's password meets the same policy as any other (a weak one is a start-up error).
  ADMIN_PASSWORD: z
    .string()
    .superRefine((v, zctx) => {
      const problem = passwordProblem(v);
      if (problem) zctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(256),
  LINK_SECRET: z.string().min(32).optional(),
  LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COUNTER_LINK_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, zctx): TrustProxy => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') {
        zctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // Hour buckets of the figures are dropped after this many days (today's figures and hour series need the last 2).
  HOUR_FIGURES_RETENTION_DAYS: z.coerce.number().int().min(2).max(3660).default(90),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  dataDir: string;
  publicUrl: string;
  secure: boolean;
}

const SECRETS = ['MONGODB_URI', 'REDIS_URL', 'ADMIN_PASSWORD', 'LINK_SECRET'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const source: Record<string, string | undefined> = { ...env };
  for (const name of SECRETS) {
    const file = env[`${name}_FILE`];
    if (file && !source[name]) source[name] = readFileSync(file, 'utf8').trim();
  }
  for (const k of Object.keys(source)) if (source[k] === '') delete source[k];
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new StartupError(`Cấu hình không hợp lệ / Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return { ...e, dataDir: path.resolve(e.DATA_DIR), publicUrl, secure: publicUrl.startsWith('https:') };
}

/** The resolved config for the start-up log, secrets masked. */
export function describeConfig(c: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const name of SECRETS) if (out[name]) out[name] = '***';
  return out;
}
