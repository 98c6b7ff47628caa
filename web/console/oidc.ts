/**
 * Sign-in through the insurer's OpenID Connect provider (production): the authorisation-code flow
 * with PKCE, state and nonce (openid-client). The person's role comes from a claim of the ID
 * token (`roles` by default, or e.g. `groups`), whose values are mapped to the console's roles by
 * configuration; someone with none of the mapped values is refused, with the reason logged. A
 * callback whose state is not the one this session started with is refused before its code is
 * used, with a page that says so (HTTP 400).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type * as Oidc from 'openid-client';
import { ROLES, type ConsoleUser, type Role } from './users';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The console's public address, e.g. https://zorginkoop.verzekeraar.example (the redirect URI is <it>/inloggen/oidc/terug). */
  publicUrl: string;
  /** The ID-token claim with the person's groups or roles. */
  roleClaim: string;
  /** Claim value → console role. */
  roles: Record<string, Role>;
}

/** Why a sign-in through the identity provider was refused (a security event; web/console/sign-in.ts logs it and shows the page). */
export type OidcRefusal =
  | { reason: 'state' }
  | { reason: 'provider'; error: string }
  | { reason: 'no-role'; username: string; claim: string };

/** What the sign-in routes need of the console. */
export interface OidcHooks {
  signIn(request: FastifyRequest, user: ConsoleUser): Promise<void>;
  refuse(request: FastifyRequest, reply: FastifyReply, refusal: OidcRefusal): Promise<FastifyReply>;
}

/** OpenID Connect sign-in, discovered: adds its routes to the console. */
export interface OidcSignIn {
  routes(app: FastifyInstance, hooks: OidcHooks): void;
}

/** The best role the claims give, or undefined. */
export function roleFromClaims(claims: Record<string, unknown>, settings: Pick<OidcSettings, 'roleClaim' | 'roles'>): Role | undefined {
  const raw = claims[settings.roleClaim];
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[ ,]+/) : [];
  let best: Role | undefined;
  for (const v of values) {
    const role = settings.roles[v];
    if (role && (!best || ROLES.indexOf(role) > ROLES.indexOf(best))) best = role;
  }
  return best;
}

/** Discovers the provider and returns the sign-in routes. */
export async function oidcSignIn(settings: OidcSettings): Promise<OidcSignIn> {
  // openid-client is an ES module: loaded here, when sign-in is configured, not by every importer.
  const oidc: typeof Oidc = await import('openid-client');
  // http: only reaches here for an issuer on this machine (a test provider): the configuration refuses any other.
  const insecure = new URL(settings.issuer).protocol === 'http:';
  const config = await oidc.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
  const redirectUri = new URL('/inloggen/oidc/terug', settings.publicUrl).href;
  return {
    routes(app, hooks) {
      app.get('/inloggen/oidc', async (request, reply) => {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        const nonce = oidc.randomNonce();
        request.session.oidc = { state, verifier, nonce };
        const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid profile email', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce });
        return reply.redirect(url.href);
      });
      app.get('/inloggen/oidc/terug', async (request, reply) => {
        const pending = request.session.oidc;
        request.session.oidc = undefined;
        const current = new URL(request.url, settings.publicUrl);
        // Not started in this session, or the answer to another start (an old tab, a forged link): refused before the code is used.
        if (!pending || current.searchParams.get('state') !== pending.state) return hooks.refuse(request, reply, { reason: 'state' });
        let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
        try {
          tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce });
        } catch (err) {
          // The provider said no (access_denied), or its answer did not check out; an unreachable provider is a 5xx.
          if (err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ResponseBodyError || err instanceof oidc.ClientError) return hooks.refuse(request, reply, { reason: 'provider', error: err.code ?? err.name });
          throw err;
        }
        const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
        const role = roleFromClaims(claims, settings);
        const username = String(claims.preferred_username ?? claims.email ?? claims.sub);
        if (!role) return hooks.refuse(request, reply, { reason: 'no-role', username, claim: settings.roleClaim });
        await hooks.signIn(request, { username, displayName: String(claims.name ?? username), role, via: 'oidc' });
        return reply.redirect('/');
      });
    },
  };
}
