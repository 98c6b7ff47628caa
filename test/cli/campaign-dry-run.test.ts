/**
 * `campaign start --dry-run` decides as the real start does: with the running contracts of the
 * register (the yearly loop), naming each difference with the provider file; without a database it
 * says so and decides with the file alone.
 */
import { join } from 'node:path';
import { ContractRegister } from '../../activities/contracts';
import { main } from '../../cli';
import { databaseEnv, testDatabase } from '../helpers/database';

const file = join(__dirname, '..', '..', 'data', 'demo', 'zg-2026-providers.json');

async function dryRun(env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await main(['campaign', 'start', 'zg-2026', '--providers', file, '--dry-run'], env, { out: (t) => (out += t), err: (t) => (err += t) });
  // Every ZG 2026 date has passed: a warning per step (test/cli/past-steps.test.ts), left out here.
  return { code, out, err: err.split(/(?<=\n)/).filter((l) => !/ has passed \(today is /.test(l)).join('') };
}

const trackOf = (out: string, agb: string) => out.split('\n').find((l) => l.startsWith(agb))?.trim().split(/\s{2,}/).at(-1);

test('000 s4: a running contract only the register holds puts the provider on the running-contract track; the difference is named', async () => {
  const database = await testDatabase('campaign-dry-run');
  try {
    await new ContractRegister(database).register({
      policyId: 'zg-2025',
      careType: 'zg',
      contractKind: 'zg',
      agbCode: '01000002',
      providerName: 'Auditief Centrum West',
      locations: [{ agbCode: '01000201', name: 'Auditief Centrum West Leiden', city: 'Leiden' }],
      term: { fromYear: 2025, toYear: 2027 },
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      signedOn: '2024-10-01',
      offerId: 'contracting/zg-2025/01000002/offer',
    });
    const withRegister = await dryRun(databaseEnv(database));
    expect(withRegister.code).toBe(0);
    expect(withRegister.err).toBe('1 difference(s) between the provider file and the contract register:\n  AGB 01000002: the provider file says zg 2024-2025, the register zg 2025-2027 (zg-2025/zg/01000002): the register is used\n');
    expect(trackOf(withRegister.out, '01000002')).toBe('running-contract');
    expect(trackOf(withRegister.out, '01000001')).toBe('negotiation');
  } finally {
    await database.close();
  }

  const without = await dryRun({ ZORGINKOOP_DATABASE_URL: 'postgres://zorginkoop@127.0.0.1:1/zorginkoop' });
  expect(without.code).toBe(0);
  expect(without.err).toMatch(/^warning: the contract register was not read \(cannot bring the schema up to date in the database at 127\.0\.0\.1:1\/zorginkoop \(nothing listens there\): .*ECONNREFUSED.*\); the decisions use the provider file's contracts only\n$/);
  expect(trackOf(without.out, '01000002')).toBe('negotiation');
});
