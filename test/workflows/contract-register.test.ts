/**
 * The contract register (issue: one system of record): a signed offer writes a contract, a
 * withdrawal an amendment with its day, and next year's campaign takes its running contracts from
 * the register (the yearly loop closes), naming every difference with the provider file.
 *
 * ZG 2026 (000_4af25b5be7b4daf8.txt s4) rehearsed for 2056 and 2057: "only providers contracted
 * the year before are approached" (000 s4), so a provider whose 2056 contract is only in the
 * register is approached in 2057, and one without it is not.
 */
import { AuditLog } from '../../activities/audit';
import { ContractRegister, withRegisteredContracts } from '../../activities/contracts';
import { ProviderSchema, type ProviderInput } from '../../policies/provider';
import { recordConversationOutcomeUpdate, recordSignatureUpdate, statusQuery, withdrawUpdate } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { createWorld, recordHistory, zgInstitution, type World } from '../helpers/world';

const season = rehearsalOf('zg-2026', 2056);
const nextSeason = rehearsalOf('zg-2026', 2057);

let world: World;
let register: ContractRegister;
beforeAll(async () => {
  world = await createWorld('contract-register', [season, nextSeason]);
  register = new ContractRegister(world.database);
});
afterAll(() => world?.close());

const signer = zgInstitution('01000801');
const withdrawn = zgInstitution('01000802');

async function signed(provider: ProviderInput, by: string) {
  const handle = await world.start(season, provider);
  await world.settle(handle, (v) => v.status === 'IN_CONVERSATION');
  await handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper A. de Vries' }] });
  await handle.executeUpdate(recordSignatureUpdate, { args: [{ by }] });
  return handle;
}

test('000 s4/s5: a signed ZG offer is a contract in the register: provider, locations, kind, term, start and end, edition, who signed', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const handle = await signed(signer, 'J. Jansen, bestuurder');
  await world.settle(handle, (v) => v.status === 'SIGNED');
  await recordHistory(handle, 'zg-2026-signed-contract-registered');
  const [contract] = await register.list({ agbCode: signer.agbCode });
  expect(contract).toMatchObject({
    contractId: `${season.id}/zg/${signer.agbCode}`,
    policyId: season.id,
    revision: season.revision,
    careType: 'zg',
    contractKind: 'zg',
    agbCode: signer.agbCode,
    providerName: signer.name,
    locations: signer.locations,
    term: { fromYear: 2056, toYear: 2056 },
    startDate: '2056-01-01',
    endDate: '2056-12-31',
    signedOn: '2055-09-01',
    signedBy: 'J. Jansen, bestuurder',
    withdrawnOn: null,
    amendments: [],
  });
  expect(contract!.offerId).toBe((await world.deps.portal.messages(signer.agbCode)).find((m) => m.kind === 'offer')!.idempotencyKey);
});

test('a withdrawal after signing is an amendment of the contract, from the day it was processed', async () => {
  const handle = await signed(withdrawn, 'M. Smit');
  await world.sleepUntil('2055-10-05T09:00');
  await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'praktijk gesloten', initiatedBy: 'provider', by: 'inkoper A. de Vries' }] });
  await world.settle(handle, (v) => v.history.some((e) => e.event === 'WITHDRAWAL_PROCESSED'));
  const [contract] = await register.list({ agbCode: withdrawn.agbCode });
  await recordHistory(handle, 'zg-2026-signed-withdrawn-amendment');
  await recordHistory(handle, 'zg-2026-withdrawn-audited');
  expect(contract).toMatchObject({ withdrawnOn: '2055-10-05', amendments: [{ kind: 'withdrawn', effectiveDate: '2055-10-05', details: { reason: 'praktijk gesloten', initiatedBy: 'provider' } }] });
  // Withdrawn before its start: no contract runs into the next year.
  expect(await register.list({ year: 2056 })).toHaveLength(2); // the register keeps it, with its amendment
});

test('the audit log keeps who did what and when, from every update a person made', async () => {
  const entries = await new AuditLog(world.database).entries({ agbCode: withdrawn.agbCode });
  expect(entries.map((e) => [e.actor, e.action, e.at.slice(0, 10)])).toEqual([
    ['inkoper A. de Vries', 'CONVERSATION_RECORDED', '2055-09-01'],
    ['M. Smit', 'CONTRACT_SIGNED', '2055-09-01'],
    ['inkoper A. de Vries', 'WITHDRAWN', '2055-10-05'],
  ]);
  expect(entries[0]!.details).toEqual({ outcome: 'positive' });
  expect(entries[2]).toMatchObject({ workflowId: `contracting/${season.id}/${withdrawn.agbCode}`, policyId: season.id, details: { reason: 'praktijk gesloten', initiatedBy: 'provider' } });
});

test('the next season takes running contracts from the register: approached without a contract in the file, differences named', async () => {
  // The 2057 provider file: nobody lists the 2056 contracts; a third provider lists one the register lacks.
  const file = [
    { ...signer, contracts: [] },
    { ...withdrawn, contracts: [] },
    { ...zgInstitution('01000803'), contracts: [{ careType: 'zg' as const, kind: 'zg', fromYear: 2056, toYear: 2056 }] },
    { ...zgInstitution('01000804'), contracts: [] },
  ].map((p) => ProviderSchema.parse(p));
  // The signer's file also claims a tier the register does not have: the register wins.
  file[0] = { ...file[0]!, contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2055, toYear: 2056, tier: 'A' }] };
  const { providers, notes, fromRegister } = await withRegisteredContracts(register, nextSeason.careType, nextSeason.contractYear, file);

  expect(fromRegister).toBe(1);
  expect(providers[0]!.contracts).toEqual([{ careType: 'zg', kind: 'zg', fromYear: 2056, toYear: 2056 }]);
  expect(providers[1]!.contracts).toEqual([]); // withdrawn before it began: no contract
  expect(providers[2]!.contracts).toEqual(file[2]!.contracts); // not in the register: the file's own
  expect(notes).toEqual([{ agbCode: signer.agbCode, text: `the provider file says zg 2055-2056 tier A, the register zg 2056-2056 (${season.id}/zg/${signer.agbCode}): the register is used` }]);

  // The 2057 tracks decide with what the campaign saved: approached (the register's 2056 contract), or not.
  const started = await Promise.all(providers.map((p) => world.start(nextSeason, p)));
  const statuses = [];
  for (const handle of started) {
    await world.settle(handle, (v) => v.track !== undefined);
    statuses.push((await handle.query(statusQuery)).track);
  }
  expect(statuses).toEqual(['negotiation', 'not-approached', 'negotiation', 'not-approached']);
});

test('a note for a contract in the register that the file does not list at all', async () => {
  const { notes } = await withRegisteredContracts(register, 'zg', 2057, [ProviderSchema.parse({ ...signer, contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2056, toYear: 2057 }] })]);
  expect(notes).toEqual([{ agbCode: signer.agbCode, text: `the register has a zg 2056-2056 contract (${season.id}/zg/${signer.agbCode}) that the provider file does not list: taken from the register` }]);
});
