/**
 * The public provider finder as an attacker or a busy website tries it, over real HTTP (issue #22,
 * items 7 and 9): security headers on every answer, and a rate limit per client address that a
 * forged X-Forwarded-For does not walk around, with a Dutch 429 for people and for the JSON API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EditionStore } from '../../activities/edition-store';
import type { Database } from '../../db/database';
import { buildFinder, type FinderOptions } from '../../web/finder';
import { testDatabase } from '../helpers/database';

let database: Database;
const finders: FastifyInstance[] = [];
async function finder(options: Partial<FinderOptions> = {}): Promise<string> {
  const app = await buildFinder({ database, editions: new EditionStore(), ...options });
  finders.push(app);
  return app.listen({ host: '127.0.0.1', port: 0 });
}

beforeAll(async () => {
  database = await testDatabase('finder_security');
});
afterAll(async () => {
  for (const app of finders) await app.close();
  await database?.close();
});

test('no security headers on the finder: the page, the API and its CSS carry a strict Content-Security-Policy, frame protection, nosniff and a Referrer-Policy', async () => {
  const base = await finder();
  for (const url of ['/zorgzoeker?plaats=Apeldoorn', '/api/zorgzoeker', '/zorgzoeker.css']) {
    const response = await fetch(`${base}${url}`);
    expect({ url, status: response.status }).toEqual({ url, status: 200 });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  }
  // The page's styles come from the stylesheet, not from an inline block the policy would drop.
  const page = readFileSync(join(__dirname, '..', '..', 'web', 'templates', 'zorgzoeker.eta'), 'utf8');
  expect(page).not.toMatch(/<style\b|\sstyle\s*=|<script\b(?![^>]*\bsrc=)/i);
  expect(page).toContain('<link rel="stylesheet" href="/zorgzoeker.css">');
});

test('the public finder has no rate limit: a burst from one address gets a Dutch 429 after 120 requests a minute, and a forged X-Forwarded-For does not start a new count', async () => {
  const base = await finder();
  const statuses: number[] = [];
  for (let i = 0; i < 125; i++) statuses.push((await fetch(`${base}/api/zorgzoeker?plaats=Zwolle`, { headers: { 'x-forwarded-for': `203.0.113.${i % 250}` } })).status);
  expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
  expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
  const api = await fetch(`${base}/api/zorgzoeker?plaats=Zwolle`);
  expect(api.status).toBe(429);
  expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await api.json()).toMatchObject({ error: 'too many requests', message: expect.stringMatching(/^Te veel zoekopdrachten vanaf uw adres\. Probeer het over \d+ seconden opnieuw\.$/) });
  const page = await fetch(`${base}/zorgzoeker?plaats=Zwolle`);
  expect(page.status).toBe(429);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await page.text()).toMatch(/Te veel zoekopdrachten vanaf uw adres\. Probeer het over \d+ seconden opnieuw\./);
});

test('behind a trusted proxy the finder counts each client of the proxy on its own', async () => {
  const base = await finder({ trustedProxies: ['127.0.0.1'], requestsPerMinute: 5 });
  const from = async (address: string) => (await fetch(`${base}/api/zorgzoeker`, { headers: { 'x-forwarded-for': address } })).status;
  for (let i = 0; i < 5; i++) expect(await from('198.51.100.1')).toBe(200);
  expect(await from('198.51.100.1')).toBe(429);
  expect(await from('198.51.100.2')).toBe(200);
});
