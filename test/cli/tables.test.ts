/**
 * The list commands print tables with a header row; portal messages are labelled by their kind;
 * every day is written the Dutch way ("maandag 8 november 2027"), with no ISO day beside it; and
 * `--json` keeps the records as they are, with ISO days.
 */
import { AuditLog } from '../../activities/audit';
import { ContractRegister } from '../../activities/contracts';
import { LocalProviderDirectory } from '../../activities/directory';
import { LocalContractPortal } from '../../activities/portal';
import { LocalStaffInbox } from '../../activities/staff';
import type { Database } from '../../db/database';
import { main } from '../../cli';
import { deadlineDay, formatProviders, table } from '../../cli/format';
import { deadlinePassesAt } from '../../policies/calendar';
import { databaseEnv, testDatabase } from '../helpers/database';

const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const base = { policyId: 'paramedisch-2027', agbCode: '04000001', providerName: 'Fysio Noord' };

let database: Database;
let env: Record<string, string>;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  database = await testDatabase('cli-tables');
  env = databaseEnv(database);
  const portal = new LocalContractPortal(database);
  await portal.sendInvitation({ ...base, idempotencyKey: 'k1', sentAt: '2026-09-01T08:00:00Z', invitationBy: '2026-09-15' });
  await portal.sendNotice({ ...base, idempotencyKey: 'k2', kind: 'questionnaire', sentAt: '2026-09-02T08:00:00Z', text: 'Vul de vragenlijst in, uiterlijk maandag 2 november 2026.', details: { deadline: '2026-11-02' } });
  await portal.sendNotice({ ...base, idempotencyKey: 'k3', kind: 'tariff-annex', sentAt: '2026-09-03T08:00:00Z', text: 'De tariefbijlage 2027 staat klaar.' });
  await portal.sendOffer({ ...base, idempotencyKey: 'k4', contractKind: 'fysiotherapie', sentAt: '2026-10-01T08:00:00Z', offeredOn: '2026-10-01', signingDeadline: '2027-11-08', tier: 'B' });
  await portal.closeOffer({ idempotencyKey: 'k5', agbCode: base.agbCode, offerId: 'o1', reason: 'expired', closedAt: '2027-11-09T00:00:00Z' });
  await new ContractRegister(database).register({
    ...base, careType: 'paramedisch', contractKind: 'fysiotherapie', locations: [{ agbCode: '04000101', name: 'Fysio Noord Zwolle', city: 'Zwolle' }],
    tier: 'B', term: { fromYear: 2027, toYear: 2027 }, startDate: '2027-01-01', endDate: '2027-12-31', signedOn: '2026-10-20', signedBy: 'the director', offerId: 'o1',
  });
  await new LocalProviderDirectory(database).publish({ ...base, idempotencyKey: 'p1', contractYear: 2027, contractKind: 'fysiotherapie', locations: [{ agbCode: '04000101', name: 'Fysio Noord Zwolle', city: 'Zwolle' }], publishedOn: '2026-11-12' });
  await new AuditLog(database).record({ ...base, idempotencyKey: 'a1', at: '2026-10-05T09:30:00Z', actor: 'anna', action: 'DEADLINE_MOVED', workflowId: 'wf-1', details: { deadline: 'signing-deadline', to: '2027-11-08', reason: 'strike' } });
  await new LocalStaffInbox(database).notify({ ...base, idempotencyKey: 's1', kind: 'escalation', sentAt: '2026-10-06T10:00:00Z', text: 'No answer in 10 days' });
});

afterAll(() => database.close());

