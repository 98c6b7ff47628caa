/**
 * The product on a real Temporal cluster (`npm run cluster`'s stack, runtime/cluster.ts): the
 * server built from its Go module, PostgreSQL persistence and SQL visibility, the record in a
 * second database. A campaign of 20 providers through the real worker process and the CLI; every
 * visibility query the product makes is answered by SQL visibility, and the counts per status
 * agree with the record. Runs only where the server is built (`npm run build:temporal-server`).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { PUBLIC_STATUSES } from '../../machines/statuses';
import { startCluster, type Cluster } from '../../runtime/cluster';
import { startMailCatcher, type MailCatcher } from '../../runtime/mail-catcher';
import { findClusterBinaries } from '../../runtime/temporal-cluster';
import { ask, productQueries } from '../../runtime/visibility-queries';
import { runCli } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import { startProcess } from '../helpers/process';

const built = findClusterBinaries();
const describeIfBuilt = 'missing' in built ? describe.skip : describe;
const skipped = 'missing' in built ? ` (skipped: ${built.missing})` : '';
if ('missing' in built) process.stderr.write(`test/services/cluster.test.ts skipped: ${built.missing}\n`);

describeIfBuilt(`a campaign on a real Temporal cluster over PostgreSQL${skipped}`, () => {
  const policy = 'zg-2026';
  const agbCodes = Array.from({ length: 20 }, (_, i) => String(4_100_000 + i).padStart(8, '0'));
  let cluster: Cluster;
  let catcher: MailCatcher;
  let worker: ChildProcess | undefined;
  let connection: Connection;
  let client: Client;
  let record: Pool;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    cluster = await startCluster();
    dataDir = mkdtempSync(join(tmpdir(), 'cluster-test-'));
    catcher = await startMailCatcher({ port: 0 });
    env = { ...cluster.env, TEMPORAL_TASK_QUEUE: 'cluster-test', ZORGINKOOP_DATA_DIR: dataDir, ZORGINKOOP_SMTP_URL: `smtp://127.0.0.1:${catcher.port}` };
    ({ child: worker } = await startProcess(['worker.ts'], env, /polling task queue/));
    connection = await Connection.connect({ address: cluster.address });
    client = new Client({ connection, namespace: 'default' });
    record = new Pool({ connectionString: cluster.recordUrl, max: 2 });
  }, 240_000);

  afterAll(async () => {
    worker?.kill('SIGTERM');
    await connection?.close();
    await record?.end();
    await catcher?.stop();
    await cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const countOf = async (query: string) => (await client.workflow.count(query)).count;
  const rows = async (sql: string) => Number((await record.query<{ n: string }>(sql)).rows[0]!.n);

  test('20 providers started by the CLI; offers, signatures and listings land once each; SQL visibility answers every query the product makes', async () => {
    const file = join(dataDir, 'providers.json');
    writeFileSync(
      file,
      JSON.stringify(
        agbCodes.map((agbCode) => ({
          agbCode,
          name: `Instelling ${agbCode}`,
          email: `contract${agbCode}@aanbieder.example`,
          locations: [{ agbCode, name: 'Hoofdlocatie', city: 'Utrecht' }],
          vektisRegistered: true,
          vecozoCertificate: true,
          contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025, toYear: 2025 }],
        })),
      ),
    );
    const started = await runCli(['campaign', 'start', policy, '--providers', file], env);
    expect(started.err.split('\n').filter((l) => l && !l.startsWith('warning:'))).toEqual([]);
    expect(started.out).toMatch(/^20 started/);
    const conversation = `ZorgPolicy = '${policy}' AND ZorgStatus = 'IN_CONVERSATION'`;
    expect(await eventually(() => countOf(conversation), (n) => n === 20)).toBe(20);

    // Five positive conversations (an offer each), two of them signed (published at once: the publication day has passed).
    for (const agb of agbCodes.slice(0, 5)) expect((await runCli(['outcome', agb, 'positive', '--policy', policy, '--by', 'vera'], env)).code).toBe(0);
    for (const agb of agbCodes.slice(0, 2)) expect((await runCli(['sign', agb, '--policy', policy, '--by', 'vera'], env)).code).toBe(0);
    const published = `ZorgPolicy = '${policy}' AND ZorgStatus = 'PUBLISHED'`;
    expect(await eventually(() => countOf(published), (n) => n === 2)).toBe(2);

    // The record: one invitation and one e-mail per provider, one offer per positive conversation, one contract and one listing per signature.
    expect(await rows("SELECT count(DISTINCT agb_code) AS n FROM portal_messages WHERE kind = 'invitation'")).toBe(20);
    expect(await rows("SELECT count(*) AS n FROM portal_messages WHERE kind = 'offer'")).toBe(5);
    expect(await rows('SELECT count(*) AS n FROM contracts')).toBe(2);
    expect(await rows('SELECT count(*) AS n FROM finder_listings')).toBe(2);
    expect(await eventually(() => rows("SELECT count(*) AS n FROM email_outbox WHERE status = 'sent'"), (n) => n === 25)).toBe(25);

    // Every query the product makes is answered; a grouped count by a custom attribute is not (the server's words).
    const answers = await Promise.all(productQueries(policy).map(async (q) => [q[0], await ask(client, q)] as const));
    const refused = answers.filter(([, a]) => 'refused' in a);
    expect(refused.map(([where]) => where)).toEqual(['(candidate) one grouped count per status']);
    expect(refused[0]![1]).toEqual({ refused: expect.stringContaining("'GROUP BY' clause is not supported for search attribute ZorgStatus") });

    // The counts per status, as the console's overview and `campaign status` ask them, add up to the campaign.
    const perStatus = Object.fromEntries(await Promise.all(PUBLIC_STATUSES.map(async (s) => [s, await countOf(`ZorgPolicy = '${policy}' AND ZorgStatus = '${s}'`)] as const)));
    expect(Object.fromEntries(Object.entries(perStatus).filter(([, n]) => n > 0))).toEqual({ IN_CONVERSATION: 15, OFFERED: 3, PUBLISHED: 2 });
    const status = await runCli(['--json', 'campaign', 'status', policy], env);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/"IN_CONVERSATION":\s*15/);
  });
});
