/**
 * A corrupted record in the local stores is named (file, what is wrong) and isolated: the other
 * records are still listed and exported, and the command says that something could not be read
 * (exit code 1) instead of failing for everyone (probe defect 6).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalProviderDirectory } from '../../activities/directory';
import { LocalContractPortal } from '../../activities/portal';
import { runCli } from '../../scripts/local-run';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-problems-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const invitation = (agbCode: string) => ({
  idempotencyKey: `contracting/zg-2026/${agbCode}/invitation`,
  policyId: 'zg-2026',
  agbCode,
  providerName: `Instelling ${agbCode}`,
  sentAt: '2025-09-01T08:00:00.000Z',
});

/** Cuts a stored record in half, as a full disk or a crashed copy would. */
function truncate(folder: string, keyPart: string): string {
  const name = readdirSync(folder).find((n) => decodeURIComponent(n).includes(keyPart))!;
  const file = join(folder, name);
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
  return file;
}

test('defect 6: one truncated portal record is named, and the other messages are still shown', async () => {
  const portal = new LocalContractPortal(dir);
  for (const agb of ['01000001', '01000002', '01000003']) await portal.sendInvitation(invitation(agb));
  const bad = truncate(join(dir, 'portal'), '01000002');

  const problems: { file: string; problem: string }[] = [];
  expect((await portal.messages(undefined, (p) => problems.push(p))).map((m) => m.agbCode)).toEqual(['01000001', '01000003']);
  expect(problems).toEqual([{ file: bad, problem: expect.stringMatching(/not valid JSON/) }]);

  const result = await runCli(['portal'], { ZORGINKOOP_DATA_DIR: dir });
  expect(result.out).toMatch(/01000001/);
  expect(result.out).toMatch(/01000003/);
  expect(result.err).toContain(bad);
  expect(result.code).toBe(1);
});

/** A ZG 2026 listing of one location, as a track publishes it. */
function publishZg(directory: LocalProviderDirectory, agb: string) {
  return directory.publish({
    idempotencyKey: `contracting/zg-2026/${agb}/publication`,
    policyId: 'zg-2026',
    contractYear: 2026,
    agbCode: agb,
    providerName: `Instelling ${agb}`,
    contractKind: 'zg',
    locations: [{ agbCode: agb, name: 'Hoofdlocatie', city: 'Utrecht' }],
    publishedOn: '2025-11-12',
  });
}

test('defect 6: one truncated finder record is named; finder and export list the others', async () => {
  const directory = new LocalProviderDirectory(dir);
  for (const agb of ['01000001', '01000002', '01000003']) await publishZg(directory, agb);
  const bad = truncate(join(dir, 'zorgzoeker'), '01000003');
  for (const argv of [['finder'], ['directory', 'export']]) {
    const result = await runCli(argv, { ZORGINKOOP_DATA_DIR: dir });
    expect(result.out).toMatch(/01000001/);
    expect(result.out).toMatch(/01000002/);
    expect(result.out).not.toMatch(/01000003/);
    expect(result.err).toContain(bad);
    expect(result.code).toBe(1);
  }
});

test('defect 6: an unreadable withdrawal still hides that track\'s listings (never shown after a withdrawal)', async () => {
  const directory = new LocalProviderDirectory(dir);
  const publish = (agb: string) => publishZg(directory, agb);
  await publish('01000001');
  const { listingIds } = await publish('01000002');
  await directory.unpublish({ idempotencyKey: 'contracting/zg-2026/01000002/unpublication', agbCode: '01000002', listingIds, withdrawnOn: '2026-02-01' });
  const bad = truncate(join(dir, 'zorgzoeker-withdrawn'), '01000002');
  const problems: { file: string; problem: string }[] = [];
  expect((await directory.listings((p) => problems.push(p))).map((l) => l.agbCode)).toEqual(['01000001']);
  expect(problems).toEqual([{ file: bad, problem: expect.stringMatching(/listings are hidden/) }]);
});
