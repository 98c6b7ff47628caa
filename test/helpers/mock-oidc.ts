/**
 * An OpenID Connect provider for the console's sign-in test (oauth2-mock-server), as a process
 * of its own: `tsx test/helpers/mock-oidc.ts <port> <claims.json>`. Every authorisation is
 * granted at once; every token carries the claims in the file as it reads at that moment (the
 * test rewrites it to sign in as someone else). Prints `issuer <url>` when it listens.
 */
import { readFileSync } from 'node:fs';

async function main(): Promise<void> {
  const [port, claimsFile] = process.argv.slice(2);
  if (!port || !claimsFile) throw new Error('usage: mock-oidc.ts <port> <claims.json>');
  const { OAuth2Server, Events } = await import('oauth2-mock-server');
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  server.service.on(Events.BeforeTokenSigning, (token: { payload: Record<string, unknown> }) => {
    Object.assign(token.payload, JSON.parse(readFileSync(claimsFile, 'utf8')) as Record<string, unknown>);
  });
  await server.start(Number(port), '127.0.0.1');
  process.stdout.write(`issuer ${server.issuer.url}\n`);
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((err: Error) => {
  process.stderr.write(`mock-oidc: ${err.message}\n`);
  process.exit(1);
});
