/**
 * What the console and the finder share against hostile clients: the security headers (helmet),
 * which proxies' X-Forwarded-For to believe, and the log (Fastify's pino, JSON lines) with what
 * must never be in it redacted.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';
import { LogController, type FastifyServerOptions } from 'fastify';

/**
 * Security headers: a Content-Security-Policy that allows only this site's own files (the
 * console's one script, Chart.js and the stylesheets are all served here; no page has an inline
 * script, handler or style), no framing by any site, no MIME sniffing, and no Referer to other
 * sites (URLs carry AGB codes and track ids). No `upgrade-insecure-requests`: TLS is the proxy's,
 * and the demo runs on plain http://localhost.
 */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // A year of HTTPS where the proxy serves it (browsers ignore it over http); the insurer's other hosts are theirs to decide.
  strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: false },
  crossOriginEmbedderPolicy: false,
};

/**
 * Fastify's `trustProxy` for the configured proxies: their addresses, or false (none), so that a
 * client's own X-Forwarded-For never sets `request.ip`.
 */
export function trustProxy(proxies: string[] | undefined): string[] | false {
  return proxies?.length ? proxies : false;
}

/** Where a server's log goes: nowhere (false), stdout (true), or a stream of JSON lines (tests). */
export type LogDestination = boolean | { write(line: string): void };

/**
 * The server's log: JSON lines at `info`, without a line per request (only what the code logs:
 * security events, errors); a request is logged as its method and path only (a query string can
 * carry an OpenID Connect code), and cookies, tokens and passwords are censored wherever an
 * object carries them.
 */
export function logging(destination: LogDestination | undefined): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  if (!destination) return { logger: false };
  return {
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: 'info',
      ...(destination === true ? {} : { stream: destination }),
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, path: req.url?.split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          'password',
          'wachtwoord',
          '_csrf',
          'token',
          'code',
          'state',
          'cookie',
          '*.password',
          '*.wachtwoord',
          '*._csrf',
          '*.token',
          '*.cookie',
        ],
        censor: '[redacted]',
      },
    },
  };
}
