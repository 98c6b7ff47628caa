/**
 * The one configuration of the worker and the CLI, validated by zod. Only `worker.ts`, the CLI
 * and the start script read the environment; they hand it to `loadConfig`.
 *
 * Defaults are the local dev server. For a Temporal cluster set the address and namespace, and
 * TLS client certificate and key (mTLS) or an API key (Temporal Cloud). Workers on several
 * machines share one PostgreSQL database: set ZORGINKOOP_DATABASE_URL (unset: the embedded one).
 */
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { ConnectionOptions } from '@temporalio/client';
import { z } from 'zod';
import { ObservabilityEnv, observabilityConfig, type ObservabilityConfig } from './observability';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A TCP port to listen on, with its default. */
const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, `a port number, e.g. ${fallback}`)
    .transform(Number)
    .refine((p) => p > 0 && p < 65536, 'the port must be 1-65535')
    .default(fallback);

const EnvSchema = z
  .object({
    TEMPORAL_ADDRESS: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected host:port, e.g. localhost:7233 or my-ns.a1b2c.tmprl.cloud:7233')
      .refine((a) => Number(a.split(':')[1]) > 0 && Number(a.split(':')[1]) < 65536, 'the port must be 1-65535')
      .default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().trim().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dots, dashes and underscores').default('default'),
    TEMPORAL_TASK_QUEUE: nonEmpty.default('zorginkoop'),
    /** mTLS: paths of the client certificate and its key (PEM). */
    TEMPORAL_TLS_CERT: nonEmpty.optional(),
    TEMPORAL_TLS_KEY: nonEmpty.optional(),
    /** Optional CA certificate (PEM) of a self-hosted cluster, and the server name to verify. */
    TEMPORAL_TLS_CA: nonEmpty.optional(),
    TEMPORAL_TLS_SERVER_NAME: nonEmpty.optional(),
    /** Temporal Cloud API key (implies TLS). */
    TEMPORAL_API_KEY: nonEmpty.optional(),
    /** The embedded database's files (`db/`) and the archive of edition revisions. */
    ZORGINKOOP_DATA_DIR: nonEmpty.default('.data'),
    /** The folder of policy edition files (YAML); unset: the repository's `editions/`. */
    ZORGINKOOP_EDITIONS_DIR: nonEmpty.optional(),
    /**
     * The PostgreSQL server of the system of record (workers on several machines):
     * postgres://user:password@host:5432/database. Unset: the embedded database on this machine
     * (127.0.0.1 at ZORGINKOOP_DATABASE_PORT, its password in the data folder, served by `npm start`
     * or `npm run database`).
     */
    ZORGINKOOP_DATABASE_URL: nonEmpty
      .superRefine((u, ctx) => {
        const url = parseUrl(u);
        if (url === null) ctx.addIssue({ code: 'custom', message: 'expected a URL, e.g. postgres://zorginkoop:password@db.example:5432/zorginkoop' });
        else if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') ctx.addIssue({ code: 'custom', message: 'must start with postgres:// or postgresql://' });
      })
      .optional(),
    /**
     * The embedded database's port on 127.0.0.1 (when ZORGINKOOP_DATABASE_URL is unset): several
     * installations on one machine each need one of their own.
     */
    ZORGINKOOP_DATABASE_PORT: port(7432),
    /** A folder with PostgreSQL's `initdb` and `postgres` for the embedded database, in place of the npm package's (a platform it has none for). */
    ZORGINKOOP_POSTGRES_BIN_DIR: nonEmpty.optional(),
    /** Where the public provider finder (`npm run finder`) listens: port, and the address (0.0.0.0 for every interface). */
    ZORGINKOOP_FINDER_PORT: port(8234),
    ZORGINKOOP_FINDER_HOST: nonEmpty.default('127.0.0.1'),
    /** The public finder's rate limit: requests a minute per client address (0: none, e.g. where a gateway in front limits). */
    ZORGINKOOP_FINDER_REQUESTS_PER_MINUTE: z
      .string()
      .regex(/^\d{1,7}$/, 'a whole number of requests per minute per address, e.g. 120 (0: no limit)')
      .transform(Number)
      .default(120),
    /**
     * The proxies in front of the console and the finder whose X-Forwarded-For is believed: IP
     * addresses or CIDR ranges, separated by commas. Unset: none, and the client's address is the
     * connecting one (a header anyone can send never decides the sign-in limit or the finder's).
     */
    ZORGINKOOP_TRUSTED_PROXIES: z
      .string()
      .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
      .superRefine((list, ctx) => {
        for (const p of list.filter((p) => !isAddressOrRange(p))) ctx.addIssue({ code: 'custom', message: `'${p}' is not an IP address or CIDR range; give the addresses of the proxies in front of the console and the finder, separated by commas (e.g. 127.0.0.1,10.0.0.0/8)` });
      })
      .default([]),
    /**
     * The SMTP server e-mail to providers goes through (smtp://host:port, smtps://user:password@host:465).
     * Default: the local catcher that `npm start` runs (npm run mail-catcher).
     */
    ZORGINKOOP_SMTP_URL: nonEmpty
      .superRefine((u, ctx) => {
        const url = parseUrl(u);
        if (url === null || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')) ctx.addIssue({ code: 'custom', message: 'expected smtp://host:port or smtps://user:password@host:465' });
      })
      .default('smtp://127.0.0.1:2525'),
    /**
     * TLS to the mail server: `auto` (default) requires it (STARTTLS on smtp://) for every server
     * but this machine's own (the local catcher); `required` for that one too; `off` allows an
     * unencrypted relay elsewhere (an internal relay without TLS, by an explicit choice).
     */
    ZORGINKOOP_SMTP_TLS: z.enum(['auto', 'required', 'off']).default('auto'),
    /** The sender of e-mail to providers. */
    ZORGINKOOP_MAIL_FROM: nonEmpty.default('Zorginkoop <zorginkoop@zorgverzekeraar.example>'),
    /**
     * The purchasing address providers write to ("Vragen over zorginkoop: zorginkoop@..."): the
     * local catcher keeps what is sent to it for the filer (docs/mailbox.md).
     */
    ZORGINKOOP_PURCHASING_ADDRESS: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'expected an e-mail address, e.g. zorginkoop@verzekeraar.example')
      .default('zorginkoop@zorgverzekeraar.example'),
    /**
     * Production: the purchasing mailbox on the insurer's mail server, read by every worker
     * (imaps://user:password@host:993/INBOX; the folder defaults to INBOX). Unset: only the local catcher.
     */
    ZORGINKOOP_IMAP_URL: nonEmpty
      .superRefine((u, ctx) => {
        const url = parseUrl(u);
        if (url === null || (url.protocol !== 'imap:' && url.protocol !== 'imaps:')) ctx.addIssue({ code: 'custom', message: 'expected imaps://user:password@host:993/INBOX (imap:// only to this machine)' });
        else if (!url.username) ctx.addIssue({ code: 'custom', message: 'name the mailbox user: imaps://user:password@host:993/INBOX' });
        else if (url.protocol === 'imap:' && !isLoopback(url.hostname)) ctx.addIssue({ code: 'custom', message: 'imap:// sends the password unencrypted: use imaps:// for a mail server other than this machine' });
      })
      .optional(),
    /** Where the staff console (`npm run console`) listens. */
    ZORGINKOOP_CONSOLE_PORT: port(8235),
    ZORGINKOOP_CONSOLE_HOST: nonEmpty.default('127.0.0.1'),
    /** Signs the console's session cookies: at least 32 characters, the same for every console process. Unset: one kept in the data folder (one machine). */
    ZORGINKOOP_CONSOLE_SECRET: z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)').optional(),
    /** A console session ends after this many minutes without a request (and after 12 hours in any case). */
    ZORGINKOOP_CONSOLE_SESSION_MINUTES: z
      .string()
      .regex(/^\d+$/, 'a whole number of minutes, e.g. 60')
      .transform(Number)
      .refine((m) => m >= 1 && m <= 720, 'between 1 and 720 minutes')
      .default(60),
    /** The console's public address (behind a proxy, for the OpenID Connect redirect), e.g. https://zorginkoop.verzekeraar.example. */
    ZORGINKOOP_CONSOLE_URL: nonEmpty
      .superRefine((u, ctx) => {
        const url = parseUrl(u);
        if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) ctx.addIssue({ code: 'custom', message: 'expected http(s)://host[:port]' });
      })
      .optional(),
    /** OpenID Connect sign-in (production): the issuer URL of the insurer's identity provider, and this client's id and secret. */
    ZORGINKOOP_OIDC_ISSUER: nonEmpty
      .superRefine((u, ctx) => {
        const url = parseUrl(u);
        if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) ctx.addIssue({ code: 'custom', message: 'expected the issuer URL, e.g. https://login.verzekeraar.example/realms/staff' });
        // Tokens and the client secret travel to the issuer: over TLS, except on this machine (a test provider).
        else if (url.protocol === 'http:' && !isLoopback(url.hostname)) ctx.addIssue({ code: 'custom', message: 'the issuer must use https:// (http:// only on a loopback address such as 127.0.0.1, for testing)' });
      })
      .optional(),
    ZORGINKOOP_OIDC_CLIENT_ID: nonEmpty.optional(),
    ZORGINKOOP_OIDC_CLIENT_SECRET: nonEmpty.optional(),
    /** The ID-token claim with the person's roles or groups. */
    ZORGINKOOP_OIDC_ROLE_CLAIM: nonEmpty.default('roles'),
    /** Claim values to console roles: value=role, separated by commas. */
    ZORGINKOOP_OIDC_ROLES: z
      .string()
      .trim()
      .regex(/^[^=,\s]+=(viewer|purchaser|coordinator)(\s*,\s*[^=,\s]+=(viewer|purchaser|coordinator))*$/, 'value=role pairs separated by commas, each role viewer, purchaser or coordinator (e.g. zorginkoop-inkoper=purchaser)')
      .default('zorginkoop-viewer=viewer,zorginkoop-inkoper=purchaser,zorginkoop-coordinator=coordinator'),
    /** The PostgreSQL schema of zorginkoop's tables (default `public`): several installations, or tests, in one database. */
    ZORGINKOOP_DATABASE_SCHEMA: z
      .string()
      .trim()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and underscores, starting with a letter or underscore (e.g. zorginkoop)')
      .default('public'),
    /**
     * How many workflows a worker keeps in memory between their tasks (the SDK's sticky cache).
     * Unset: the SDK's default, from the worker's heap size. Tracks wait months between steps, so
     * a bound trades memory for a replay when an evicted track wakes (`npm run bench:memory`).
     */
    ZORGINKOOP_MAX_CACHED_WORKFLOWS: z
      .string()
      .regex(/^\d+$/, 'a whole number of workflows, e.g. 2000')
      .transform(Number)
      .optional(),
    /** How much the worker logs: INFO shows every worker state change and the workflow bundle. */
    ZORGINKOOP_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
    ...ObservabilityEnv,
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
      const missing = env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY' });
    }
    if (env.TEMPORAL_API_KEY && env.TEMPORAL_TLS_CERT) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_API_KEY'], message: 'use either an API key or a client certificate, not both' });
    }
    if (env.ZORGINKOOP_OIDC_ISSUER && !env.ZORGINKOOP_OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['ZORGINKOOP_OIDC_CLIENT_ID'], message: 'OpenID Connect sign-in needs the client id (ZORGINKOOP_OIDC_ISSUER is set)' });
    if (env.ZORGINKOOP_OIDC_ISSUER && !env.ZORGINKOOP_CONSOLE_URL) ctx.addIssue({ code: 'custom', path: ['ZORGINKOOP_CONSOLE_URL'], message: "OpenID Connect sign-in needs the console's public address for the redirect (ZORGINKOOP_OIDC_ISSUER is set)" });
  });