test('portal: a header row, each message labelled by its kind, days written out', async () => {
  const { code, out } = await cli('portal');
  expect(code).toBe(0);
  const lines = out.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^SENT\s+AGB\s+KIND\s+PROVIDER\s+WHAT$/);
  const kindOf = (text: string) => lines.find((l) => l.includes(text))?.split(/\s{2,}/)[2];
  expect(kindOf('Vul de vragenlijst')).toBe('questionnaire');
  expect(kindOf('tariefbijlage')).toBe('tariff annex');
  expect(kindOf('purchase conversation')).toBe('invitation');
  expect(kindOf('sign by')).toBe('offer');
  expect(kindOf('expired')).toBe('offer closed');
  expect(lines.filter((l) => l.includes('invitation to the purchase conversation'))).toHaveLength(1);
  expect(out).toContain('sign by maandag 8 november 2027');
  expect(out).toContain('dinsdag 1 september 2026 10:00'); // 08:00 UTC, in Amsterdam summer time
  expect(out).not.toMatch(ISO_DAY);
  const json = JSON.parse((await cli('--json', 'portal')).out) as { kind: string; signingDeadline?: string }[];
  expect(json.map((m) => m.kind).sort()).toEqual(['invitation', 'offer', 'offer-closed', 'questionnaire', 'tariff-annex']);
  expect(json.find((m) => m.kind === 'offer')?.signingDeadline).toBe('2027-11-08');
});

test('contracts list, finder, audit, inbox: headers and written days; --json unchanged', async () => {
  const contracts = await cli('contracts', 'list');
  expect(contracts.out.split('\n')[0]).toMatch(/^AGB\s+PROVIDER\s+KIND\s+TIER\s+FROM\s+TO\s+WITHDRAWN\s+SIGNED\s+SIGNED BY\s+POLICY$/);
  expect(contracts.out).toContain('vrijdag 1 januari 2027');
  expect(contracts.out).toContain('dinsdag 20 oktober 2026');
  expect(contracts.out).not.toMatch(ISO_DAY);
  expect((JSON.parse((await cli('--json', 'contracts', 'list')).out) as { startDate: string }[])[0]?.startDate).toBe('2027-01-01');

  const finder = await cli('finder');
  expect(finder.out.split('\n')[0]).toMatch(/^PUBLISHED\s+LOCATION AGB\s+LOCATION\s+CITY\s+AGB\s+PROVIDER\s+KIND\s+YEAR$/);
  expect(finder.out).toContain('donderdag 12 november 2026  04000101');
  expect(finder.out).not.toMatch(ISO_DAY);

  const audit = await cli('audit');
  expect(audit.out.split('\n')[0]).toMatch(/^AT\s+AGB\s+BY\s+ACTION\s+DETAILS\s+TRACK$/);
  expect(audit.out).toContain('to: maandag 8 november 2027');
  expect(audit.out).not.toMatch(ISO_DAY);
  expect((JSON.parse((await cli('--json', 'audit')).out) as { details: { to: string } }[])[0]?.details.to).toBe('2027-11-08');

  const inbox = await cli('inbox');
  expect(inbox.out.split('\n')[0]).toMatch(/^SENT\s+KIND\s+AGB\s+PROVIDER\s+TEXT$/);
  expect(inbox.out).toContain('dinsdag 6 oktober 2026 12:00  escalation  04000001');

  const mail = await cli('mail');
  expect(mail.out.split('\n')[0]).toMatch(/^AGB\s+STATE\s+SENT\s+TO\s+SUBJECT$/);
});

test('providers list: the next deadline is the last day to act, written out', () => {
  const at = deadlinePassesAt('2027-11-08').toISOString();
  expect(deadlineDay(at)).toBe('2027-11-08');
  const text = formatProviders([{ workflowId: 'w', agbCode: '04000001', policy: 'paramedisch-2027', contractKind: 'fysiotherapie', status: 'OFFERED', nextDeadline: at }]);
  expect(text).toBe(['AGB       POLICY            KIND           TIER  STATUS   NEXT DEADLINE', '04000001  paramedisch-2027  fysiotherapie  -     OFFERED  maandag 8 november 2027'].join('\n'));
});

test('table: aligned columns under a header, empty cells as -', () => {
  expect(table(['A', 'LONG HEADER', 'C'], [['xyz', '', 'last'], ['1', 'b', null]])).toBe(['A    LONG HEADER  C', 'xyz  -            last', '1    b            -'].join('\n'));
});
