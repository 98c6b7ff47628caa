/**
 * The product's metrics (activities/metrics.ts) where they are counted: effects by outcome and
 * business refusals in the activities, the relay's failed sends, the outbox read from the database
 * at scrape time, NEEDS_ATTENTION by one visibility count, the finder's requests; and the
 * endpoint that serves them answers /metrics only.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createActivities, localDeps } from '../../activities';
import { EditionStore } from '../../activities/edition-store';
import { EmailRelay } from '../../activities/mail';
import { ProductMetrics, serveMetrics } from '../../activities/metrics';
import { LocalContractPortal, PortalRefusal } from '../../activities/portal';
import type { Database } from '../../db/database';
import { buildFinder } from '../../web/finder';
import { testDatabase } from '../helpers/database';

let database: Database;
beforeAll(async () => {
  database = await testDatabase('product_metrics');
});
afterAll(async () => {
  await database?.close();
});

/** A sample's value (`name{labels} value`), 0 where the series is absent. */
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

const invitation = (key: string) => ({ idempotencyKey: key, policyId: 'zg-2026', agbCode: '01000001', providerName: 'Praktijk', sentAt: '2025-09-01T09:00:00Z' });

test('an effect is counted done, refused (also a business refusal) or error (retried); a refusal stays final for the workflow', async () => {
  const metrics = new ProductMetrics();
  const portal = new LocalContractPortal(database);
  let answer: 'ok' | 'refuse' | 'outage' = 'ok';
  const refusing = Object.assign(Object.create(portal) as LocalContractPortal, {
    sendInvitation: async (request: ReturnType<typeof invitation>) => {
      if (answer === 'refuse') throw new PortalRefusal('provider unknown to the portal');
      if (answer === 'outage') throw new Error('connect ECONNREFUSED');
      return portal.sendInvitation(request);
    },
  });
  const activities = createActivities({ ...localDeps(database), portal: refusing, editions: new EditionStore(), metrics });
  await activities.sendInvitation(invitation('metrics/1'));
  answer = 'refuse';
  const refused = await activities.sendInvitation(invitation('metrics/2')).catch((err: unknown) => err);
  expect(refused).toBeInstanceOf(ApplicationFailure);
  expect(refused).toMatchObject({ nonRetryable: true, type: 'PortalRefusal' });
  answer = 'outage';
  await expect(activities.sendInvitation(invitation('metrics/3'))).rejects.toThrow('ECONNREFUSED');
  await activities.recordAudit({ idempotencyKey: 'metrics/audit/1', workflowId: 'contracting/zg-2026/01000001', policyId: 'zg-2026', agbCode: '01000001', action: 'CONVERSATION_OUTCOME', actor: 'inkoper', at: '2025-09-01T09:00:00Z', details: {} });

  const text = await metrics.text();
  expect(value(text, 'zorginkoop_effects_total{effect="sendInvitation",outcome="done"}')).toBe(1);
  expect(value(text, 'zorginkoop_effects_total{effect="sendInvitation",outcome="refused"}')).toBe(1);
  expect(value(text, 'zorginkoop_effects_total{effect="sendInvitation",outcome="error"}')).toBe(1);
  expect(value(text, 'zorginkoop_business_refusals_total{effect="sendInvitation"}')).toBe(1);
  expect(value(text, 'zorginkoop_effects_total{effect="recordAudit",outcome="done"}')).toBe(1);
});

test('the outbox at scrape time: waiting, failing, sent and no-address e-mails and the oldest wait; the relay counts a failed send', async () => {
  await database.db.deleteFrom('email_outbox').execute();
  const metrics = new ProductMetrics().watchOutbox(database);
  const row = (key: string, status: string, extra: Record<string, unknown> = {}) =>
    database.db.insertInto('email_outbox').values({ idempotency_key: key, agb_code: '01000001', kind: 'invitation', to_address: 'praktijk@zorg.example', subject: 'Onderwerp', body: 'Tekst', status, ...extra }).execute();
  await row('gauge/pending', 'pending', { created_at: new Date(Date.now() - 120_000), next_attempt_at: new Date(Date.now() + 3600_000) });
  await row('gauge/failing', 'pending', { last_error: '421 try later', next_attempt_at: new Date(Date.now() + 3600_000) });
  await row('gauge/sent', 'sent');
  await row('gauge/none', 'no-address', { to_address: null });
  const text = await metrics.text();
  expect(value(text, 'zorginkoop_emails{status="pending"}')).toBe(2);
  expect(value(text, 'zorginkoop_emails{status="sent"}')).toBe(1);
  expect(value(text, 'zorginkoop_emails{status="no-address"}')).toBe(1);
  expect(value(text, 'zorginkoop_emails_failing')).toBe(1);
  expect(value(text, 'zorginkoop_email_outbox_oldest_seconds')).toBeGreaterThanOrEqual(119);

  // A mail server that refuses the connection: the attempt counts as failed.
  await row('gauge/due', 'pending', { next_attempt_at: new Date(Date.now() - 1000) });
  const relay = new EmailRelay(database, { smtpUrl: 'smtp://127.0.0.1:1', from: 'zorginkoop@zorgverzekeraar.example', log: () => undefined, metrics });
  expect(await relay.sendDue()).toBe(0);
  await relay.stop();
  expect(value(await metrics.text(), 'zorginkoop_email_sends_total{outcome="failed"}')).toBe(1);
});

test('NEEDS_ATTENTION is one count of running tracks at scrape time; a server that does not answer leaves the last value', async () => {
  const queries: string[] = [];
  let answer: number | Error = 3;
  const client = {
    workflow: {
      count: async (query?: string) => {
        queries.push(query ?? '');
        if (answer instanceof Error) throw answer;
        return { count: answer, groups: [] };
      },
    },
  };
  const metrics = new ProductMetrics().watchTracks(client);
  expect(value(await metrics.text(), 'zorginkoop_tracks_needs_attention')).toBe(3);
  expect(queries).toEqual(["ExecutionStatus = 'Running' AND ZorgStatus = 'NEEDS_ATTENTION'"]);
  answer = new Error('unavailable');
  await new Promise((r) => setTimeout(r, 1100));
  expect(value(await metrics.text(), 'zorginkoop_tracks_needs_attention')).toBe(3);
});

test("the endpoint answers GET /metrics only; the finder counts its requests and never serves metrics on its public port", async () => {
  const metrics = new ProductMetrics();
  const finder = await buildFinder({ database, editions: new EditionStore(), metrics });
  const base = await finder.listen({ host: '127.0.0.1', port: 0 });
  const endpoint = await serveMetrics(metrics, { host: '127.0.0.1', port: 0 });
  try {
    expect((await fetch(`${base}/api/zorgzoeker?plaats=Apeldoorn`)).status).toBe(200);
    const onPublic = await fetch(`${base}/metrics`);
    expect(onPublic.status).toBe(404);
    expect(await onPublic.text()).not.toContain('zorginkoop_');
    const response = await fetch(endpoint.url);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(value(text, 'zorginkoop_finder_requests_total{route="/api/zorgzoeker",status="200"}')).toBe(1);
    expect(value(text, 'zorginkoop_finder_requests_total{route="other",status="404"}')).toBe(1);
    expect((await fetch(endpoint.url.replace('/metrics', '/'))).status).toBe(404);
  } finally {
    await endpoint.close();
    await finder.close();
  }
});