const SECRETS = new Set(['TEMPORAL_API_KEY', 'ZORGINKOOP_CONSOLE_SECRET', 'ZORGINKOOP_OIDC_CLIENT_SECRET']);
/** Values that are URLs which may carry a password: shown with the password masked. */
const URLS_WITH_PASSWORDS = new Set(['ZORGINKOOP_DATABASE_URL', 'ZORGINKOOP_SMTP_URL', 'ZORGINKOOP_IMAP_URL']);

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * A URL with its password replaced by `***`, for messages and logs; null where the value is not a
 * `scheme://` URL (then it is not shown at all: in `user:pw@host` the parser takes `user:` for the
 * scheme, and the password would show).
 */
function redactUrl(value: string): string | null {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? parseUrl(value) : null;
  if (!url) return null;
  if (url.password) url.password = '***';
  if (url.searchParams.has('password')) url.searchParams.set('password', '***');
  return url.href;
}

/** A URL as logs may show it: its password masked. */
export function redactedUrl(value: string): string {
  return redactUrl(value) ?? '(a URL)';
}

/** The validated configuration. */
export interface Config {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { certPath: string; keyPath: string; caPath?: string; serverName?: string } | { caPath?: string; serverName?: string };
  apiKey?: string;
  dataDir: string;
  /** The folder of policy edition files; absent: the repository's `editions/`. */
  editionsDir?: string;
  /** PostgreSQL for the system of record; absent: the embedded database on this machine. */
  databaseUrl?: string;
  /** The schema of the tables in that database. */
  databaseSchema: string;
  /** The embedded database's port on 127.0.0.1. */
  databasePort: number;
  /** PostgreSQL binaries for the embedded database in place of the npm package's. */
  postgresBinDir?: string;
  /** Where e-mail to providers goes, and from whom. */
  smtpUrl: string;
  /** No e-mail goes out unencrypted (ZORGINKOOP_SMTP_TLS). */
  smtpRequireTls: boolean;
  mailFrom: string;
  /** The purchasing address, and the production mailbox that receives it where set (ZORGINKOOP_IMAP_URL). */
  purchasingAddress: string;
  imapUrl?: string;
  /** The public provider finder's address, and its rate limit per client address (0: none). */
  finder: { host: string; port: number; requestsPerMinute: number };
  /** The proxies (addresses, CIDR ranges) whose X-Forwarded-For the console and the finder believe; empty: none. */
  trustedProxies: string[];
  /** The staff console: address, session secret and length, and OpenID Connect sign-in where set. */
  console: {
    host: string;
    port: number;
    secret?: string;
    sessionMinutes: number;
    publicUrl?: string;
    oidc?: { issuer: string; clientId: string; clientSecret?: string; roleClaim: string; roles: Record<string, 'viewer' | 'purchaser' | 'coordinator'> };
  };
  logLevel: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** The worker's workflow cache size; absent: the SDK's default. */
  maxCachedWorkflows?: number;
  /** True when nothing points away from the local dev server. */
  isLocalDevServer: boolean;
  observability: ObservabilityConfig /* metrics endpoints, the log format (config/observability.ts) */;
}

