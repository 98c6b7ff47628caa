/**
 * Values that go into a visibility query are checked against the known values (policies, contract
 * kinds, statuses) before anything connects; a value that is not known is a usage error naming the
 * known ones, never part of a query (probe defect 4).
 */
import { runCli } from '../helpers/cli';
import { equals, VisibilityValueError } from '../../operations/visibility';

// Nothing listens here: a command that tried to connect would fail with "cannot reach Temporal".
const env = { TEMPORAL_ADDRESS: '127.0.0.1:1' };

test("defect 4: deadline move --all with a --kind the policy does not have is refused before any query (no injection)", async () => {
  const injected = await runCli(
    ['deadline', 'move', 'signing-deadline', '--policy', 'paramedisch-2027', '--all', '--kind', "x' OR ZorgPolicy = 'zg-2026", '--to', '2026-12-31', '--reason', 'r', '--by', 'b'],
    env,
  );
  expect(injected.code).toBe(2);
  expect(injected.err).toMatch(/contract kind 'x' OR ZorgPolicy = 'zg-2026' is not a contract kind of paramedisch-2027 \(known: fysiotherapie, oefentherapie, /);
  const unknown = await runCli(['deadline', 'move', 'signing-deadline', '--policy', 'paramedisch-2027', '--all', '--kind', 'tandheelkunde', '--to', '2026-12-31', '--reason', 'r', '--by', 'b'], env);
  expect(unknown).toMatchObject({ code: 2, err: expect.stringMatching(/'tandheelkunde' is not a contract kind of paramedisch-2027/) });
});

test('defect 4: a --kind for one provider is checked the same way', async () => {
  const result = await runCli(['status', '04012345', '--policy', 'paramedisch-2027', '--kind', "dietetiek'--"], env);
  expect(result).toMatchObject({ code: 2, err: expect.stringMatching(/is not a contract kind of paramedisch-2027/) });
});

test('a query clause quotes its value, and refuses one with a quote or backslash in it', () => {
  expect(equals('ZorgContractKind', 'dietetiek')).toBe("ZorgContractKind = 'dietetiek'");
  expect(() => equals('ZorgContractKind', "x' OR ZorgPolicy = 'zg-2026")).toThrow(VisibilityValueError);
  expect(() => equals('ZorgPolicy', 'a\\b')).toThrow(/cannot be used in a query/);
});
