import { readFileSync } from 'node:fs';
import type { IncidentConfig } from '../domain/alerts/incidents.ts';
import { DEFAULT_FEED_HEALTH, type FeedHealthConfig } from '../domain/alerts/feed-health.ts';
import { z } from 'zod';
import { defaultModelConfig, type ModelConfig, parseModelConfig } from '../domain/scoring/index.ts';
import { defaultSlaConfig, parseSlaConfig, type SlaConfig } from '../domain/alerts/index.ts';
import { parseCreditConfig, type CreditConfig } from '../domain/credit/config.ts';
import type { LoginLimits } from '../domain/login-throttle.ts';
import { defaultRetention, parseRetention, type RetentionConfig } from '../domain/retention.ts';

// Every environment variable the service reads, in one schema. Parsed once
// per entry point; a bad value stops the process with one line naming it.

const boolFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const cidrList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected CIDRs like 127.0.0.0/8,::1/128')));

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  QIANSHAO_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  QIANSHAO_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  QIANSHAO_ALLOW_PRIVATE_NETWORKS: cidrList.optional(),
  QIANSHAO_DEMO: boolFlag.default(false),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  QIANSHAO_PUBLIC_URL: z.url().optional(),
  QIANSHAO_BODY_LIMIT_MB: z.coerce.number().positive().max(2048).default(200),
  QIANSHAO_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  QIANSHAO_LOGIN_WINDOW_MIN: z.coerce.number().int().min(1).default(15),
  QIANSHAO_LOGIN_BACKOFF_S: z.coerce.number().int().min(1).default(30),
  QIANSHAO_LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
  QIANSHAO_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  QIANSHAO_SHUTDOWN_GRACE_S: z.coerce.number().int().min(1).max(600).default(30),
  QIANSHAO_TRUST_PROXY: boolFlag.default(false),
  QIANSHAO_SCHEDULE_OVERRIDES: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object like {"job-name":"*/5 * * * *"}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.string().min(9)))
    .optional(),
  QIANSHAO_SCORING_CONFIG: z.string().min(1).optional(),
  QIANSHAO_SLA_CONFIG: z.string().min(1).optional(),
  QIANSHAO_CREDIT_CONFIG: z.string().min(1).optional(),
  QIANSHAO_QUIET_HOURS: z
    .string()
    .regex(
      /^$|^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      'expected HH:MM-HH:MM (Shanghai time), e.g. 22:00-08:00, or empty for none',
    )
    .optional(),
  QIANSHAO_INCIDENT_WINDOW_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(360),
  QIANSHAO_FEED_FAILING_MIN: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(120),
  QIANSHAO_DELIVERY_LEASE_S: z.coerce.number().int().min(2).max(3600).default(30),
  QIANSHAO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587')
    .optional(),
  // Each address reads Chinese unless written en:address (issue 15: the digest e-mail follows each recipient's language).
  QIANSHAO_DIGEST_TO: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map((x) => {
          const m = /^(zh|en):(.+)$/.exec(x);
          return { lang: (m ? m[1] : 'zh') as 'zh' | 'en', address: (m ? m[2]! : x).trim() };
        }),
    )
    .pipe(
      z.array(
        z.object({
          lang: z.enum(['zh', 'en']),
          address: z.email('expected comma-separated e-mail addresses, each optionally en:address'),
        }),
      ),
    )
    .optional(),
  QIANSHAO_DIGEST_FROM: z.string().min(3).optional(),
  QIANSHAO_RETENTION: z.string().min(1).optional(),
  QIANSHAO_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  QIANSHAO_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  QIANSHAO_FEISHU_ENCRYPT_KEY: z.string().min(1).optional(),
  QIANSHAO_FEISHU_VERIFICATION_TOKEN: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  secretKey: string | undefined;
  allowPrivateNetworks: string[];
  demo: boolean;
  logLevel: Env['LOG_LEVEL'];
  production: boolean;
  publicUrl: string;
  bodyLimitBytes: number;
  login: LoginLimits;
  sessionTtlMs: number;
  shutdownGraceMs: number;
  /** Per-job cron overrides for this deployment (Node scheduler only). */
  scheduleOverrides: Record<string, string>;
  /** Believe X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  /** The risk model's parameters: defaults, overridden by QIANSHAO_SCORING_CONFIG. */
  model: ModelConfig;
  /** Alert deadlines per level and rule, office hours and the working-day calendar: defaults, overridden by QIANSHAO_SLA_CONFIG. */
  sla: SlaConfig;
  /** The credit-list procedure's parameters: defaults (crime amounts and collective size from the model), overridden by QIANSHAO_CREDIT_CONFIG. */
  credit: CreditConfig;
  /** Non-red escalation notifications wait out these Shanghai hours; null: none. */
  quietHours: { from: string; to: string } | null;
  /** Alerts sharing a cause within this window (after the incident's latest alert) join one incident. */
  incidents: IncidentConfig;
  /** A feed failing this long, or silent for its usual interval × factor, raises a feed alert. */
  feedHealth: FeedHealthConfig;
  /** How long a delivery worker holds a claimed delivery (one request: the request timeout is at most half of it) before another may retry it. */
  deliveryLeaseMs: number;
  /** The weekly digest's e-mail: SMTP server (null: no e-mail), recipients, sender. */
  digestMail: { smtpUrl: string | null; to: Array<{ address: string; lang: 'zh' | 'en' }>; from: string };
  /** Days each kind of data is kept, and the legal period for closed petitions' personal data: defaults, overridden by QIANSHAO_RETENTION. */
  retention: RetentionConfig;
  /** Prometheus /metrics: on the main port with this bearer token, and/or on a separate port (Node only). Neither: not served. */
  metrics: { token: string | null; port: number | null };
  /** A Feishu app's card callback (acknowledge buttons): its Encrypt Key and Verification Token; both null: no callback route. */
  feishuCallback: { encryptKey: string | null; verificationToken: string | null };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  const parsed = envSchema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `invalid configuration: ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.QIANSHAO_SECRET_KEY) {
    throw new ConfigError('invalid configuration: QIANSHAO_SECRET_KEY: required when NODE_ENV=production');
  }
  const model =
    e.QIANSHAO_SCORING_CONFIG === undefined
      ? defaultModelConfig
      : loadJsonConfig('QIANSHAO_SCORING_CONFIG', e.QIANSHAO_SCORING_CONFIG, parseModelConfig);
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.QIANSHAO_DATA_DIR,
    port: e.PORT,
    secretKey: e.QIANSHAO_SECRET_KEY,
    allowPrivateNetworks: e.QIANSHAO_ALLOW_PRIVATE_NETWORKS ?? [],
    demo: e.QIANSHAO_DEMO,
    logLevel: e.LOG_LEVEL,
    production,
    publicUrl: e.QIANSHAO_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    feishuCallback: {
      encryptKey: e.QIANSHAO_FEISHU_ENCRYPT_KEY ?? null,
      verificationToken: e.QIANSHAO_FEISHU_VERIFICATION_TOKEN ?? null,
    },
    bodyLimitBytes: Math.round(e.QIANSHAO_BODY_LIMIT_MB * 1024 * 1024),
    login: {
      maxFailures: e.QIANSHAO_LOGIN_MAX_FAILURES,
      windowMs: e.QIANSHAO_LOGIN_WINDOW_MIN * 60_000,
      backoffMs: e.QIANSHAO_LOGIN_BACKOFF_S * 1000,
      addressMaxFailures: e.QIANSHAO_LOGIN_ADDRESS_MAX_FAILURES,
    },
    sessionTtlMs: e.QIANSHAO_SESSION_HOURS * 3_600_000,
    shutdownGraceMs: e.QIANSHAO_SHUTDOWN_GRACE_S * 1000,
    scheduleOverrides: e.QIANSHAO_SCHEDULE_OVERRIDES ?? {},
    trustProxy: e.QIANSHAO_TRUST_PROXY,
    model,
    sla:
      e.QIANSHAO_SLA_CONFIG === undefined
        ? defaultSlaConfig
        : loadJsonConfig('QIANSHAO_SLA_CONFIG', e.QIANSHAO_SLA_CONFIG, parseSlaConfig),
    credit: creditConfigFrom(model, e.QIANSHAO_CREDIT_CONFIG),
    quietHours: quietHoursOf(e.QIANSHAO_QUIET_HOURS ?? '22:00-08:00'),
    incidents: { windowMinutes: e.QIANSHAO_INCIDENT_WINDOW_MIN },
    feedHealth: { ...DEFAULT_FEED_HEALTH, failingMinutes: e.QIANSHAO_FEED_FAILING_MIN },
    deliveryLeaseMs: e.QIANSHAO_DELIVERY_LEASE_S * 1000,
    digestMail: {
      smtpUrl: e.QIANSHAO_SMTP_URL ?? null,
      to: e.QIANSHAO_DIGEST_TO ?? [],
      from: e.QIANSHAO_DIGEST_FROM ?? '前哨 Qianshao <qianshao@localhost>',
    },
    retention:
      e.QIANSHAO_RETENTION === undefined
        ? defaultRetention
        : loadJsonConfig('QIANSHAO_RETENTION', e.QIANSHAO_RETENTION, parseRetention),
    metrics: { token: e.QIANSHAO_METRICS_TOKEN ?? null, port: e.QIANSHAO_METRICS_PORT ?? null },
  };
}

function quietHoursOf(value: string): { from: string; to: string } | null {
  if (value === '') return null;
  const [from, to] = value.split('-') as [string, string];
  return { from, to };
}

/**
 * The credit-list parameters: the defaults, with the 拒不支付劳动报酬罪
 * amounts and the collective size taken from the risk model (one figure for
 * both), then QIANSHAO_CREDIT_CONFIG merged over them.
 */
function creditConfigFrom(model: ModelConfig, value: string | undefined): CreditConfig {
  const t = model.triggers.overdueWageOrder;
  let base: CreditConfig;
  try {
    base = parseCreditConfig({
      crimeAmountSingle: t.crimeAmountSingle,
      crimeAmountCollective: t.crimeAmountCollective,
      collectiveWorkers: model.petition.collectiveThreshold,
    });
  } catch (err) {
    throw new ConfigError(`invalid configuration: QIANSHAO_SCORING_CONFIG: ${(err as Error).message}`);
  }
  return value === undefined
    ? base
    : loadJsonConfig('QIANSHAO_CREDIT_CONFIG', value, (json) => parseCreditConfig(json, base));
}

/**
 * QIANSHAO_SCORING_CONFIG, QIANSHAO_SLA_CONFIG, QIANSHAO_CREDIT_CONFIG and QIANSHAO_RETENTION are a JSON file's path,
 * or the JSON itself (where there is no file system, as on Workers): a
 * partial override of the defaults, validated as a whole.
 */
function loadJsonConfig<T>(name: string, value: string, parse: (json: unknown) => T): T {
  let text = value;
  if (!value.trimStart().startsWith('{')) {
    try {
      text = readFileSync(value, 'utf8');
    } catch (err) {
      throw new ConfigError(`invalid configuration: ${name}: cannot read ${value}: ${(err as Error).message}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${name}: not JSON: ${(err as Error).message}`);
  }
  try {
    return parse(json);
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${name}: ${(err as Error).message}`);
  }
}