/** A configuration value that is wrong: names the variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from an environment (`process.env` in callers). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        const value = env[name];
        // Never echo a secret into logs, nor the password in a database URL.
        const safe = value === undefined || SECRETS.has(name) ? null : URLS_WITH_PASSWORDS.has(name) ? redactUrl(value) : value;
        const shown = safe === null ? '' : `=${JSON.stringify(safe)}`;
        return `${name}${shown}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.ZORGINKOOP_EDITIONS_DIR && !isDirectory(resolve(e.ZORGINKOOP_EDITIONS_DIR))) {
    throw new ConfigError([`ZORGINKOOP_EDITIONS_DIR=${JSON.stringify(e.ZORGINKOOP_EDITIONS_DIR)}: no such folder (it holds the policy edition files, e.g. paramedisch-2028.yaml)`]);
  }
  const ca = { caPath: e.TEMPORAL_TLS_CA, serverName: e.TEMPORAL_TLS_SERVER_NAME };
  const tls = e.TEMPORAL_TLS_CERT
    ? { certPath: e.TEMPORAL_TLS_CERT, keyPath: e.TEMPORAL_TLS_KEY!, ...ca }
    : e.TEMPORAL_API_KEY || e.TEMPORAL_TLS_CA
      ? ca
      : undefined;
  return {
    address: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    tls,
    apiKey: e.TEMPORAL_API_KEY,
    dataDir: resolve(e.ZORGINKOOP_DATA_DIR),
    ...(e.ZORGINKOOP_EDITIONS_DIR ? { editionsDir: resolve(e.ZORGINKOOP_EDITIONS_DIR) } : {}),
    databaseUrl: e.ZORGINKOOP_DATABASE_URL,
    databaseSchema: e.ZORGINKOOP_DATABASE_SCHEMA,
    databasePort: e.ZORGINKOOP_DATABASE_PORT,
    ...(e.ZORGINKOOP_POSTGRES_BIN_DIR ? { postgresBinDir: resolve(e.ZORGINKOOP_POSTGRES_BIN_DIR) } : {}),
    finder: { host: e.ZORGINKOOP_FINDER_HOST, port: e.ZORGINKOOP_FINDER_PORT, requestsPerMinute: e.ZORGINKOOP_FINDER_REQUESTS_PER_MINUTE },
    trustedProxies: e.ZORGINKOOP_TRUSTED_PROXIES,
    console: {
      host: e.ZORGINKOOP_CONSOLE_HOST,
      port: e.ZORGINKOOP_CONSOLE_PORT,
      secret: e.ZORGINKOOP_CONSOLE_SECRET,
      sessionMinutes: e.ZORGINKOOP_CONSOLE_SESSION_MINUTES,
      publicUrl: e.ZORGINKOOP_CONSOLE_URL,
      ...(e.ZORGINKOOP_OIDC_ISSUER
        ? {
            oidc: {
              issuer: e.ZORGINKOOP_OIDC_ISSUER,
              clientId: e.ZORGINKOOP_OIDC_CLIENT_ID!,
              clientSecret: e.ZORGINKOOP_OIDC_CLIENT_SECRET,
              roleClaim: e.ZORGINKOOP_OIDC_ROLE_CLAIM,
              roles: Object.fromEntries(e.ZORGINKOOP_OIDC_ROLES.split(',').map((pair) => pair.trim().split('=') as [string, 'viewer' | 'purchaser' | 'coordinator'])),
            },
          }
        : {}),
    },
    smtpUrl: e.ZORGINKOOP_SMTP_URL,
    smtpRequireTls: e.ZORGINKOOP_SMTP_TLS === 'required' || (e.ZORGINKOOP_SMTP_TLS === 'auto' && !isLoopback(new URL(e.ZORGINKOOP_SMTP_URL).hostname)),
    mailFrom: e.ZORGINKOOP_MAIL_FROM,
    purchasingAddress: e.ZORGINKOOP_PURCHASING_ADDRESS,
    ...(e.ZORGINKOOP_IMAP_URL ? { imapUrl: e.ZORGINKOOP_IMAP_URL } : {}),
    logLevel: e.ZORGINKOOP_LOG_LEVEL,
    ...(e.ZORGINKOOP_MAX_CACHED_WORKFLOWS !== undefined ? { maxCachedWorkflows: e.ZORGINKOOP_MAX_CACHED_WORKFLOWS } : {}),
    isLocalDevServer: /^(localhost|127\.0\.0\.1):7233$/.test(e.TEMPORAL_ADDRESS) && !tls && !e.TEMPORAL_API_KEY,
    observability: observabilityConfig(e),
  };
}

/** This machine's own addresses: mail to them never leaves it. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An IP address, or a CIDR range of one (10.0.0.0/8, fd00::/8), as Fastify's trustProxy takes them. */
function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError([`${variable}=${JSON.stringify(path)}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
}

/** Connection options for `Connection.connect` and `NativeConnection.connect`. */
export function connectionOptions(config: Config): ConnectionOptions & { address: string; apiKey?: string } {
  const { tls } = config;
  return {
    address: config.address,
    apiKey: config.apiKey,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: tls.caPath ? readPem('TEMPORAL_TLS_CA', tls.caPath) : undefined,
          clientCertPair:
            'certPath' in tls
              ? { crt: readPem('TEMPORAL_TLS_CERT', tls.certPath), key: readPem('TEMPORAL_TLS_KEY', tls.keyPath) }
              : undefined,
        }
      : undefined,
  };
}
